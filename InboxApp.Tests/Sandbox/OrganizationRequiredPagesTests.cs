using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;

namespace InboxApp.Tests.Sandbox;

/// <summary>The platform's super admin belongs to no organization: pages that work inside one say so instead of failing.</summary>
[Collection(SharedApp.Second)]
public sealed class OrganizationRequiredPagesTests(NoJobsAppFactory factory)
{
    [Theory]
    [InlineData("/sandbox", "The sandbox belongs to an organization")]
    [InlineData("/settings/channels", "Channels belongs to an organization")]
    [InlineData("/settings/teams", "Teams belongs to an organization")]
    [InlineData("/settings/tags", "Tags belongs to an organization")]
    [InlineData("/settings/quick-replies", "Quick replies belongs to an organization")]
    [InlineData("/settings/api-keys", "API keys belongs to an organization")]
    public async Task A_user_without_an_organization_is_told_the_page_needs_one_instead_of_an_error(string path, string explanation)
    {
        var browser = await factory.SignInWithCookieAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var html = await browser.PageAsync(path);
        Assert.Contains("data-testid=\"organization-required\"", html);
        Assert.Contains(explanation, html);
        Assert.Contains("href=\"/admin/jobs\"", html);
    }

    [Fact]
    public async Task An_admin_of_an_organization_sees_the_sandbox_itself()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/sandbox");
        Assert.DoesNotContain("organization-required", html);
        Assert.Contains("data-testid=\"sandbox-empty\"", html);
    }
}
