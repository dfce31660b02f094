using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Identity;
using InboxApp.Features.Inbox;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.ApiKeys;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Profile;

[Collection(SharedApp.Name)]
public sealed class ProfilePageTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Profile_page_shows_the_admin_their_account_and_the_forms()
    {
        var admin = await factory.RegisterOrganizationAsync("Page Co");
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/profile");
        Assert.Contains("<h1>Profile</h1>", html);
        Assert.Contains(admin.Email, html);
        Assert.Contains("data-testid=\"profile-role\">Admin<", html);
        Assert.Contains("data-testid=\"profile-organization\">Page Co<", html);
        Assert.Contains(">Name</label>", html);
        Assert.Contains(">Current password</label>", html);
        Assert.Contains(">New password</label>", html);
        Assert.Contains("Change password", html);
        Assert.Contains("id=\"avatar-file\"", html);
    }

    [Theory]
    [InlineData(UserRole.AGENT, "Agent")]
    [InlineData(UserRole.SUPERVISOR, "Supervisor")]
    public async Task Profile_page_works_for_members(UserRole role, string label)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var member = await factory.AddMemberAsync(admin, role.ToString());
        var html = await (await factory.SignInWithCookieAsync(member.Email, member.Password)).PageAsync("/profile");
        Assert.Contains(member.Email, html);
        Assert.Contains($"data-testid=\"profile-role\">{label}<", html);
    }

    [Fact]
    public async Task Profile_page_works_for_the_super_admin_who_has_no_organization()
    {
        var html = await (await factory.SignInWithCookieAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword)).PageAsync("/profile");
        Assert.Contains(InboxAppFactory.SuperAdminEmail, html);
        Assert.Contains("data-testid=\"profile-role\">Super admin<", html);
        Assert.Contains("data-testid=\"profile-organization\">None: platform administrators", html);
    }

    [Fact]
    public async Task Profile_page_shows_the_uploaded_avatar_which_the_cookie_can_fetch()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var png = TestImages.Png();
        var url = (await (await AvatarEndpointsTests.UploadAsync(admin.Client, png)).Data()).GetProperty("avatarUrl").GetString()!;
        var browser = await factory.SignInWithCookieAsync(admin.Email, admin.Password);
        Assert.Contains($"src=\"{url}\"", await browser.PageAsync("/profile"));
        var image = await browser.GetAsync(url);
        await image.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/profile")]
    [InlineData("/settings/api-keys")]
    public async Task Pages_send_visitors_who_are_not_signed_in_to_the_login_page(string path)
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task The_inbox_shows_times_in_the_members_own_time_zone_else_the_organizations()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        at = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
        await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId(), at: at);
        var browser = await factory.SignInWithCookieAsync(agent.Email, agent.Password);
        string Shown(string zone) => $">{InboxTime.Short(at, InboxTime.Zone(zone))}</time>";

        // Kathmandu is UTC+05:45: its clock never shows the same minutes as UTC's.
        Assert.Contains(Shown("UTC"), await browser.PageAsync("/inbox"));
        await (await agent.Client.PutAsJsonAsync("/api/v1/profile/time-zone", new { timeZone = "Asia/Kathmandu" })).ShouldBe(HttpStatusCode.OK);
        var html = await browser.PageAsync("/inbox");
        Assert.Contains(Shown("Asia/Kathmandu"), html);
        Assert.DoesNotContain(Shown("UTC"), html);
        Assert.Contains("data-testid=\"profile-time-zone\">Asia/Kathmandu<", await browser.PageAsync("/profile"));
        Assert.Contains(">Time zone</label>", await browser.PageAsync("/profile"));
    }
}
