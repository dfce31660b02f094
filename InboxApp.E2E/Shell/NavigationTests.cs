using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Shell;

[Collection(SharedServer.Name)]
public sealed class NavigationTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_admin_sees_users_and_api_keys_in_the_navigation()
    {
        await SignInAsAsync(UserRole.ADMIN);

        await Shell.ExpectNavLinksAsync("Home", "Users", "API keys", "Profile");
        await Shell.ExpectNoNavLinksAsync("Jobs", "Admin console");
        await Expect(Shell.NavLink("Users")).ToHaveAttributeAsync("href", "/settings/users");
        await Expect(Shell.NavLink("API keys")).ToHaveAttributeAsync("href", "/settings/api-keys");
    }

    [Fact]
    public async Task The_supervisor_sees_users_but_not_api_keys()
    {
        await SignInAsAsync(UserRole.SUPERVISOR);

        await Shell.ExpectNavLinksAsync("Home", "Users", "Profile");
        await Shell.ExpectNoNavLinksAsync("API keys", "Jobs");
    }

    [Fact]
    public async Task The_agent_sees_neither_users_nor_api_keys()
    {
        await SignInAsAsync(UserRole.AGENT);

        await Shell.ExpectNavLinksAsync("Home", "Profile");
        await Shell.ExpectNoNavLinksAsync("Users", "API keys", "Jobs");
        await Expect(Shell.NavLink("Profile")).ToHaveAttributeAsync("href", "/profile");
    }

    [Fact]
    public async Task The_super_admin_sees_jobs_and_not_users_nor_an_admin_console()
    {
        await SignInAsAsync(UserRole.SUPER_ADMIN);

        await Shell.ExpectNavLinksAsync("Home", "Jobs", "Profile");
        await Shell.ExpectNoNavLinksAsync("Users", "API keys", "Admin console");
        await Expect(Shell.NavLink("Jobs")).ToHaveAttributeAsync("href", "/admin/jobs");
    }

    [Fact]
    public async Task The_shell_loads_every_script_stylesheet_and_font_and_becomes_interactive()
    {
        // A fresh browser: every asset is fetched (nothing from an earlier test's cache), and the handlers stay with this page.
        await UseFreshBrowserAsync();
        var failed = new List<string>();
        Page.RequestFailed += (_, request) => failed.Add($"{request.Url} ({request.Failure})");
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400) failed.Add($"{response.Url} ({response.Status})");
        };

        await SignInAsAsync(UserRole.ADMIN);
        await Page.WaitForInteractiveAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(failed);
        await Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object'"));
        await Expect(Page.Locator(".mud-layout .mud-appbar")).ToBeVisibleAsync();
        // .NET 10's reconnect dialog is in the page, closed while the circuit is up.
        await Expect(Page.Locator("dialog#components-reconnect-modal")).ToBeAttachedAsync();
        await Expect(Page.Locator("dialog#components-reconnect-modal")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Keyboard_users_can_skip_to_the_content()
    {
        await SignInAsAsync(UserRole.SUPERVISOR);
        await Page.WaitForInteractiveAsync();
        var skip = Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });

        var firstFocusable = await Page.EvaluateAsync<string>("() => document.querySelector('a[href], button, input, [tabindex=\"0\"]').textContent");
        await skip.FocusAsync();

        Assert.Equal("Skip to content", firstFocusable);
        await Expect(skip).ToBeInViewportAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + "/#main");
    }

    [Fact]
    public async Task The_profile_menu_offers_profile_theme_and_sign_out()
    {
        await SignInAsAsync(UserRole.AGENT);

        await Shell.OpenProfileMenuAsync();

        await Expect(Shell.MenuItem("Profile")).ToBeVisibleAsync();
        await Expect(Shell.MenuItem("Dark theme")).ToBeVisibleAsync();
        await Expect(Shell.MenuItem("Sign out")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_signed_in_user_gets_page_not_found_for_an_unknown_address()
    {
        await SignInAsAsync(UserRole.AGENT);

        var response = await Page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Shell.ExpectSignedInAsAsync("Alex Agent");
        await Page.WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Go to the start page" }).ClickAsync();
        await Expect(Shell.Heading).ToHaveTextAsync("Welcome, Alex Agent");
    }

    [Fact]
    public async Task An_agent_opening_the_jobs_page_is_told_it_is_not_allowed_and_stays_signed_in()
    {
        await SignInAsAsync(UserRole.AGENT);

        await Page.GotoAsync("/admin/jobs");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "You are not allowed to open this page" })).ToBeVisibleAsync();
        await Shell.ExpectSignedInAsAsync("Alex Agent");
        await Page.WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Go to the start page" }).ClickAsync();
        await Expect(Shell.Heading).ToHaveTextAsync("Welcome, Alex Agent");
    }

    [Fact]
    public async Task An_agent_following_a_link_to_the_jobs_page_inside_the_app_is_told_it_is_not_allowed()
    {
        await SignInAsAsync(UserRole.AGENT, "/");
        await Page.WaitForInteractiveAsync();

        // Navigating inside the circuit (no page load): the router's NotAuthorized content answers, not the server.
        await Page.EvaluateAsync("() => Blazor.navigateTo('/admin/jobs')");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "You are not allowed to open this page" })).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + "/admin/jobs");
    }

    [Theory]
    [InlineData("/settings/users")]
    [InlineData("/settings/failed-messages")]
    public async Task The_super_admin_is_told_that_an_organizations_page_needs_an_organization(string path)
    {
        await SignInAsAsync(UserRole.SUPER_ADMIN);

        await Page.GotoAsync(path);
        await Page.WaitForInteractiveAsync();

        await Expect(Shell.Heading).ToHaveTextAsync("This page belongs to an organization");
        await Expect(Page.GetByText("Could not load")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Shell.ExpectNoNavLinksAsync("Users", "Failed messages", "Inbox", "Sandbox");
    }
}
