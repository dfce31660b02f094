using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Jobs;

namespace InboxApp.Tests.Partners;

/// <summary>A partner made through the admin API: its id, a client carrying its key, and the key.</summary>
public sealed record TestPartner(Guid Id, HttpClient Client, string Key);

/// <summary>One of a partner's accounts: the organization id (<c>X-Account-Id</c>) and its workspace slug.</summary>
public sealed record TestAccount(Guid Id, string Slug, string Name);

public static class PartnersTestKit
{
    public const string Origin = "https://app.partner.test";

    public static async Task<TestPartner> CreatePartnerAsync(this InboxAppFactory factory, params string[] origins)
    {
        var root = await factory.SuperAdminAsync();
        var created = await root.Client.PostAsJsonAsync("/api/v1/admin/partners",
            new { name = "Partner " + Guid.NewGuid().ToString("N")[..6], allowedOrigins = origins.Length == 0 ? [Origin] : origins });
        await created.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Data()).GetProperty("id").GetGuid();
        var key = await root.Client.PostAsJsonAsync($"/api/v1/admin/partners/{id}/keys", new { name = "Backend" });
        await key.ShouldBe(HttpStatusCode.Created);
        var secret = (await key.Data()).GetProperty("key").GetString()!;
        return new TestPartner(id, factory.CreateClient().WithBearer(secret), secret);
    }

    public static async Task<TestAccount> CreateAccountAsync(this TestPartner partner, string? name = null)
    {
        name ??= "Customer " + Guid.NewGuid().ToString("N")[..8];
        var response = await partner.Client.PostAsJsonAsync("/api/v1/accounts", new { name });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        return new TestAccount(data.GetProperty("id").GetGuid(), data.GetProperty("workspaceSlug").GetString()!, name);
    }

    public static HttpRequestMessage Request(HttpMethod method, string url, Guid? accountId, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (accountId is { } id) request.Headers.Add("X-Account-Id", id.ToString());
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    public static Task<HttpResponseMessage> MintResponseAsync(this TestPartner partner, string slug, Guid? accountId) =>
        partner.Client.SendAsync(Request(HttpMethod.Post, $"/api/v1/workspace/{slug}/whatsapp/connect-token", accountId));

    public static async Task<JsonElement> MintAsync(this TestPartner partner, TestAccount account)
    {
        var response = await partner.MintResponseAsync(account.Slug, account.Id);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    public static async Task<string> MintTokenAsync(this TestPartner partner, TestAccount account) =>
        (await partner.MintAsync(account)).GetProperty("token").GetString()!;

    /// <summary>The call the connect page makes: no credential, the page token and the account header.</summary>
    public static Task<HttpResponseMessage> OnboardAsync(this InboxAppFactory factory, string slug, Guid accountId, object body) =>
        factory.CreateClient().SendAsync(Request(HttpMethod.Post, $"/api/v1/workspace/{slug}/whatsapp/onboard", accountId, body));
}
