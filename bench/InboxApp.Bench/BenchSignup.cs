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
        var token = await MailedTokenAsync(dataDir, email, SignupLink(), "sign-up");
        var confirmed = await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token });
        confirmed.EnsureSuccessStatusCode();
        return (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    /// <summary>
    /// Adds a member as people join (ADR 0029): the admin's <paramref name="client"/> invites the address (POST /users, 202),
    /// and the link mailed to it is accepted with <paramref name="password"/>. The <c>data</c> of the acceptance: tokens and the user.
    /// </summary>
    public static async Task<JsonElement> AddMemberAsync(HttpClient client, string dataDir, string email, string name, string role, string password)
    {
        var invited = await client.PostAsJsonAsync("/api/v1/users", new { email, name, role });
        if (!invited.IsSuccessStatusCode) throw new InvalidOperationException($"Inviting {email}: {(int)invited.StatusCode} {await invited.Content.ReadAsStringAsync()}");
        var token = await MailedTokenAsync(dataDir, email, InviteLink(), "invitation");
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
        var accepted = await anonymous.PostAsJsonAsync($"/api/v1/invitations/accept/{token}", new { password });
        accepted.EnsureSuccessStatusCode();
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    /// <summary>The token of a link mailed to <paramref name="email"/> (read from the .eml files), waiting up to 30 s for the mail.</summary>
    private static async Task<string> MailedTokenAsync(string dataDir, string email, Regex link, string what)
    {
        var mailDir = Path.Combine(dataDir, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var token = Directory.Exists(mailDir)
                ? Directory.GetFiles(mailDir, "*.eml").Select(File.ReadAllText)
                    .Where(t => t.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase))
                    .Select(t => link.Match(t.Replace("=\r\n", "").Replace("=\n", ""))).FirstOrDefault(m => m.Success)?.Groups[1].Value
                : null;
            if (token is not null) return token;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {what} link was mailed to {email}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"/signup/([A-Za-z0-9_\-]+)")]
    private static partial Regex SignupLink();

    [GeneratedRegex(@"/invite/([A-Za-z0-9_\-]+)")]
    private static partial Regex InviteLink();
}
