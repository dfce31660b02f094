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

    // Quoted-printable soft line breaks and =3D escapes.
    private static string Unfold(string text) => text.Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");

    [GeneratedRegex(@"code is (\d{6})")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
