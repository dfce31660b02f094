using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Account;

[Collection(SharedServer.Name)]
public sealed class SignOutTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task Signing_out_from_the_profile_menu_returns_to_login_and_home_then_asks_to_sign_in()
    {
        await SignInAsAsync(UserRole.SUPERVISOR);

        await Shell.SignOutAsync();

        await Login.ExpectShownAsync();
        Assert.Null(await Page.CookieAsync("inbox.auth"));
        await Page.GotoAsync("/");
        await Login.ExpectShownAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2F$", RegexOptions.IgnoreCase));
    }

    [Fact]
    public async Task Signing_out_in_one_browser_leaves_another_session_signed_in()
    {
        await SignInAsAsync(UserRole.ADMIN);
        var other = await NewSessionAsync();
        await other.GotoAsync("/login");
        await new Pages.LoginPage(other).SignInAsync("admin@acme.test", InboxServer.DemoPassword);
        await Expect(other).ToHaveURLAsync(Server.BaseUrl + "/");

        await Shell.SignOutAsync();
        await Login.ExpectShownAsync();

        await other.ReloadAsync();
        await new Pages.ShellPage(other).ExpectSignedInAsAsync("Ada Admin");
    }
}
