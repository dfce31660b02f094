using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace InboxApp.Tests.Infrastructure;

/// <summary>A signed-in organization member as the tests see it: an HTTP client with a bearer token.</summary>
public sealed record SignedIn(HttpClient Client, Guid UserId, Guid OrganizationId, string Email, string Password, string AccessToken, string RefreshToken);

public static class ApiClient
{
    public const string Password = "Test-Password-1";

    /// <summary>
    /// Signs up a new organization and its admin as a person does: the sign-up (202), then the emailed link's token
    /// confirmed (201 with tokens); returns the admin signed in.
    /// </summary>
    public static async Task<SignedIn> RegisterOrganizationAsync(this InboxAppFactory factory, string? organizationName = null)
    {
        var email = $"admin-{Guid.NewGuid():N}@org.test";
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { organizationName = organizationName ?? "Org " + Guid.NewGuid().ToString("N")[..8], name = "Org Admin", email, password = Password });
        await response.ShouldBe(HttpStatusCode.Accepted);
        var confirmed = await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token = factory.Mail.SignupToken(email) });
        await confirmed.ShouldBe(HttpStatusCode.Created);
        return await SignedInFrom(factory, confirmed, email, Password);
    }

    /// <summary>Signs in with email and password through the API.</summary>
    public static async Task<SignedIn> LoginAsync(this InboxAppFactory factory, string email, string password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        await response.ShouldBe(HttpStatusCode.OK);
        return await SignedInFrom(factory, response, email, password);
    }

    /// <summary>
    /// Adds a member as people join (ADR 0029): the admin invites them (POST /users, 202), they accept the emailed link
    /// with their password and are signed in.
    /// </summary>
    public static async Task<SignedIn> AddMemberAsync(this InboxAppFactory factory, SignedIn admin, string role, string? email = null, string? name = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@org.test";
        var response = await admin.Client.PostAsJsonAsync("/api/v1/users", new { email, name = name ?? $"Test {role}", role });
        await response.ShouldBe(HttpStatusCode.Accepted);
        return await factory.AcceptInvitationAsync(email, Password);
    }

    /// <summary>Accepts the newest invitation mailed to <paramref name="email"/> with <paramref name="password"/>; signed in.</summary>
    public static async Task<SignedIn> AcceptInvitationAsync(this InboxAppFactory factory, string email, string password = Password)
    {
        var accepted = await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{factory.Mail.InvitationToken(email)}", new { password });
        await accepted.ShouldBe(HttpStatusCode.OK);
        return await SignedInFrom(factory, accepted, email, password);
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The <c>data</c> member of an envelope.</summary>
    public static async Task<JsonElement> Data(this HttpResponseMessage response) => (await response.Json()).GetProperty("data");

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public static async Task ShouldBe(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Asserts an error envelope with the status and code.</summary>
    public static async Task<JsonElement> ShouldFail(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        await response.ShouldBe(status);
        var error = (await response.Json()).GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }

    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchRawJsonAsync(this HttpClient client, string url, string json) =>
        client.PatchAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<SignedIn> SignedInFrom(InboxAppFactory factory, HttpResponseMessage response, string email, string password)
    {
        var data = await response.Data();
        var access = data.GetProperty("accessToken").GetString()!;
        var user = data.GetProperty("user");
        return new SignedIn(
            factory.CreateClient().WithBearer(access),
            user.GetProperty("id").GetGuid(),
            user.TryGetProperty("organizationId", out var org) && org.ValueKind == JsonValueKind.String ? org.GetGuid() : Guid.Empty,
            email, password, access, data.GetProperty("refreshToken").GetString()!);
    }
}
