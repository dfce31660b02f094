using System.Text.RegularExpressions;

namespace InboxApp.Tests.Infrastructure;

/// <summary>Reads the .eml files the app writes to its mail folder when no SMTP server is configured.</summary>
public static partial class MailReader
{
    public static string? Latest(InboxAppFactory factory, string to)
    {
        if (!Directory.Exists(factory.MailDirectory)) return null;
        return Directory.GetFiles(factory.MailDirectory, "*.eml")
            .Select(f => (File: f, Text: File.ReadAllText(f), Time: File.GetLastWriteTimeUtc(f)))
            .Where(m => m.Text.Contains($"To: {to}", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(m => m.Time)
            .Select(m => Unfold(m.Text))
            .FirstOrDefault();
    }

    public static string LatestCode(InboxAppFactory factory, string to)
    {
        var mail = Latest(factory, to) ?? throw new InvalidOperationException($"No mail to {to}");
        return CodePattern().Match(mail).Groups[1].Value;
    }

    /// <summary>The first http(s) link in the latest mail to <paramref name="to"/>.</summary>
    public static string LatestLink(InboxAppFactory factory, string to)
    {
        var mail = Latest(factory, to) ?? throw new InvalidOperationException($"No mail to {to}");
        return LinkPattern().Match(mail).Value;
    }

    /// <summary>Decodes the quoted-printable body: soft line breaks and <c>=XX</c> byte escapes (UTF-8).</summary>
    private static string Unfold(string text)
    {
        var unwrapped = text.Replace("=\r\n", "").Replace("=\n", "");
        var bytes = new List<byte>(unwrapped.Length);
        for (var i = 0; i < unwrapped.Length; i++)
        {
            if (unwrapped[i] == '=' && i + 2 < unwrapped.Length && Uri.IsHexDigit(unwrapped[i + 1]) && Uri.IsHexDigit(unwrapped[i + 2]))
            {
                bytes.Add(Convert.ToByte(unwrapped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(unwrapped[i].ToString()));
            }
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"code is (\d{6})")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
