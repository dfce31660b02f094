using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Common;
using InboxApp.Core.SharedInboxLinks;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.SharedInboxLinks;

[Collection(SharedApp.Second)]
public sealed class SharedInboxLinksEndpointsTests(NoJobsAppFactory factory)
{
    private const string Links = "/v1/shared-inbox-links";

    private async Task<(SignedIn Admin, Guid Number)> OrganizationWithNumberAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        return (admin, await SharedInboxTestData.SandboxNumberAsync(admin));
    }

    private async Task<string> PageAsync(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Create_answers_the_url_once_and_list_and_get_show_only_its_prefix()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var response = await admin.Client.PostAsJsonAsync(Links, new
        {
            phoneNumberId = number, name = "  Support access  ",
            permissions = new { readInbox = true, readDetails = false, markRead = true, sendText = true },
        });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        var id = data.GetProperty("id").GetGuid();
        var url = data.GetProperty("publicUrl").GetString()!;
        Assert.StartsWith("http://inbox.test/s/", url);
        var token = url["http://inbox.test/s/".Length..];
        Assert.True(token.Length >= 43, $"the secret carries at least 256 bits: {token}");
        Assert.Equal("Support access", data.GetProperty("name").GetString());
        Assert.Equal(number, data.GetProperty("phoneNumberId").GetGuid());
        Assert.Equal("ACTIVE", data.GetProperty("status").GetString());
        var permissions = data.GetProperty("permissions");
        Assert.True(permissions.GetProperty("readInbox").GetBoolean());
        Assert.False(permissions.GetProperty("readDetails").GetBoolean());
        Assert.True(permissions.GetProperty("sendText").GetBoolean());
        Assert.False(permissions.GetProperty("sendAdvanced").GetBoolean());
        Assert.True(data.TryGetProperty("createdAt", out _));
        Assert.EndsWith($"{Links}/{id}", response.Headers.Location?.ToString());

        var list = await admin.Client.GetAsync($"{Links}?page=1&limit=10");
        await list.ShouldBe(HttpStatusCode.OK);
        var body = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, body);
        var json = await list.Json();
        var item = Assert.Single(json.GetProperty("data").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal(token[..8], item.GetProperty("tokenPrefix").GetString());
        Assert.False(item.TryGetProperty("publicUrl", out _));
        Assert.Equal(1, json.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());

        var get = await admin.Client.GetAsync($"{Links}/{id}");
        await get.ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(token, await get.Content.ReadAsStringAsync());

        await using var db = factory.SystemDb();
        var row = await db.Set<SharedInboxLink>().SingleAsync(l => l.Id == id);
        Assert.Equal(Secrets.Hash(token), row.TokenHash);
        Assert.DoesNotContain(token, row.TokenHash + row.TokenPrefix + row.Name + row.AllowedOrigins);
    }

    [Fact]
    public async Task Requests_are_validated()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var perms = SharedInboxTestData.AllPermissions;
        await (await admin.Client.PostAsJsonAsync(Links, new { phoneNumberId = number, permissions = perms })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync(Links, new { phoneNumberId = number, name = "  ", permissions = perms })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync(Links, new { phoneNumberId = number, name = new string('x', 101), permissions = perms })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync(Links, new { phoneNumberId = number, name = "x" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync(Links, new { name = "x", permissions = perms })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync(Links, new { phoneNumberId = number, name = "x", permissions = perms, expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var origin = await (await admin.Client.PostAsJsonAsync(Links, new { phoneNumberId = number, name = "x", permissions = perms, allowedOrigins = new[] { "https://ok.example", "https://bad.example/path" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(origin.GetProperty("details").TryGetProperty("allowedOrigins[1]", out _));
        await (await admin.Client.PostAsJsonAsync(Links, new { phoneNumberId = number, name = "x", permissions = perms, allowedOrigins = new[] { "*" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync(Links, "{ \"name\": ")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync(Links, $"{{ \"phoneNumberId\": \"{number}\", \"name\": \"x\", \"permissions\": {{ \"readInbox\": \"yes\" }} }}"))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"{Links}?page=0")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"{Links}?limit=101")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        var link = await admin.Client.CreateLinkAsync(number);
        await (await admin.Client.PatchAsJsonAsync($"{Links}/{link.Id}", new { name = "" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PatchAsJsonAsync($"{Links}/{link.Id}", new { expiresAt = DateTimeOffset.UtcNow.AddHours(1), removeExpiry = true }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PatchAsJsonAsync($"{Links}/{link.Id}", new { allowedOrigins = new[] { "ftp://files.example" } })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Without_credentials_every_endpoint_answers_401_and_agents_are_refused()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var link = await admin.Client.CreateLinkAsync(number);
        var anonymous = factory.CreateClient();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        foreach (var client in new[] { anonymous, agent.Client })
        {
            var (status, code) = client == anonymous ? (HttpStatusCode.Unauthorized, "UNAUTHORIZED") : (HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await client.PostAsJsonAsync(Links, new { phoneNumberId = number, name = "x", permissions = SharedInboxTestData.AllPermissions })).ShouldFail(status, code);
            await (await client.GetAsync(Links)).ShouldFail(status, code);
            await (await client.GetAsync($"{Links}/{link.Id}")).ShouldFail(status, code);
            await (await client.PatchAsJsonAsync($"{Links}/{link.Id}", new { name = "y" })).ShouldFail(status, code);
            await (await client.PostAsync($"{Links}/{link.Id}/rotate", null)).ShouldFail(status, code);
            await (await client.PostAsync($"{Links}/{link.Id}/revoke", null)).ShouldFail(status, code);
        }
        // The link was left alone.
        Assert.Equal("ACTIVE", (await (await admin.Client.GetAsync($"{Links}/{link.Id}")).Data()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_organization_api_key_manages_links()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var key = (await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Partner" })).Data()).GetProperty("key").GetString()!;
        var partner = factory.CreateClient().WithBearer(key);
        var link = await partner.CreateLinkAsync(number);
        await (await partner.GetAsync($"{Links}/{link.Id}")).ShouldBe(HttpStatusCode.OK);
        await (await partner.PostAsync($"{Links}/{link.Id}/revoke", null)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_organizations_links_and_numbers_are_not_found()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var (other, otherNumber) = await OrganizationWithNumberAsync();
        var theirs = await other.Client.CreateLinkAsync(otherNumber);

        await (await admin.Client.PostAsJsonAsync(Links, new { phoneNumberId = otherNumber, name = "x", permissions = SharedInboxTestData.AllPermissions }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.GetAsync($"{Links}/{theirs.Id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PatchAsJsonAsync($"{Links}/{theirs.Id}", new { name = "mine" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsync($"{Links}/{theirs.Id}/rotate", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsync($"{Links}/{theirs.Id}/revoke", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.GetAsync($"{Links}/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty((await (await admin.Client.GetAsync(Links)).Data()).EnumerateArray());
        await admin.Client.CreateLinkAsync(number);
        Assert.Single((await (await admin.Client.GetAsync(Links)).Data()).EnumerateArray());

        var still = await (await other.Client.GetAsync($"{Links}/{theirs.Id}")).Data();
        Assert.Equal("Support access", still.GetProperty("name").GetString());
        Assert.Equal("ACTIVE", still.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Update_changes_name_permissions_expiry_and_origins()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var link = await admin.Client.CreateLinkAsync(number, expiresAt: DateTimeOffset.UtcNow.AddDays(1));
        var expires = DateTimeOffset.UtcNow.AddDays(7);
        var response = await admin.Client.PatchAsJsonAsync($"{Links}/{link.Id}", new
        {
            name = "Agency", permissions = new { readInbox = true }, expiresAt = expires, allowedOrigins = new[] { "https://Partner.example:8443/" },
        });
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal("Agency", data.GetProperty("name").GetString());
        Assert.True(data.GetProperty("permissions").GetProperty("readInbox").GetBoolean());
        Assert.False(data.GetProperty("permissions").GetProperty("sendText").GetBoolean());
        Assert.Equal(expires.ToUnixTimeSeconds(), data.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(["https://partner.example:8443"], data.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.False(data.TryGetProperty("publicUrl", out _));

        var cleared = await (await admin.Client.PatchAsJsonAsync($"{Links}/{link.Id}", new { removeExpiry = true })).Data();
        Assert.False(cleared.TryGetProperty("expiresAt", out _));
        Assert.Equal("Agency", cleared.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_page_shows_the_links_number_only_and_rotating_ends_the_old_url_at_once()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var otherNumber = await SharedInboxTestData.SandboxNumberAsync(admin, "Other");
        await SharedInboxTestData.CustomerWritesAsync(admin, number, "Lucia Shared", "Hello from the shared number");
        await SharedInboxTestData.CustomerWritesAsync(admin, otherNumber, "Otto Hidden", "Hello from the other number");
        var link = await admin.Client.CreateLinkAsync(number);

        var page = await PageAsync(link.Path);
        Assert.Contains("Lucia Shared", page);
        Assert.DoesNotContain("Otto Hidden", page);
        Assert.DoesNotContain("This link no longer works", page);

        var rotated = await admin.Client.PostAsync($"{Links}/{link.Id}/rotate", null);
        await rotated.ShouldBe(HttpStatusCode.OK);
        var data = await rotated.Data();
        var newUrl = data.GetProperty("publicUrl").GetString()!;
        Assert.NotEqual(link.PublicUrl, newUrl);
        Assert.True(data.TryGetProperty("rotatedAt", out _));
        Assert.Contains("This link no longer works", await PageAsync(link.Path));
        Assert.Contains("Lucia Shared", await PageAsync(new Uri(newUrl).AbsolutePath));
    }

    [Fact]
    public async Task Revoking_ends_the_link_for_good()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var link = await admin.Client.CreateLinkAsync(number);
        var response = await admin.Client.PostAsync($"{Links}/{link.Id}/revoke", null);
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal("REVOKED", data.GetProperty("status").GetString());
        var revokedAt = data.GetProperty("revokedAt").GetDateTimeOffset();
        Assert.Contains("This link was revoked", await PageAsync(link.Path));

        // Again: nothing changes; the revoked link cannot be changed or rotated back to life.
        var again = await (await admin.Client.PostAsync($"{Links}/{link.Id}/revoke", null)).Data();
        Assert.True(Math.Abs((revokedAt - again.GetProperty("revokedAt").GetDateTimeOffset()).TotalMilliseconds) < 1, "the first revoke's time stays");
        await (await admin.Client.PostAsync($"{Links}/{link.Id}/rotate", null)).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await admin.Client.PatchAsJsonAsync($"{Links}/{link.Id}", new { name = "back" })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal("REVOKED", Assert.Single((await (await admin.Client.GetAsync(Links)).Data()).EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_expired_link_shows_a_clear_page()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var link = await admin.Client.CreateLinkAsync(number, expiresAt: DateTimeOffset.UtcNow.AddHours(1));
        await using (var db = factory.SystemDb())
            await db.Set<SharedInboxLink>().Where(l => l.Id == link.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Contains("This link has expired", await PageAsync(link.Path));
        Assert.Equal("EXPIRED", (await (await admin.Client.GetAsync($"{Links}/{link.Id}")).Data()).GetProperty("status").GetString());
        Assert.Contains("This link no longer works", await PageAsync("/s/" + Secrets.NewToken(32)));
    }

    [Fact]
    public async Task Only_the_allowed_origins_may_frame_the_page()
    {
        var (admin, number) = await OrganizationWithNumberAsync();
        var framed = await admin.Client.CreateLinkAsync(number, allowedOrigins: ["https://partner.example", "https://crm.example:8443"]);
        var response = await factory.CreateClient().GetAsync(framed.Path);
        await response.ShouldBe(HttpStatusCode.OK);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors https://partner.example https://crm.example:8443", policy);
        Assert.False(response.Headers.Contains("X-Frame-Options"));

        var plain = await admin.Client.CreateLinkAsync(number);
        response = await factory.CreateClient().GetAsync(plain.Path);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());

        // Revoked: framing is refused again.
        await (await admin.Client.PostAsync($"{Links}/{framed.Id}/revoke", null)).ShouldBe(HttpStatusCode.OK);
        response = await factory.CreateClient().GetAsync(framed.Path);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
