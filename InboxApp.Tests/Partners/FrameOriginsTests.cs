using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.SharedInboxLinks;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.Partners;

/// <summary>
/// Per-organization allowed frame origins: set by the organization's admins (or keys) and by its partner for its accounts;
/// the connect page and the shared inbox link pages allow exactly the partner's origins plus the organization's.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class FrameOriginsTests(NoJobsAppFactory factory)
{
    private const string Own = "/api/v1/organization/frame-origins";

    private static string Partner(TestAccount account) => $"/api/v1/workspace/{account.Slug}/frame-origins";

    private static IReadOnlyList<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static string FrameAncestors(HttpResponseMessage response)
    {
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var start = policy.IndexOf("frame-ancestors ", StringComparison.Ordinal);
        Assert.True(start >= 0, policy);
        var value = policy[(start + "frame-ancestors ".Length)..];
        return value.Split(';')[0].Trim();
    }

    [Fact]
    public async Task The_connect_page_allows_the_partners_origins_plus_those_the_partner_set_for_the_account()
    {
        var partner = await factory.CreatePartnerAsync("https://app.partner.test");
        var account = await partner.CreateAccountAsync();

        var empty = await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Partner(account), account.Id));
        await empty.ShouldBe(HttpStatusCode.OK);
        var data = await empty.Data();
        Assert.Empty(Strings(data.GetProperty("origins")));
        Assert.Equal(["https://app.partner.test"], Strings(data.GetProperty("partnerOrigins")));

        var set = await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Put, Partner(account), account.Id,
            new { origins = new[] { " https://Support.Customer.example/ ", "https://portal.customer.example:8443", "https://support.customer.example" } }));
        await set.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["https://support.customer.example", "https://portal.customer.example:8443"], Strings((await set.Data()).GetProperty("origins")));

        var url = new Uri((await partner.MintAsync(account)).GetProperty("connect_url").GetString()!);
        var page = await factory.CreateClient().GetAsync(url.PathAndQuery);
        await page.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("https://app.partner.test https://support.customer.example https://portal.customer.example:8443", FrameAncestors(page));
        Assert.False(page.Headers.Contains("X-Frame-Options"));

        // An empty list removes the account's own origins; the partner's stay.
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Put, Partner(account), account.Id, new { origins = Array.Empty<string>() })))
            .ShouldBe(HttpStatusCode.OK);
        url = new Uri((await partner.MintAsync(account)).GetProperty("connect_url").GetString()!);
        Assert.Equal("https://app.partner.test", FrameAncestors(await factory.CreateClient().GetAsync(url.PathAndQuery)));
    }

    [Fact]
    public async Task Shared_inbox_link_pages_allow_the_links_and_the_organizations_origins()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var number = await SharedInboxTestData.SandboxNumberAsync(admin);
        var plain = await admin.Client.CreateLinkAsync(number);
        var framed = await admin.Client.CreateLinkAsync(number, allowedOrigins: ["https://crm.example"]);

        // Nothing allowed yet: the plain link cannot be framed.
        var before = await factory.CreateClient().GetAsync(plain.Path);
        Assert.Equal("'none'", FrameAncestors(before));
        Assert.Equal("DENY", before.Headers.GetValues("X-Frame-Options").Single());

        var set = await admin.Client.PutAsJsonAsync(Own, new { origins = new[] { "https://helpdesk.example", "https://crm.example" } });
        await set.ShouldBe(HttpStatusCode.OK);
        var data = await set.Data();
        Assert.Equal(["https://helpdesk.example", "https://crm.example"], Strings(data.GetProperty("origins")));
        Assert.Empty(Strings(data.GetProperty("partnerOrigins")));
        Assert.Equal(10, data.GetProperty("maxOrigins").GetInt32());
        Assert.Equal(["https://helpdesk.example", "https://crm.example"], Strings((await (await admin.Client.GetAsync(Own)).Data()).GetProperty("origins")));

        var plainPage = await factory.CreateClient().GetAsync(plain.Path);
        Assert.Equal("https://helpdesk.example https://crm.example", FrameAncestors(plainPage));
        Assert.False(plainPage.Headers.Contains("X-Frame-Options"));
        Assert.Equal("https://crm.example https://helpdesk.example", FrameAncestors(await factory.CreateClient().GetAsync(framed.Path)));

        // Another organization's links are not affected.
        var other = await factory.RegisterOrganizationAsync();
        var otherLink = await other.Client.CreateLinkAsync(await SharedInboxTestData.SandboxNumberAsync(other));
        Assert.Equal("'none'", FrameAncestors(await factory.CreateClient().GetAsync(otherLink.Path)));

        // An organization key manages them too.
        var key = await factory.ApiKeyClientAsync(admin);
        await (await key.PutAsJsonAsync(Own, new { origins = Array.Empty<string>() })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("'none'", FrameAncestors(await factory.CreateClient().GetAsync(plain.Path)));
    }

    [Fact]
    public async Task Origins_must_be_https_scheme_and_host_without_path_or_wildcard_and_at_most_ten()
    {
        var admin = await factory.RegisterOrganizationAsync();
        async Task RefusedAsync(object body, string field)
        {
            var error = await (await admin.Client.PutAsJsonAsync(Own, body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"{field}: {error}");
        }
        await RefusedAsync(new { origins = new[] { "http://shop.example" } }, "origins[0]");
        await RefusedAsync(new { origins = new[] { "https://ok.example", "https://shop.example/embed" } }, "origins[1]");
        await RefusedAsync(new { origins = new[] { "https://*.shop.example" } }, "origins[0]");
        await RefusedAsync(new { origins = new[] { "https://shop.example?x=1" } }, "origins[0]");
        await RefusedAsync(new { origins = new[] { "https://user@shop.example" } }, "origins[0]");
        await RefusedAsync(new { origins = new[] { "shop.example" } }, "origins[0]");
        await RefusedAsync(new { origins = new[] { "" } }, "origins[0]");
        await RefusedAsync(new { origins = new[] { "'self'" } }, "origins[0]");
        await RefusedAsync(new { origins = Enumerable.Range(1, 11).Select(i => $"https://s{i}.example").ToArray() }, "origins");
        await RefusedAsync(new { }, "origins");
        foreach (var raw in new[] { "{ \"origins\": ", "{ \"origins\": 3 }" })
        {
            var put = new HttpRequestMessage(HttpMethod.Put, Own) { Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json") };
            await (await admin.Client.SendAsync(put)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }

        // Nothing was stored; ten distinct origins are fine.
        Assert.Empty(Strings((await (await admin.Client.GetAsync(Own)).Data()).GetProperty("origins")));
        await (await admin.Client.PutAsJsonAsync(Own, new { origins = Enumerable.Range(1, 10).Select(i => $"https://s{i}.example").ToArray() })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_admins_and_the_accounts_partner_change_origins()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PutAsJsonAsync(Own, new { origins = new[] { "https://kept.example" } })).ShouldBe(HttpStatusCode.OK);
        foreach (var role in new[] { "AGENT", "SUPERVISOR" })
        {
            var member = await factory.AddMemberAsync(admin, role);
            await (await member.Client.GetAsync(Own)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.PutAsJsonAsync(Own, new { origins = new[] { "https://evil.example" } })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
        await (await factory.CreateClient().GetAsync(Own)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // A partner key is no credential for an organization's own settings, and an organization's token none for the partner path.
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        await (await partner.Client.GetAsync(Own)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await admin.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Partner(account), account.Id))).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Partner(account), null))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var invalid = await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Put, Partner(account), account.Id, new { origins = new[] { "http://x.example" } })))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(invalid.GetProperty("details").TryGetProperty("origins[0]", out _));

        Assert.Equal(["https://kept.example"], Strings((await (await admin.Client.GetAsync(Own)).Data()).GetProperty("origins")));
    }

    [Fact]
    public async Task A_partner_reaches_only_its_own_accounts_origins()
    {
        var partner = await factory.CreatePartnerAsync();
        var other = await factory.CreatePartnerAsync();
        var mine = await partner.CreateAccountAsync();
        var theirs = await other.CreateAccountAsync();
        var organization = await factory.RegisterOrganizationAsync();
        var body = new { origins = new[] { "https://evil.example" } };

        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Partner(theirs), theirs.Id))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Put, Partner(theirs), theirs.Id, body))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Put, Partner(mine), theirs.Id, body))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Put, Partner(mine), organization.OrganizationId, body))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        var theirsNow = await other.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Partner(theirs), theirs.Id));
        Assert.Empty(Strings((await theirsNow.Data()).GetProperty("origins")));
        Assert.Empty(Strings((await (await organization.Client.GetAsync(Own)).Data()).GetProperty("origins")));
    }
}
