using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Organizations;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Auth;

[Collection(SharedApp.Name)]
public sealed class AuthEndpointsTests(NoJobsAppFactory factory)
{
    /// <summary>Signs up with <paramref name="body"/> (202), then confirms the link mailed to <paramref name="email"/> (201).</summary>
    private async Task<HttpResponseMessage> SignUpAndConfirmAsync(string email, HttpContent body)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/v1/auth/register", body);
        await response.ShouldBe(HttpStatusCode.Accepted);
        var confirmed = await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token = factory.Mail.SignupToken(email) });
        await confirmed.ShouldBe(HttpStatusCode.Created);
        return confirmed;
    }

    [Fact]
    public async Task Register_creates_nothing_until_the_emailed_link_is_confirmed_then_the_admin_can_log_in()
    {
        var email = $"owner-{Guid.NewGuid():N}@acme.test";
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { organizationName = "Acme Widgets", name = "Owner", email, password = "Lantern-fig-123" });
        await response.ShouldBe(HttpStatusCode.Accepted);
        Assert.StartsWith("Check your email", (await response.Data()).GetProperty("message").GetString());
        await using (var db = factory.SystemDb())
            Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
        await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Lantern-fig-123" })).ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var mail = Assert.Single(factory.Mail.To(email));
        Assert.Contains("http://inbox.test/signup/", mail.TextBody);

        var confirmed = await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token = factory.Mail.SignupToken(email) });
        await confirmed.ShouldBe(HttpStatusCode.Created);
        var data = await confirmed.Data();
        Assert.StartsWith("at.", data.GetProperty("accessToken").GetString());
        Assert.Equal(900, data.GetProperty("expiresIn").GetInt32());
        Assert.Equal("ADMIN", data.GetProperty("user").GetProperty("role").GetString());

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = email.ToUpperInvariant(), password = "Lantern-fig-123" });
        await login.ShouldBe(HttpStatusCode.OK);
        var me = await factory.CreateClient().WithBearer((await login.Data()).GetProperty("accessToken").GetString()!).GetAsync("/api/v1/auth/me");
        var meData = await me.Data();
        Assert.Equal(email, meData.GetProperty("email").GetString());
        Assert.Equal("Owner", meData.GetProperty("name").GetString());
        Assert.Equal("ADMIN", meData.GetProperty("role").GetString());
        Assert.Equal(data.GetProperty("user").GetProperty("organizationId").GetGuid(), meData.GetProperty("organizationId").GetGuid());

        await using var check = factory.SystemDb();
        var org = await check.Organizations.SingleAsync(o => o.Id == meData.GetProperty("organizationId").GetGuid());
        Assert.StartsWith("acme-widgets", org.Slug);
    }

    [Fact]
    public async Task A_signup_link_works_once_and_not_after_it_expires()
    {
        var email = $"once-{Guid.NewGuid():N}@acme.test";
        var confirmed = await SignUpAndConfirmAsync(email, JsonContent.Create(new { organizationName = "Once Co", name = "Owner", email, password = "Lantern-fig-123" }));
        var organizationId = (await confirmed.Data()).GetProperty("user").GetProperty("organizationId").GetGuid();
        var token = factory.Mail.SignupToken(email);
        var client = factory.CreateClient();
        await (await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token })).ShouldFail(HttpStatusCode.Conflict, "SIGNUP_USED");
        await (await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token = "not-a-token" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token = "" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await using (var db = factory.SystemDb())
            Assert.Equal(1, await db.Users.CountAsync(u => u.OrganizationId == organizationId));

        var late = $"late-{Guid.NewGuid():N}@acme.test";
        await (await client.PostAsJsonAsync("/api/v1/auth/register", new { organizationName = "Late Co", name = "Owner", email = late, password = "Lantern-fig-123" })).ShouldBe(HttpStatusCode.Accepted);
        await using (var db = factory.SystemDb())
            await db.SignupRequests.Where(r => r.NormalizedEmail == late.ToUpperInvariant())
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        await (await client.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token = factory.Mail.SignupToken(late) })).ShouldFail(HttpStatusCode.Conflict, "SIGNUP_EXPIRED");
        await using (var db = factory.SystemDb())
            Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == late.ToUpperInvariant()));
    }

    [Fact]
    public async Task The_signup_page_of_a_link_shows_the_organization_and_confirms_into_the_app_with_a_cookie()
    {
        var email = $"page-{Guid.NewGuid():N}@acme.test";
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await (await client.PostAsJsonAsync("/api/v1/auth/register", new { organizationName = "Page Co", name = "Owner", email, password = "Lantern-fig-123" })).ShouldBe(HttpStatusCode.Accepted);
        var token = factory.Mail.SignupToken(email);
        var page = await client.GetStringAsync($"/signup/{token}");
        Assert.Contains("Create Page Co", page);
        Assert.Contains("Create my organization", page);
        Assert.Contains("Sign-up link not found", await client.GetStringAsync("/signup/unknown-token"));

        // A post without the page's antiforgery token (another site's form) creates nothing.
        var forged = await client.PostAsync($"/account/signup/{token}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.StartsWith($"/signup/{token}?error=", forged.Headers.Location?.OriginalString);
        await using var db = factory.SystemDb();
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
    }

    [Fact]
    public async Task Register_accepts_the_seed_companyName_field()
    {
        var email = $"seed-{Guid.NewGuid():N}@acme.test";
        var response = await SignUpAndConfirmAsync(email, JsonContent.Create(new { companyName = "Seed Co", name = "Owner", email, password = "Lantern-fig-123" }));
        Assert.Equal("Seed Co", (await response.Data()).GetProperty("user").GetProperty("organization").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_and_server_owned_fields_in_register_are_ignored()
    {
        var email = $"sneaky-{Guid.NewGuid():N}@acme.test";
        var otherOrg = await factory.RegisterOrganizationAsync();
        var body = $$"""
            {"organizationName":"Sneaky Co","name":"S","email":"{{email}}","password":"Lantern-fig-123",
             "role":"SUPER_ADMIN","organizationId":"{{otherOrg.OrganizationId}}","id":"{{otherOrg.UserId}}","isActive":false,"plan":"ENTERPRISE","extra":{"a":1} }
            """;
        var response = await SignUpAndConfirmAsync(email, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var user = (await response.Data()).GetProperty("user");
        Assert.Equal("ADMIN", user.GetProperty("role").GetString());
        Assert.NotEqual(otherOrg.OrganizationId, user.GetProperty("organizationId").GetGuid());
        Assert.NotEqual(otherOrg.UserId, user.GetProperty("id").GetGuid());
        Assert.True(user.GetProperty("isActive").GetBoolean());
        Assert.Equal("FREE", user.GetProperty("organization").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Register_with_a_taken_email_answers_as_for_a_new_one_and_mails_the_owner_a_notice_instead_of_a_link()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var fresh = $"fresh-{Guid.NewGuid():N}@acme.test";
        var taken = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { organizationName = "Other", name = "X", email = admin.Email.ToUpperInvariant(), password = "Lantern-fig-123" });
        var free = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { organizationName = "Other", name = "X", email = fresh, password = "Lantern-fig-123" });
        Assert.Equal(free.StatusCode, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        Assert.Equal(await free.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());

        var notice = factory.Mail.To(admin.Email).Last();
        Assert.Contains("already has an InboxApp account", notice.TextBody);
        Assert.Contains("http://inbox.test/login", notice.TextBody);
        Assert.DoesNotContain("/signup/", notice.TextBody);
        await using var db = factory.SystemDb();
        Assert.False(await db.SignupRequests.AnyAsync(r => r.NormalizedEmail == admin.Email.ToUpperInvariant() && r.CompletedAt == null));
        Assert.True(await db.SignupRequests.AnyAsync(r => r.NormalizedEmail == fresh.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("{\"organizationName\":\"A Co\",\"name\":\"N\",\"email\":\"not-an-email\",\"password\":\"Lantern-fig-123\"}", "email")]
    [InlineData("{\"organizationName\":\"A Co\",\"name\":\"N\",\"email\":\"a@b.test\",\"password\":\"short\"}", "password")]
    [InlineData("{\"name\":\"N\",\"email\":\"a@b.test\",\"password\":\"Lantern-fig-123\"}", "organizationName")]
    public async Task Register_with_bad_fields_is_a_validation_error_naming_the_field(string body, string field)
    {
        var response = await factory.CreateClient().PostRawJsonAsync("/api/v1/auth/register", body);
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details should name {field}: {error}");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"email\": 42, \"password\": \"x\"}")]
    [InlineData("{\"email\": [\"a@b.test\"], \"password\": \"x\"}")]
    [InlineData("")]
    public async Task Login_with_malformed_body_is_400_never_500(string body)
    {
        var response = await factory.CreateClient().PostRawJsonAsync("/api/v1/auth/login", body);
        await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Oversized_body_is_rejected_with_413()
    {
        var huge = "{\"email\":\"a@b.test\",\"password\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        var response = await factory.CreateClient().PostRawJsonAsync("/api/v1/auth/login", huge);
        await response.ShouldFail(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Login_with_wrong_password_is_401_and_locks_after_repeated_failures()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var client = factory.CreateClient();
        for (var i = 0; i < 4; i++)
            await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = admin.Email, password = "Wrong-pass-1" }))
                .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = admin.Email, password = "Wrong-pass-1" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        // Locked now: even the right password is refused for a while.
        await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = admin.Email, password = admin.Password }))
            .ShouldFail(HttpStatusCode.Forbidden, "ACCOUNT_LOCKED");
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_401_as_a_wrong_password()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@nowhere.test", password = "Whatever-1" });
        await response.ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    [InlineData("at.CfDJ8forged")]
    [InlineData("sk_org_notarealkey")]
    public async Task Me_without_valid_credentials_is_401(string? token)
    {
        var client = factory.CreateClient();
        if (token is not null) client.WithBearer(token);
        await (await client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Refresh_rotates_tokens_and_reusing_an_old_one_revokes_the_family()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var client = factory.CreateClient();
        var first = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = admin.RefreshToken });
        await first.ShouldBe(HttpStatusCode.OK);
        var rotated = (await first.Data()).GetProperty("refreshToken").GetString()!;
        Assert.NotEqual(admin.RefreshToken, rotated);
        var newAccess = (await first.Data()).GetProperty("accessToken").GetString()!;
        await (await factory.CreateClient().WithBearer(newAccess).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        // Replaying the spent token: refused, and the rotated token of the same family dies with it.
        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = admin.RefreshToken }))
            .ShouldFail(HttpStatusCode.Unauthorized, "TOKEN_REUSED");
        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated }))
            .ShouldFail(HttpStatusCode.Unauthorized, "TOKEN_REUSED");
    }

    [Fact]
    public async Task Two_parallel_refreshes_with_one_token_let_exactly_one_through()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = admin.RefreshToken })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Refresh_tokens_are_stored_only_as_hashes()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await using var db = factory.SystemDb();
        var hashes = await db.RefreshTokens.Where(t => t.UserId == admin.UserId).Select(t => t.TokenHash).ToListAsync();
        Assert.NotEmpty(hashes);
        Assert.DoesNotContain(admin.RefreshToken, hashes);
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }

    [Fact]
    public async Task Set_password_checks_strength()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostAsJsonAsync("/api/v1/auth/set-password", new { password = "abc" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Email_code_sign_in_works_once_and_wrong_codes_fail()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var client = factory.CreateClient();
        await (await client.PostAsJsonAsync("/api/v1/auth/request-code", new { email = admin.Email })).ShouldBe(HttpStatusCode.OK);
        var code = MailReader.LatestCode(factory, admin.Email);

        await (await client.PostAsJsonAsync("/api/v1/auth/verify-code", new { email = admin.Email, code = code == "000000" ? "111111" : "000000" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CODE");
        var ok = await client.PostAsJsonAsync("/api/v1/auth/verify-code", new { email = admin.Email, code });
        await ok.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(admin.UserId, (await ok.Data()).GetProperty("user").GetProperty("id").GetGuid());
        await (await client.PostAsJsonAsync("/api/v1/auth/verify-code", new { email = admin.Email, code }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CODE");
    }

    [Fact]
    public async Task Request_code_for_an_unknown_email_answers_the_same_and_sends_nothing()
    {
        var email = $"ghost-{Guid.NewGuid():N}@nowhere.test";
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/request-code", new { email })).ShouldBe(HttpStatusCode.OK);
        Assert.Null(MailReader.Latest(factory, email));
    }

    [Fact]
    public async Task Complete_onboarding_marks_the_organization()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.PostAsync("/api/v1/auth/complete-onboarding", null);
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.True((await response.Data()).GetProperty("onboardingCompleted").GetBoolean());
        var me = await (await admin.Client.GetAsync("/api/v1/auth/me")).Data();
        Assert.True(me.GetProperty("organization").GetProperty("onboardingCompleted").GetBoolean());
    }

    [Fact]
    public async Task Complete_onboarding_needs_an_admin()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await (await agent.Client.PostAsync("/api/v1/auth/complete-onboarding", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Theory]
    [InlineData(OrganizationStatus.SUSPENDED, "ORGANIZATION_SUSPENDED")]
    [InlineData(OrganizationStatus.CANCELLED, "ORGANIZATION_CANCELLED")]
    public async Task Users_and_keys_of_an_inactive_organization_get_403_with_a_clear_code(OrganizationStatus status, string code)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var key = (await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "k" })).Data()).GetProperty("key").GetString()!;
        await using (var db = factory.SystemDb())
        {
            await db.Organizations.Where(o => o.Id == admin.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, status));
        }

        await (await admin.Client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Forbidden, code);
        await (await factory.CreateClient().WithBearer(key).GetAsync("/api/v1/api-keys")).ShouldFail(HttpStatusCode.Forbidden, code);
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = admin.Email, password = admin.Password }))
            .ShouldFail(HttpStatusCode.Forbidden, code);
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = admin.RefreshToken }))
            .ShouldFail(HttpStatusCode.Forbidden, code);
    }

    [Fact]
    public async Task Unknown_api_route_answers_404_in_the_envelope()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.GetAsync("/api/v1/does-not-exist")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Health_and_ready_answer()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/health")).ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/ready");
        await ready.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ready", (await ready.Data()).GetProperty("status").GetString());
    }
}

public sealed class AuthRateLimitTests : IClassFixture<AuthRateLimitTests.LimitedFactory>
{
    public sealed class LimitedFactory : InboxAppFactory
    {
        public LimitedFactory() => WithoutJobs().With("Api:AuthRequestsPerMinute", "3");
    }

    private readonly LimitedFactory factory;

    public AuthRateLimitTests(LimitedFactory factory) => this.factory = factory;

    [Fact]
    public async Task Sign_in_endpoints_are_rate_limited_with_retry_after()
    {
        var client = factory.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++) last = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "x@y.test", password = "Whatever-1" });
        await last!.ShouldFail(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(last!.Headers.RetryAfter);
    }
}
