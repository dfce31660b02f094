using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Users;

/// <summary>Test data for the users and invitations tests, made through the API.</summary>
public static class UserBuilders
{
    public static string NewEmail(string prefix = "person") => $"{prefix}-{Guid.NewGuid():N}@team.test";

    /// <summary>A member who joined by invitation (POST /users, then the emailed link accepted); returns them as GET /users/{id} shows them.</summary>
    public static async Task<JsonElement> CreateUserAsync(this InboxAppFactory factory, SignedIn admin, string role = "AGENT", string? email = null, string? name = null)
    {
        var member = await factory.AddMemberAsync(admin, role, email ?? NewEmail(role.ToLowerInvariant()), name ?? $"Test {role}");
        var response = await admin.Client.GetAsync($"/api/v1/users/{member.UserId}");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    /// <summary>
    /// A member without a password, as POST /users made them before members were added by invitation only (ADR 0029):
    /// such rows remain in databases, and resend-invite and the INVITED filter serve them. Written to the database
    /// because no endpoint makes them any more.
    /// </summary>
    public static async Task<JsonElement> LegacyInvitedUserAsync(this InboxAppFactory factory, SignedIn admin, string role = "AGENT", string? email = null, string? name = null)
    {
        var user = AccountService.NewUser(admin.OrganizationId, email ?? NewEmail("legacy"), name ?? "Legacy Invitee", Enum.Parse<UserRole>(role), DateTimeOffset.UtcNow);
        await using (var db = factory.SystemDb())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        var response = await admin.Client.GetAsync($"/api/v1/users/{user.Id}");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    /// <summary>POST /invitations; returns the invitation (the link is only in the mail: <see cref="InvitationToken"/>).</summary>
    public static async Task<JsonElement> InviteAsync(this SignedIn admin, string? email = null, string? role = null, string? name = null)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email = email ?? NewEmail("invitee"), role, name });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    /// <summary>The token of the newest invitation link mailed to the invitation's address.</summary>
    public static string InvitationToken(this InboxAppFactory factory, JsonElement invitation) => factory.Mail.InvitationToken(invitation.Str("email"));

    /// <summary>An organization API key (acts as ADMIN without being a user).</summary>
    public static async Task<HttpClient> ApiKeyClientAsync(this InboxAppFactory factory, SignedIn admin)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "tests" });
        await response.ShouldBe(HttpStatusCode.Created);
        return factory.CreateClient().WithBearer((await response.Data()).GetProperty("key").GetString()!);
    }

    /// <summary>The token at the end of an accept link (<c>…/invite/{token}</c>).</summary>
    public static string TokenOf(string acceptUrl) => acceptUrl[(acceptUrl.LastIndexOf('/') + 1)..];

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static IReadOnlyList<string> Emails(this JsonElement list) =>
        list.EnumerateArray().Select(u => u.GetProperty("email").GetString()!).ToList();
}
