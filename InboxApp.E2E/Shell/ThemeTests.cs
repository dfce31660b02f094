using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Shell;

[Collection(SharedServer.Name)]
public sealed class ThemeTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    // Mud's palette background (InboxTheme): #121212 dark, #f3f5f8 light.
    private const string DarkBackground = "rgb(18, 18, 18)";
    private const string LightBackground = "rgb(243, 245, 248)";

    private ILocator Body => Page.Locator("body");

    [Fact]
    public async Task The_dark_theme_applies_at_once_persists_across_a_reload_and_can_be_switched_back()
    {
        await SignInAsAsync(UserRole.ADMIN);
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Expect(Body).ToHaveCSSAsync("background-color", LightBackground);
        await Page.EvaluateAsync("() => window.__noReload = true");

        await Shell.SwitchThemeAsync("dark");

        await Expect(Body).ToHaveCSSAsync("background-color", DarkBackground);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__noReload === true"), "the theme switched without reloading the page");
        Assert.Equal("dark", await Page.CookieAsync("inbox.theme"));
        await Page.ReloadAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(Body).ToHaveCSSAsync("background-color", DarkBackground);
        await Shell.ExpectSignedInAsAsync("Ada Admin");
        await ScreenshotAsync("dark");

        await Shell.SwitchThemeAsync("light");
        await Expect(Body).ToHaveCSSAsync("background-color", LightBackground);
        await Page.ReloadAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Expect(Body).ToHaveCSSAsync("background-color", LightBackground);
    }

    [Fact]
    public async Task The_login_page_follows_the_theme_cookie()
    {
        await Page.Context.AddCookiesAsync([new Cookie { Name = "inbox.theme", Value = "dark", Url = Server.BaseUrl }]);

        await Login.GotoAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        // A retrying assertion: the stylesheet may still be applying when the attribute is already there.
        await Expect(Page.Locator(".login-card")).ToHaveCSSAsync("background-color", "rgb(30, 30, 30)");
    }

    [Fact]
    public async Task Buttons_stop_moving_for_a_user_who_asks_for_reduced_motion_and_keep_their_transitions_otherwise()
    {
        await UseFreshBrowserAsync(); // the emulated preference stays with the page: not lent to the next test
        await SignInAsAsync(UserRole.ADMIN);
        // Mud's button: background, shadow and border change in 250 ms.
        await Expect(Shell.ProfileMenu).ToHaveCSSAsync("transition-duration", "0.25s, 0.25s, 0.25s");

        await Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await Page.ReloadAsync();
        await Shell.ExpectSignedInAsAsync("Ada Admin");
        // app.css: every transition and animation ends at once (0.01 ms, which Chromium writes 1e-05s).
        await Expect(Shell.ProfileMenu).ToHaveCSSAsync("transition-duration", "1e-05s");
    }
}
