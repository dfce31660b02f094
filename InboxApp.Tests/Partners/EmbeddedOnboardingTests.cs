using System.Net;
using InboxApp.Core.Messaging;
using InboxApp.Core.Partners;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Partners;

/// <summary>The connect token, page, onboard and disconnect on a host without a Meta app: the sandbox path.</summary>
[Collection(SharedApp.Name)]
public sealed class EmbeddedOnboardingTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task A_connect_token_is_short_lived_and_its_page_may_be_framed_only_by_the_partners_origins()
    {
        var partner = await factory.CreatePartnerAsync("https://app.partner.test", "https://crm.partner.test");
        var account = await partner.CreateAccountAsync("Page Co");
        var before = DateTimeOffset.UtcNow;
        var minted = await partner.MintAsync(account);
        Assert.True(minted.GetProperty("success").GetBoolean());
        var token = minted.GetProperty("token").GetString()!;
        var expires = minted.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires, before.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(15).AddSeconds(5));
        var url = new Uri(minted.GetProperty("connect_url").GetString()!);
        Assert.Equal($"/api/v1/workspace/{account.Slug}/whatsapp/connect-page", url.AbsolutePath);
        Assert.Equal("?token=" + token, url.Query);
        await using (var db = factory.SystemDb())
            Assert.False(await db.Set<WhatsAppConnectToken>().AnyAsync(t => t.TokenHash == token), "only the hash is stored");

        var page = await factory.CreateClient().GetAsync(url.PathAndQuery);
        await page.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors https://app.partner.test https://crm.partner.test", csp);
        Assert.DoesNotContain("'none'", csp.Split("frame-ancestors")[1]);
        Assert.False(page.Headers.Contains("X-Frame-Options"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Connect a sandbox number", html);
        Assert.Contains("Page Co", html);
        Assert.Contains($"data-account-id=\"{account.Id}\"", html);
        Assert.DoesNotContain(partner.Key, html);

        // The app's own pages still may not be framed at all.
        var login = await factory.CreateClient().GetAsync("/login");
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task An_unknown_token_or_a_token_of_another_workspace_shows_a_page_without_the_signup()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var other = await partner.CreateAccountAsync();
        var token = await partner.MintTokenAsync(account);
        var client = factory.CreateClient();

        foreach (var url in new[]
        {
            $"/api/v1/workspace/{account.Slug}/whatsapp/connect-page?token=nope",
            $"/api/v1/workspace/{account.Slug}/whatsapp/connect-page",
            $"/api/v1/workspace/{other.Slug}/whatsapp/connect-page?token={token}",
        })
        {
            var page = await client.GetAsync(url);
            await page.ShouldBe(HttpStatusCode.NotFound);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("This connect link is not valid", html);
            Assert.DoesNotContain("<button", html);
            Assert.DoesNotContain("whatsapp-connect.js", html);
            Assert.Contains("frame-ancestors 'none'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        }
    }

    [Fact]
    public async Task Onboarding_with_the_sandbox_connects_a_number_once_and_the_page_then_says_it_was_used()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var token = await partner.MintTokenAsync(account);

        var response = await factory.OnboardAsync(account.Slug, account.Id, new { token, sandbox = true });
        await response.ShouldBe(HttpStatusCode.OK);
        var result = await response.Json();
        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal("connected", result.GetProperty("waba_status").GetString());
        Assert.Equal("registered", result.GetProperty("phone_status").GetString());

        await using (var db = factory.SystemDb())
        {
            var number = await db.PhoneNumbers.SingleAsync(p => p.OrganizationId == account.Id);
            Assert.Equal(PhoneNumberKind.SANDBOX, number.Kind);
            Assert.True(number.IsActive);
        }
        var listed = await (await partner.Client.GetAsync("/api/v1/accounts")).Data();
        Assert.Equal(1, listed.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == account.Id).GetProperty("connectedNumbers").GetInt32());

        await (await factory.OnboardAsync(account.Slug, account.Id, new { token, sandbox = true })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        var page = await factory.CreateClient().GetAsync($"/api/v1/workspace/{account.Slug}/whatsapp/connect-page?token={token}");
        await page.ShouldBe(HttpStatusCode.Gone);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("already used", html);
        Assert.DoesNotContain("<button", html);
    }

    [Fact]
    public async Task Two_concurrent_onboard_calls_with_one_token_connect_once_and_the_other_gets_409()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        for (var round = 0; round < 3; round++)
        {
            var token = await partner.MintTokenAsync(account);
            using var start = new SemaphoreSlim(0);
            var calls = Enumerable.Range(0, 2).Select(async _ =>
            {
                await start.WaitAsync();
                return await factory.OnboardAsync(account.Slug, account.Id, new { token, sandbox = true });
            }).ToList();
            start.Release(2);
            var statuses = (await Task.WhenAll(calls)).Select(r => r.StatusCode).OrderBy(s => s).ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
        }
        await using var db = factory.SystemDb();
        Assert.Equal(3, await db.PhoneNumbers.CountAsync(p => p.OrganizationId == account.Id));
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_its_page_says_so()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var token = await partner.MintTokenAsync(account);
        await using (var db = factory.SystemDb())
            await db.Set<WhatsAppConnectToken>().Where(t => t.OrganizationId == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));

        await (await factory.OnboardAsync(account.Slug, account.Id, new { token, sandbox = true }))
            .ShouldFail(HttpStatusCode.Forbidden, EmbeddedOnboardingService.TokenExpiredCode);
        var page = await factory.CreateClient().GetAsync($"/api/v1/workspace/{account.Slug}/whatsapp/connect-page?token={token}");
        await page.ShouldBe(HttpStatusCode.Gone);
        Assert.Contains("has expired", await page.Content.ReadAsStringAsync());
        await using var check = factory.SystemDb();
        Assert.False(await check.PhoneNumbers.AnyAsync(p => p.OrganizationId == account.Id));
    }

    [Fact]
    public async Task Onboard_checks_its_input_and_the_account_of_the_token()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var other = await partner.CreateAccountAsync();
        var token = await partner.MintTokenAsync(account);

        await (await factory.OnboardAsync(account.Slug, account.Id, new { code = "x" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await factory.OnboardAsync(account.Slug, other.Id, new { token, sandbox = true })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await factory.OnboardAsync(other.Slug, other.Id, new { token, sandbox = true })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var error = await (await factory.OnboardAsync(account.Slug, account.Id, new { token })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("code", out _));
        var noHeader = await factory.CreateClient().SendAsync(PartnersTestKit.Request(HttpMethod.Post,
            $"/api/v1/workspace/{account.Slug}/whatsapp/onboard", null, new { token, sandbox = true }));
        await noHeader.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        // None of these used the token up.
        await (await factory.OnboardAsync(account.Slug, account.Id, new { token, sandbox = true })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disconnect_stops_the_workspaces_numbers_and_keeps_them()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        await (await factory.OnboardAsync(account.Slug, account.Id, new { token = await partner.MintTokenAsync(account), sandbox = true })).ShouldBe(HttpStatusCode.OK);

        var response = await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Delete, $"/api/v1/workspace/{account.Slug}/whatsapp", account.Id));
        await response.ShouldBe(HttpStatusCode.OK);
        var body = await response.Json();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(1, body.GetProperty("disconnected_accounts").GetInt32());
        await using var db = factory.SystemDb();
        var number = await db.PhoneNumbers.SingleAsync(p => p.OrganizationId == account.Id);
        Assert.False(number.IsActive);
        Assert.Equal(WhatsAppAccountStatus.DISCONNECTED, (await db.WhatsAppAccounts.SingleAsync(a => a.OrganizationId == account.Id)).Status);

        var again = await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Delete, $"/api/v1/workspace/{account.Slug}/whatsapp", account.Id));
        Assert.Equal(0, (await again.Json()).GetProperty("disconnected_accounts").GetInt32());
    }
}
