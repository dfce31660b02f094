using System.Net;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace InboxApp.Tests.Security;

/// <summary>Small budgets: 3 sign-in requests a minute per client address, 2 per account, 50 refreshes per client address, 3 shared inbox URLs.</summary>
public sealed class TightRateLimitFactory : InboxAppFactory
{
    public TightRateLimitFactory()
    {
        WithoutJobs();
        With("Api:AuthRequestsPerMinute", "3");
        With("Api:AuthRequestsPerAccountPerMinute", "2");
        With("Api:RefreshRequestsPerMinute", "50");
        With("SharedInboxLinks:RequestsPerMinutePerClient", "3");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.AddPeerAddresses();
    }
}

public sealed class SignInRateLimitTests(TightRateLimitFactory factory) : IClassFixture<TightRateLimitFactory>
{
    private static string NewEmail() => $"nobody-{Guid.NewGuid():N}@org.test";

    private Task<HttpResponseMessage> LoginAsync(string email, string peer, string? forwardedFor = null) =>
        factory.Server.CreateClient().SendAsync(SecurityTestKit.Json(HttpMethod.Post, "/api/v1/auth/login", new { email, password = "Wrong-password-1" })
            .From(peer, forwardedFor));

    [Fact]
    public async Task Behind_a_trusted_proxy_each_original_client_has_its_own_sign_in_budget()
    {
        for (var i = 0; i < 3; i++) await (await LoginAsync(NewEmail(), "127.0.0.1", "198.51.100.1")).ShouldBe(HttpStatusCode.Unauthorized);
        var limited = await LoginAsync(NewEmail(), "127.0.0.1", "198.51.100.1");
        await limited.ShouldFail(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(limited.Headers.RetryAfter);

        // Another browser behind the same proxy still signs in.
        await (await LoginAsync(NewEmail(), "127.0.0.1", "198.51.100.2")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Forwarded_addresses_from_an_untrusted_peer_do_not_escape_the_limit()
    {
        for (var i = 0; i < 3; i++) await (await LoginAsync(NewEmail(), "203.0.113.9", $"198.51.100.{10 + i}")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await LoginAsync(NewEmail(), "203.0.113.9", "198.51.100.99")).ShouldFail(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    [Fact]
    public async Task Guessing_one_accounts_password_is_limited_per_account_from_any_address()
    {
        var victim = NewEmail();
        await (await LoginAsync(victim, "198.51.100.31")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await LoginAsync(victim.ToUpperInvariant(), "198.51.100.32")).ShouldBe(HttpStatusCode.Unauthorized);
        var limited = await LoginAsync(victim, "198.51.100.33");
        var error = await limited.ShouldFail(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Contains("this account", error.GetProperty("message").GetString());
        Assert.NotNull(limited.Headers.RetryAfter);

        // Codes are the same account's credential; other accounts are not affected.
        await (await factory.Server.CreateClient().SendAsync(SecurityTestKit.Json(HttpMethod.Post, "/api/v1/auth/verify-code", new { email = victim, code = "123456" })
            .From("198.51.100.34"))).ShouldFail(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        await (await LoginAsync(NewEmail(), "198.51.100.33")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_refresh_has_its_own_budget_apart_from_signing_in()
    {
        var email = NewEmail();
        var register = await factory.Server.CreateClient().SendAsync(SecurityTestKit.Json(HttpMethod.Post, "/api/v1/auth/register",
            new { organizationName = "Refreshers", name = "Api Client", email, password = ApiClient.Password }).From("198.51.100.41"));
        await register.ShouldBe(HttpStatusCode.Accepted);
        var confirmed = await factory.Server.CreateClient().SendAsync(SecurityTestKit.Json(HttpMethod.Post, "/api/v1/auth/register/confirm",
            new { token = factory.Mail.SignupToken(email) }).From("198.51.100.41"));
        await confirmed.ShouldBe(HttpStatusCode.Created);
        var refreshToken = (await confirmed.Data()).GetProperty("refreshToken").GetString()!;

        for (var i = 0; i < 3; i++) await (await LoginAsync(NewEmail(), "198.51.100.42")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await LoginAsync(NewEmail(), "198.51.100.42")).ShouldFail(HttpStatusCode.TooManyRequests, "RATE_LIMITED");

        for (var i = 0; i < 5; i++)
        {
            var refreshed = await factory.Server.CreateClient().SendAsync(SecurityTestKit.Json(HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken })
                .From("198.51.100.42"));
            await refreshed.ShouldBe(HttpStatusCode.OK);
            refreshToken = (await refreshed.Data()).GetProperty("refreshToken").GetString()!;
        }
    }

    [Fact]
    public async Task Shared_inbox_urls_have_a_budget_per_client_against_guessing()
    {
        Task<HttpResponseMessage> OpenAsync(string peer) =>
            factory.Server.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/s/" + Core.Common.Secrets.NewToken(32)).From(peer));
        for (var i = 0; i < 3; i++) await (await OpenAsync("203.0.113.77")).ShouldBe(HttpStatusCode.OK);
        var limited = await OpenAsync("203.0.113.77");
        await limited.ShouldBe(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        // Another client still opens links.
        await (await OpenAsync("203.0.113.78")).ShouldBe(HttpStatusCode.OK);
    }
}
