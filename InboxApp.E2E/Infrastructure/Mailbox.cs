using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace InboxApp.E2E.Infrastructure;

/// <summary>Reads the .eml files the app writes to <c>{DataDirectory}/mail</c> when no SMTP server is configured.</summary>
public static partial class Mailbox
{
    /// <summary>The 6-digit sign-in code of the newest mail to <paramref name="to"/> sent after <paramref name="since"/>; waits up to 10 s for it.</summary>
    public static async Task<string> SignInCodeAsync(InboxServer server, string to, DateTime since)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var body = Latest(server, to, since);
            if (body is not null && CodePattern().Match(body) is { Success: true } match) return match.Groups[1].Value;
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException($"No sign-in code mailed to {to} in {server.MailDirectory}");
            await Task.Delay(100);
        }
    }

    /// <summary>The sign-up confirmation link of the newest mail to <paramref name="to"/> sent after <paramref name="since"/>; waits up to 10 s for it.</summary>
    public static async Task<string> SignupLinkAsync(InboxServer server, string to, DateTime since)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var body = Latest(server, to, since);
            if (body is not null && SignupLinkPattern().Match(body) is { Success: true } match) return match.Value;
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException($"No sign-up link mailed to {to} in {server.MailDirectory}");
            await Task.Delay(100);
        }
    }

    /// <summary>The invitation link of the newest mail to <paramref name="to"/> sent after <paramref name="since"/>; waits up to 10 s for it.</summary>
    public static async Task<string> InvitationLinkAsync(InboxServer server, string to, DateTime since)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var body = Latest(server, to, since);
            if (body is not null && InvitationLinkPattern().Match(body) is { Success: true } match) return match.Value;
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException($"No invitation link mailed to {to} in {server.MailDirectory}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"https?://\S+/invite/[A-Za-z0-9_\-]+")]
    private static partial Regex InvitationLinkPattern();

    [GeneratedRegex(@"https?://\S+/signup/[A-Za-z0-9_\-]+")]
    private static partial Regex SignupLinkPattern();

    private static string? Latest(InboxServer server, string to, DateTime since)
    {
        if (!Directory.Exists(server.MailDirectory)) return null;
        var mails = Directory.GetFiles(server.MailDirectory, "*.eml")
            .Select(f => new FileInfo(f))
            .Where(f => f.LastWriteTimeUtc >= since)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Select(f => Parse(File.ReadAllText(f.FullName)));
        return mails.Where(m => m.Headers.Contains($"To: {to}", StringComparison.OrdinalIgnoreCase)).Select(m => m.Body).FirstOrDefault();
    }

    /// <summary>Splits headers from body and decodes the body's transfer encoding (quoted-printable soft breaks, base64).</summary>
    public static (string Headers, string Body) Parse(string eml)
    {
        var separator = eml.Contains("\r\n\r\n", StringComparison.Ordinal) ? "\r\n\r\n" : "\n\n";
        var at = eml.IndexOf(separator, StringComparison.Ordinal);
        if (at < 0) return (eml, "");
        var headers = eml[..at];
        var body = eml[(at + separator.Length)..];
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
            return (headers, Encoding.UTF8.GetString(Convert.FromBase64String(Whitespace().Replace(body, ""))));
        if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
            return (headers, DecodeQuotedPrintable(body));
        return (headers, body);
    }

    private static string DecodeQuotedPrintable(string text)
    {
        var unfolded = text.Replace("=\r\n", "").Replace("=\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == '=' && i + 2 < unfolded.Length && Uri.IsHexDigit(unfolded[i + 1]) && Uri.IsHexDigit(unfolded[i + 2]))
            {
                bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(unfolded[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"\s")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"code is (\d{6})")]
    private static partial Regex CodePattern();
}
