using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Account;

[Collection(SharedServer.Name)]
public sealed class SignInTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task Signing_in_with_a_password_lands_on_home_with_the_users_name()
    {
        await Login.GotoAsync();
        await Login.SignInAsync("admin@acme.test", InboxServer.DemoPassword);

        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + "/");
        await Expect(Shell.Heading).ToHaveTextAsync("Welcome, Ada Admin");
        await Expect(Shell.ProfileMenu).ToContainTextAsync("Ada Admin");
        await Expect(Page.GetByText("You are signed in to Acme Support as an admin.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_on_the_login_page()
    {
        await Login.GotoAsync();
        await Login.SignInAsync("supervisor@acme.test", "Not-the-password-1");

        await Login.ExpectShownAsync();
        await Expect(Login.Error).ToHaveTextAsync("Invalid email or password");
        await Expect(Page.Locator("#email")).ToHaveValueAsync("supervisor@acme.test");
        Assert.Null(await Page.CookieAsync("inbox.auth"));
    }

    [Fact]
    public async Task An_emailed_code_signs_the_user_in()
    {
        var (email, name) = InboxServer.Demo(UserRole.AGENT);
        var since = DateTime.UtcNow.AddSeconds(-2);
        await Login.GotoAsync();
        await Login.RequestCodeAsync(email);
        await Expect(Page.GetByText($"We sent a 6-digit code to {email}")).ToBeVisibleAsync();

        var code = await Mailbox.SignInCodeAsync(Server, email, since);
        await Login.EnterCodeAsync(code);

        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + "/inbox");
        await Shell.ExpectSignedInAsAsync(name);
    }

    [Fact]
    public async Task An_agent_lands_on_the_inbox_after_signing_in_with_a_password()
    {
        var (email, name) = InboxServer.Demo(UserRole.AGENT);
        await Login.GotoAsync();
        await Login.SignInAsync(email, InboxServer.DemoPassword);

        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + "/inbox");
        await Shell.ExpectSignedInAsAsync(name);
        await Expect(Shell.NavLink("Inbox")).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task A_wrong_code_keeps_the_user_on_the_code_step_with_an_error()
    {
        var (email, _) = InboxServer.Demo(UserRole.SUPERVISOR);
        await Login.GotoAsync();
        await Login.RequestCodeAsync(email);

        await Login.EnterCodeAsync("000000x");

        await Expect(Login.Error).ToHaveTextAsync("The code is not valid or has expired");
        await Expect(Page.GetByLabel("Code")).ToBeVisibleAsync();
        Assert.Null(await Page.CookieAsync("inbox.auth"));
    }

    [Fact]
    public async Task An_anonymous_visit_to_user_settings_goes_to_login_and_returns_there_after_sign_in()
    {
        await Page.GotoAsync("/settings/users");

        await Login.ExpectShownAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2Fsettings%2Fusers$", RegexOptions.IgnoreCase));
        await Login.SignInAsync("admin@acme.test", InboxServer.DemoPassword);

        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + "/settings/users");
        await Shell.ExpectSignedInAsAsync("Ada Admin");
    }

    [Fact]
    public async Task The_super_admin_lands_on_a_welcome_that_links_to_jobs()
    {
        await SignInAsAsync(UserRole.SUPER_ADMIN);

        await Expect(Shell.Heading).ToHaveTextAsync("Welcome, Super Admin");
        await Expect(Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToHaveAttributeAsync("href", "/admin/jobs");
        await Page.WaitForInteractiveAsync();
        await Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }
}
