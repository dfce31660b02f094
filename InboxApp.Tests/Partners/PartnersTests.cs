using System.Net;
using System.Net.Http.Json;
using System.Text;
using InboxApp.Core.Common;
using InboxApp.Core.Partners;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Jobs;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Partners;

[Collection(SharedApp.Name)]
public sealed class PartnersTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Super_admin_creates_a_partner_whose_key_is_shown_once_and_stored_hashed()
    {
        var root = await factory.SuperAdminAsync();
        var created = await root.Client.PostAsJsonAsync("/api/v1/admin/partners",
            new { name = "Lumenia", allowedOrigins = new[] { "https://App.Lumenia.io/", "http://localhost:5173" } });
        await created.ShouldBe(HttpStatusCode.Created);
        var partner = await created.Data();
        var id = partner.GetProperty("id").GetGuid();
        Assert.Equal(["https://app.lumenia.io", "http://localhost:5173"], partner.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));

        var key = await root.Client.PostAsJsonAsync($"/api/v1/admin/partners/{id}/keys", new { name = "Backend" });
        await key.ShouldBe(HttpStatusCode.Created);
        var secret = (await key.Data()).GetProperty("key").GetString()!;
        Assert.StartsWith(PartnerService.KeyPrefix, secret);

        var listed = await root.Client.GetAsync($"/api/v1/admin/partners/{id}/keys");
        var body = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, body);
        Assert.Contains(secret[..19], body);
        await using var db = factory.SystemDb();
        var stored = await db.Set<PartnerApiKey>().SingleAsync(k => k.PartnerId == id);
        Assert.Equal(Secrets.Hash(secret), stored.KeyHash);

        // The key works on the partner endpoints until it is deleted.
        var client = factory.CreateClient().WithBearer(secret);
        await (await client.GetAsync("/api/v1/accounts")).ShouldBe(HttpStatusCode.OK);
        await (await root.Client.DeleteAsync($"/api/v1/admin/partners/{id}/keys/{stored.Id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/v1/accounts")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Only_super_admins_manage_partners_and_origins_must_be_origins()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.GetAsync("/api/v1/admin/partners")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await admin.Client.PostAsJsonAsync("/api/v1/admin/partners", new { name = "Sneaky" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");

        var root = await factory.SuperAdminAsync();
        foreach (var bad in new[] { "http://partner.example.com", "https://partner.example.com/path", "https://*.example.com", "not a url" })
        {
            var error = await (await root.Client.PostAsJsonAsync("/api/v1/admin/partners", new { name = "Bad", allowedOrigins = new[] { bad } }))
                .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty("allowedOrigins", out _), bad);
        }
        await (await root.Client.GetAsync($"/api/v1/admin/partners/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_partner_creates_accounts_with_hex_workspace_slugs_and_lists_only_its_own()
    {
        var partner = await factory.CreatePartnerAsync();
        var other = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync("Acme " + Guid.NewGuid().ToString("N")[..6]);
        await other.CreateAccountAsync();

        await using var db = factory.SystemDb();
        var org = await db.Organizations.SingleAsync(o => o.Id == account.Id);
        Assert.Equal(partner.Id, org.PartnerId);
        Assert.Equal(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(org.Slug)), account.Slug);

        var listed = await (await partner.Client.GetAsync("/api/v1/accounts")).Data();
        Assert.Equal([account.Id], listed.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        var root = await factory.SuperAdminAsync();
        var adminView = await (await root.Client.GetAsync($"/api/v1/admin/partners/{partner.Id}/accounts")).Data();
        Assert.Equal([account.Id], adminView.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_partner_key_reaches_only_its_own_accounts()
    {
        var partner = await factory.CreatePartnerAsync();
        var other = await factory.CreatePartnerAsync();
        var mine = await partner.CreateAccountAsync();
        var theirs = await other.CreateAccountAsync();
        var admin = await factory.RegisterOrganizationAsync();

        // Another partner's account, an organization of no partner, a slug of another account: 404, nothing minted.
        await (await partner.MintResponseAsync(theirs.Slug, theirs.Id)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.MintResponseAsync(mine.Slug, admin.OrganizationId)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.MintResponseAsync(theirs.Slug, mine.Id)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.MintResponseAsync("zz-not-hex", mine.Id)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Delete, $"/api/v1/workspace/{theirs.Slug}/whatsapp", theirs.Id)))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await using (var db = factory.SystemDb())
            Assert.False(await db.Set<WhatsAppConnectToken>().AnyAsync(t => t.OrganizationId == theirs.Id || t.OrganizationId == admin.OrganizationId));

        // The header is required; an organization's own key or token is no partner credential, and a partner key opens nothing else.
        await (await partner.MintResponseAsync(mine.Slug, null)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var anonymous = factory.CreateClient();
        await (await anonymous.SendAsync(PartnersTestKit.Request(HttpMethod.Post, $"/api/v1/workspace/{mine.Slug}/whatsapp/connect-token", mine.Id)))
            .ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await admin.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Post, $"/api/v1/workspace/{mine.Slug}/whatsapp/connect-token", mine.Id)))
            .ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await partner.Client.GetAsync("/api/v1/whatsapp-accounts")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await partner.Client.GetAsync("/api/v1/admin/partners")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        await (await partner.MintResponseAsync(mine.Slug, mine.Id)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_turned_off_partner_is_refused()
    {
        var partner = await factory.CreatePartnerAsync();
        var root = await factory.SuperAdminAsync();
        await (await root.Client.PatchAsJsonAsync($"/api/v1/admin/partners/{partner.Id}", new { isActive = false })).ShouldBe(HttpStatusCode.OK);
        await (await partner.Client.GetAsync("/api/v1/accounts")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
