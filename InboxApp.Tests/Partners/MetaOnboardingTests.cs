using System.Net;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Jobs;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Partners;

/// <summary>The app with a platform Meta app (id, secret, configuration id) pointed at the in-process fake Graph API.</summary>
public sealed class MetaOnboardingFixture : IAsyncLifetime
{
    public const string ConfigId = "778899001122";
    public FakeGraphApi Graph { get; private set; } = null!;
    public InboxAppFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        Factory.With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl).With("WhatsApp:AppId", Graph.AppId).With("WhatsApp:ConfigId", ConfigId);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Graph.DisposeAsync();
    }
}

public sealed class MetaOnboardingTests(MetaOnboardingFixture fixture) : IClassFixture<MetaOnboardingFixture>
{
    private FakeGraphApi Graph => fixture.Graph;
    private InboxAppFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_page_runs_embedded_signup_with_the_platforms_app_and_offers_no_sandbox()
    {
        var partner = await Factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var token = await partner.MintTokenAsync(account);
        var page = await Factory.CreateClient().GetAsync($"/api/v1/workspace/{account.Slug}/whatsapp/connect-page?token={token}");
        await page.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-mode=\"meta\"", html);
        Assert.Contains($"data-app-id=\"{Graph.AppId}\"", html);
        Assert.Contains($"data-config-id=\"{MetaOnboardingFixture.ConfigId}\"", html);
        Assert.Contains("Continue with Facebook", html);
        Assert.DoesNotContain("Connect a sandbox number", html);
        Assert.Contains("script-src 'self' https://connect.facebook.net", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));

        await (await Factory.OnboardAsync(account.Slug, account.Id, new { token, sandbox = true })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Onboard_exchanges_the_code_subscribes_the_app_stores_the_account_and_registers_the_number()
    {
        var partner = await Factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var (waba, phone, accessToken) = Graph.AddAccount("+1 555-010-0777", "Acme Partner");
        var code = "code-" + Guid.NewGuid().ToString("N");
        Graph.Codes[code] = accessToken;
        var token = await partner.MintTokenAsync(account);

        var response = await Factory.OnboardAsync(account.Slug, account.Id,
            new { token, code, waba_id = waba, phone_number_id = phone, business_id = "5544332211" });
        await response.ShouldBe(HttpStatusCode.OK);
        var result = await response.Json();
        Assert.Equal("connected", result.GetProperty("waba_status").GetString());
        Assert.Equal("registered", result.GetProperty("phone_status").GetString());
        Assert.False(result.TryGetProperty("redirect_url", out _));

        Assert.Contains(Graph.CallsTo("oauth/access_token"), c => c.Path.Contains(code, StringComparison.Ordinal));
        Assert.Contains(Graph.AppId, Graph.Subscriptions[waba]);
        Assert.Contains(Graph.CallsTo($"{phone}/register"), c => c.Token == accessToken);
        Assert.True(Graph.Phones[phone].Registered);
        await using var db = Factory.SystemDb();
        var stored = await db.WhatsAppAccounts.Include(a => a.PhoneNumbers).SingleAsync(a => a.OrganizationId == account.Id);
        Assert.Equal(waba, stored.WabaId);
        Assert.Equal("5544332211", stored.BusinessId);
        Assert.Equal(WhatsAppAccountStatus.CONNECTED, stored.Status);
        Assert.Equal(RegistrationStatus.REGISTERED, Assert.Single(stored.PhoneNumbers).RegistrationStatus);

        await (await Factory.OnboardAsync(account.Slug, account.Id, new { token, code, waba_id = waba, phone_number_id = phone }))
            .ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
    }

    [Fact]
    public async Task A_failed_registration_keeps_the_waba_connected_and_says_registration_failed()
    {
        var partner = await Factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var (waba, phone, accessToken) = Graph.AddAccount("+1 555-010-0778", "Acme Partner");
        var code = "code-" + Guid.NewGuid().ToString("N");
        Graph.Codes[code] = accessToken;
        Graph.Failures.Enqueue(($"{phone}/register", 400, 133005, "Two step verification PIN Mismatch"));

        var response = await Factory.OnboardAsync(account.Slug, account.Id,
            new { token = await partner.MintTokenAsync(account), code, waba_id = waba, phone_number_id = phone });
        await response.ShouldBe(HttpStatusCode.OK);
        var result = await response.Json();
        Assert.Equal("connected", result.GetProperty("waba_status").GetString());
        Assert.Equal("registration_failed", result.GetProperty("phone_status").GetString());
        await using var db = Factory.SystemDb();
        var stored = await db.WhatsAppAccounts.Include(a => a.PhoneNumbers).SingleAsync(a => a.OrganizationId == account.Id);
        Assert.Equal(WhatsAppAccountStatus.CONNECTED, stored.Status);
        Assert.Equal(RegistrationStatus.REGISTRATION_FAILED, Assert.Single(stored.PhoneNumbers).RegistrationStatus);
    }

    [Fact]
    public async Task A_code_meta_refuses_answers_400_and_leaves_the_token_usable()
    {
        var partner = await Factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var (waba, phone, accessToken) = Graph.AddAccount("+1 555-010-0779", "Acme Partner");
        var token = await partner.MintTokenAsync(account);

        await (await Factory.OnboardAsync(account.Slug, account.Id, new { token, code = "unknown-code", waba_id = waba, phone_number_id = phone }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var code = "code-" + Guid.NewGuid().ToString("N");
        Graph.Codes[code] = accessToken;
        await (await Factory.OnboardAsync(account.Slug, account.Id, new { token, code, waba_id = waba, phone_number_id = phone })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_hourly_cleanup_deletes_connect_tokens_expired_over_a_day_ago()
    {
        var partner = await Factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        await partner.MintTokenAsync(account);
        await using (var db = Factory.SystemDb())
            await db.Set<Core.Partners.WhatsAppConnectToken>().Where(t => t.OrganizationId == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddDays(-2)));
        var fresh = await partner.MintTokenAsync(account);

        var root = await Factory.SuperAdminAsync();
        var since = DateTimeOffset.UtcNow;
        await (await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{Core.Jobs.ExpiredTokensCleanupJob.Key}/trigger", null)).ShouldBe(HttpStatusCode.Accepted);
        var job = await root.Client.WaitForJobAsync(Core.Jobs.ExpiredTokensCleanupJob.Key, j => j.HasRunSince(since));
        Assert.Contains("connect token(s)", job.GetProperty("lastRun").GetProperty("summary").GetString());

        await using var check = Factory.SystemDb();
        var left = await check.Set<Core.Partners.WhatsAppConnectToken>().Where(t => t.OrganizationId == account.Id).Select(t => t.TokenHash).ToListAsync();
        Assert.Equal([Core.Common.Secrets.Hash(fresh)], left);
    }
}
