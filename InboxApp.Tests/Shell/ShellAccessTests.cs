using System.Net;
using System.Text.RegularExpressions;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InboxApp.Tests.Shell;

/// <summary>Where sign-in lands each role, and what the shell answers for pages a user may not or cannot use.</summary>
[Collection(SharedApp.Second)]
public sealed partial class ShellAccessTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task An_agent_signing_in_without_a_return_address_lands_on_the_inbox()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");

        Assert.Equal("/inbox", await SignInLocationAsync(agent.Email, agent.Password, returnUrl: null));
        Assert.Equal("/inbox", await SignInLocationAsync(agent.Email, agent.Password, returnUrl: "/"));
        Assert.Equal("/profile", await SignInLocationAsync(agent.Email, agent.Password, returnUrl: "/profile"));
    }

    [Fact]
    public async Task Admins_supervisors_and_the_super_admin_land_on_home()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");

        Assert.Equal("/", await SignInLocationAsync(admin.Email, admin.Password, returnUrl: null));
        Assert.Equal("/", await SignInLocationAsync(supervisor.Email, supervisor.Password, returnUrl: null));
        Assert.Equal("/", await SignInLocationAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword, returnUrl: null));
    }

    [Fact]
    public async Task A_signed_in_agent_asking_for_the_jobs_page_is_told_it_is_not_allowed_instead_of_being_sent_to_sign_in()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var browser = await factory.SignInWithCookieAsync(agent.Email, agent.Password);

        var denied = await browser.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        var location = denied.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.Equal("/not-allowed?ReturnUrl=%2Fadmin%2Fjobs", path);
        var page = await browser.PageAsync(path);
        Assert.Contains("You are not allowed to open this page", page);
        Assert.Contains("aria-label=\"Profile menu\"", page);
        Assert.DoesNotContain("Background jobs", page);
    }

    [Fact]
    public async Task An_anonymous_visit_to_the_jobs_page_still_goes_to_sign_in()
    {
        var response = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=%2Fadmin%2Fjobs", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("/settings/users")]
    [InlineData("/settings/failed-messages")]
    public async Task The_super_admin_gets_an_explanation_on_a_page_that_needs_an_organization(string path)
    {
        var browser = await factory.SignInWithCookieAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);

        var page = await browser.PageAsync(path);

        Assert.Contains("This page belongs to an organization", page);
        Assert.DoesNotContain("Could not load", page);
        Assert.DoesNotContain("aria-label=\"Invite\"", page);
        Assert.DoesNotContain("data-testid=\"failed-grid\"", page);
        Assert.DoesNotContain("href=\"/settings/users\"", page);
        Assert.DoesNotContain("href=\"/settings/failed-messages\"", page);
    }

    [Fact]
    public async Task An_organization_admin_gets_the_page_itself()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var browser = await factory.SignInWithCookieAsync(admin.Email, admin.Password);

        var page = await browser.PageAsync("/settings/failed-messages");

        Assert.DoesNotContain("This page belongs to an organization", page);
        Assert.Contains("data-testid=\"failed-grid\"", page);
    }

    [Fact]
    public async Task The_home_page_says_the_theme_is_in_the_header_menu()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var browser = await factory.SignInWithCookieAsync(admin.Email, admin.Password);

        var page = await browser.PageAsync("/");

        Assert.Contains("the light or dark theme is in the menu under your name at the top right", page);
        Assert.DoesNotContain("theme are under", page);
    }

    [Fact]
    public async Task The_shell_carries_dotnet_10s_reconnect_dialog()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var browser = await factory.SignInWithCookieAsync(admin.Email, admin.Password);

        var page = await browser.PageAsync("/");

        Assert.Contains("<dialog id=\"components-reconnect-modal\"", page);
        Assert.Matches(ReconnectScript(), page);
        Assert.Contains("id=\"components-reconnect-button\"", page);
        Assert.Contains("id=\"components-resume-button\"", page);
    }

    /// <summary>Posts the login form and returns where the app redirects.</summary>
    private async Task<string?> SignInLocationAsync(string email, string password, string? returnUrl)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(login).Groups[1].Value;
        var form = new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) };
        if (returnUrl is not null) form["returnUrl"] = returnUrl;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<script type=\"module\" src=\"[^\"]*Components/Layout/ReconnectModal\\.[^\"]*js\"")]
    private static partial Regex ReconnectScript();
}
