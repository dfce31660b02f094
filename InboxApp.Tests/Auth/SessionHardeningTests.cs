using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using InboxApp.Tests.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Auth;

/// <summary>
/// Sessions end on the server, passwords are replaced only with the current one, and sign-in answers nothing it should
/// not: first passwords, API sign-out, the sign-out form's antiforgery check, return addresses with control characters.
/// </summary>
[Collection(SharedApp.Name)]
public sealed partial class SessionHardeningTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Set_password_refuses_to_replace_an_existing_password_and_the_password_stays()
    {
        var admin = await factory.RegisterOrganizationAsync();

        await (await admin.Client.PostAsJsonAsync("/api/v1/auth/set-password", new { password = "Taken-over-pass-9" }))
            .ShouldFail(HttpStatusCode.Conflict, "PASSWORD_ALREADY_SET");

        // The session goes on and the old password still signs in; the new one does not.
        await (await admin.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await factory.LoginAsync(admin.Email, admin.Password);
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = admin.Email, password = "Taken-over-pass-9" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Changing_a_password_needs_the_current_one_and_ends_other_sessions()
    {
        var admin = await factory.RegisterOrganizationAsync();

        await (await admin.Client.PostAsJsonAsync("/api/v1/profile/change-password", new { currentPassword = "Wrong-pass-1", newPassword = "Brand-new-pass-2" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var changed = await admin.Client.PostAsJsonAsync("/api/v1/profile/change-password", new { currentPassword = admin.Password, newPassword = "Brand-new-pass-2" });
        await changed.ShouldBe(HttpStatusCode.OK);

        await (await admin.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = admin.RefreshToken })).ShouldBe(HttpStatusCode.Unauthorized);
        await factory.LoginAsync(admin.Email, "Brand-new-pass-2");
    }

    [Fact]
    public async Task A_user_without_a_password_sets_a_first_one_once()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var email = $"invited-{Guid.NewGuid():N}@org.test";
        await factory.LegacyInvitedUserAsync(admin, "AGENT", email, "Invited Agent");
        var anonymous = factory.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/request-code", new { email })).ShouldBe(HttpStatusCode.OK);
        var verified = await anonymous.PostAsJsonAsync("/api/v1/auth/verify-code", new { email, code = MailReader.LatestCode(factory, email) });
        await verified.ShouldBe(HttpStatusCode.OK);
        var invited = factory.CreateClient().WithBearer((await verified.Data()).GetProperty("accessToken").GetString()!);

        var first = await invited.PostAsJsonAsync("/api/v1/auth/set-password", new { password = "First-pass-123" });
        await first.ShouldBe(HttpStatusCode.OK);
        var again = factory.CreateClient().WithBearer((await first.Data()).GetProperty("accessToken").GetString()!);
        await (await again.PostAsJsonAsync("/api/v1/auth/set-password", new { password = "Second-pass-456" }))
            .ShouldFail(HttpStatusCode.Conflict, "PASSWORD_ALREADY_SET");
        await factory.LoginAsync(email, "First-pass-123");
    }

    [Fact]
    public async Task Api_logout_revokes_the_sessions_refresh_tokens_and_access_tokens_but_not_other_sessions()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.LoginAsync(admin.Email, admin.Password);
        var refreshed = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = admin.RefreshToken });
        await refreshed.ShouldBe(HttpStatusCode.OK);
        var rotatedRefresh = (await refreshed.Data()).GetProperty("refreshToken").GetString()!;
        var rotatedAccess = factory.CreateClient().WithBearer((await refreshed.Data()).GetProperty("accessToken").GetString()!);

        await (await admin.Client.PostAsync("/api/v1/auth/logout", null)).ShouldBe(HttpStatusCode.NoContent);

        // Every token of the session's family is refused: the first access token, the rotated one, the rotated refresh token.
        await (await admin.Client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await rotatedAccess.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotatedRefresh })).ShouldBe(HttpStatusCode.Unauthorized);
        // Another sign-in of the same user goes on.
        await (await other.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = other.RefreshToken })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_logout_needs_a_signed_in_user_not_an_api_key()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "partner" });
        var key = factory.CreateClient().WithBearer((await created.Data()).GetProperty("key").GetString()!);

        await (await key.PostAsync("/api/v1/auth/logout", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await factory.CreateClient().PostAsync("/api/v1/auth/logout", null)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused_and_the_session_goes_on()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var browser = await factory.SignInWithCookieAsync(admin.Email, admin.Password);

        var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("aria-label=\"Profile menu\"", await browser.PageAsync("/profile"));
        await using var db = factory.SystemDb();
        Assert.False(await db.RevokedSessions.AnyAsync(s => s.UserId == admin.UserId));
    }

    [Theory]
    [InlineData("/profile\t")]
    [InlineData("/\tprofile")]
    [InlineData("/profile\r\nX-Injected: 1")]
    [InlineData("/pro\nfile")]
    [InlineData("//evil.example/profile")]
    [InlineData("/\\evil.example/profile")]
    [InlineData("https://evil.example/profile")]
    [InlineData("/\t/evil.example")]
    public async Task A_return_address_off_the_site_or_with_a_control_character_is_treated_as_not_local_after_sign_in(string returnUrl)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(login).Groups[1].Value;

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = admin.Email, ["password"] = admin.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
