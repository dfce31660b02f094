using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Users;

/// <summary>Test data for the users and invitations tests, made through the API.</summary>
public static class UserBuilders
{
    public static string NewEmail(string prefix = "person") => $"{prefix}-{Guid.NewGuid():N}@team.test";

    /// <summary>POST /users; returns the created user (with <c>acceptUrl</c> when no password was given).</summary>
    public static async Task<JsonElement> CreateUserAsync(this SignedIn admin, string role = "AGENT", string? password = ApiClient.Password, string? email = null, string? name = null)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/users",
            new { email = email ?? NewEmail(role.ToLowerInvariant()), name = name ?? $"Test {role}", role, password });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    /// <summary>POST /invitations; returns the invitation with its <c>acceptUrl</c>.</summary>
    public static async Task<JsonElement> InviteAsync(this SignedIn admin, string? email = null, string? role = null, string? name = null)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email = email ?? NewEmail("invitee"), role, name });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

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
