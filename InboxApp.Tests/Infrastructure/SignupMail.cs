using System.Text.RegularExpressions;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// The sign-up link the app mails (<c>{PublicBaseUrl}/signup/{token}</c>), read from a mail's text or from the .eml files
/// a host writes to its mail folder (hosts in another process: <see cref="Campaigns.CampaignKillTests"/>).
/// The bench tool keeps its own copy (<c>bench/InboxApp.Bench/BenchSignup.cs</c>): it does not reference the tests.
/// </summary>
public static partial class SignupMail
{
    /// <summary>The token of the sign-up link in <paramref name="text"/>, or null.</summary>
    public static string? TokenIn(string text) => SignupLink().Match(Unwrap(text)) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The token of the invitation link (<c>{PublicBaseUrl}/invite/{token}</c>) in <paramref name="text"/>, or null.</summary>
    public static string? InvitationTokenIn(string text) => InviteLink().Match(Unwrap(text)) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The token of the newest sign-up link mailed to <paramref name="email"/> as an .eml file in <paramref name="folder"/>, or null.</summary>
    public static string? TokenFrom(string folder, string email) =>
        !Directory.Exists(folder) ? null
        : Directory.GetFiles(folder, "*.eml")
            .Select(f => (Text: File.ReadAllText(f), Time: File.GetLastWriteTimeUtc(f)))
            .Where(m => m.Text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(m => m.Time)
            .Select(m => TokenIn(m.Text)).FirstOrDefault(t => t is not null);

    /// <summary>Polls <paramref name="folder"/> until a sign-up link to <paramref name="email"/> is there (mail is written after the answer).</summary>
    public static async Task<string> WaitForTokenAsync(string folder, string email, TimeSpan timeout, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TokenFrom(folder, email) is { } token) return token;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No sign-up link was mailed to {email}{(context is null ? "" : ":\n" + context())}");
            await Task.Delay(50);
        }
    }

    /// <summary>Quoted-printable soft line breaks removed (a long link is wrapped in the .eml).</summary>
    private static string Unwrap(string text) => text.Replace("=\r\n", "").Replace("=\n", "");

    [GeneratedRegex(@"/signup/([A-Za-z0-9_\-]+)")]
    private static partial Regex SignupLink();

    [GeneratedRegex(@"/invite/([A-Za-z0-9_\-]+)")]
    private static partial Regex InviteLink();
}
