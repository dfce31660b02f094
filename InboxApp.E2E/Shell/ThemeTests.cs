using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Shell;

[Collection(SharedServer.Name)]
public sealed class ThemeTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private ILocator RadzenStylesheet(string theme) => Page.Locator($"link[rel='stylesheet'][href*='css/{theme}-base.css'], link[rel='stylesheet'][href*='css/{theme}.css']");

    [Fact]
    public async Task The_dark_theme_persists_across_a_reload_and_can_be_switched_back()
    {
        await SignInAsAsync(UserRole.ADMIN);
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");

        await Shell.SwitchThemeAsync("dark");
        Assert.Equal("dark", await Page.CookieAsync("inbox.theme"));
        await Page.ReloadAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(RadzenStylesheet("material-dark").First).ToBeAttachedAsync();
        await Shell.ExpectSignedInAsAsync("Ada Admin");
        await ScreenshotAsync("dark");

        await Shell.SwitchThemeAsync("light");
        await Page.ReloadAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Expect(RadzenStylesheet("material-dark")).ToHaveCountAsync(0);
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
}
