using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace InboxApp.Bench;

/// <summary>
/// Signs up an organization as a person does: the sign-up (202), then the token of the link mailed to the address
/// (the bench hosts write mail as .eml files under their data folder) confirmed for tokens. The tests read the link with
/// their own <c>SignupMail</c> (InboxApp.Tests/Infrastructure): the bench does not reference the test project.
/// </summary>
public static partial class BenchSignup
{
    /// <summary>The public address the bench hosts put in mailed links (Production refuses to send links without one).</summary>
    public const string PublicBaseUrl = "http://bench.test";

    /// <summary>The <c>data</c> of the confirmation: tokens and the admin with their organization.</summary>
    public static async Task<JsonElement> RegisterAsync(HttpClient client, string dataDir, string organizationName, string name, string email, string password)
    {
        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { organizationName, name, email, password });
        register.EnsureSuccessStatusCode();
        var mailDir = Path.Combine(dataDir, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? token = null;
        while (token is null)
        {
            token = Directory.Exists(mailDir)
                ? Directory.GetFiles(mailDir, "*.eml").Select(File.ReadAllText)
                    .Where(t => t.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase))
                    .Select(t => SignupLink().Match(t.Replace("=\r\n", "").Replace("=\n", ""))).FirstOrDefault(m => m.Success)?.Groups[1].Value
                : null;
            if (token is null && DateTime.UtcNow > deadline) throw new TimeoutException($"No sign-up link was mailed to {email}");
            if (token is null) await Task.Delay(50);
        }
        var confirmed = await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token });
        confirmed.EnsureSuccessStatusCode();
        return (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    [GeneratedRegex(@"/signup/([A-Za-z0-9_\-]+)")]
    private static partial Regex SignupLink();
}
