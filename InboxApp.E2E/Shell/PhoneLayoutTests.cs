using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Shell;

[Collection(SharedServer.Name)]
public sealed class PhoneLayoutTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    protected override ViewportSize Viewport => new() { Width = 390, Height = 844 };

    private ILocator Toggle => Shell.DrawerToggle;

    [Theory]
    [InlineData("/login")]
    [InlineData("/signup")]
    public async Task On_a_phone_the_sign_in_and_sign_up_fields_and_buttons_are_44_px_targets(string path)
    {
        await Page.GotoAsync(path);
        var small = await Page.Locator(".login-card input:visible, .login-card button:visible").EvaluateAllAsync<string[]>(
            "els => els.map(e => [e.id || e.innerText.trim(), e.getBoundingClientRect().height]).filter(([, h]) => h < 44).map(([n, h]) => `${n}: ${h}px`)");
        Assert.NotEmpty(await Page.Locator(".login-card input:visible").AllAsync());
        Assert.Empty(small);
    }

    [Theory]
    [InlineData("/settings/users")]
    [InlineData("/settings/channels")]
    public async Task On_a_phone_the_buttons_of_a_settings_page_are_44_px_targets(string path)
    {
        await SignInAsAsync(UserRole.ADMIN);
        await Page.GotoAsync(path);
        await Page.WaitForInteractiveAsync();
        var buttons = Page.Locator("main :is(button, a).mud-button-root:visible");
        await Expect(buttons.First).ToBeVisibleAsync();
        var small = await buttons.EvaluateAllAsync<string[]>(
            "els => els.map(e => [e.getAttribute('aria-label') || e.innerText.trim(), e.getBoundingClientRect()]).filter(([, r]) => r.width < 44 || r.height < 44).map(([n, r]) => `${n}: ${r.width}×${r.height}px`)");
        Assert.Empty(small);
    }

    [Fact]
    public async Task On_a_phone_the_navigation_starts_hidden_and_opens_from_the_toggle()
    {
        await SignInAsAsync(UserRole.ADMIN);
        await Page.WaitForInteractiveAsync();
        await Expect(Shell.NavLink("Inbox")).Not.ToBeInViewportAsync();

        await OpenNavigationAsync();
        var mainWidth = await Page.Locator("main").EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        Assert.True(mainWidth >= 350, $"The page keeps the full width under the open navigation (was {mainWidth}px)");
    }

    [Fact]
    public async Task On_a_phone_the_page_fits_the_width_and_does_not_scroll_sideways()
    {
        await SignInAsAsync(UserRole.SUPERVISOR);
        await Page.WaitForInteractiveAsync();
        // The sidebar closes once the circuit has applied the phone media query (slower on a loaded machine).
        await Expect(Shell.NavLink("Inbox")).Not.ToBeInViewportAsync();

        var scrolledBy = await Page.EvaluateAsync<double>("() => { window.scrollTo(500, 0); return window.scrollX; }");
        var mainRight = await Page.Locator("main").EvaluateAsync<double>("e => e.getBoundingClientRect().right");

        var wide = await Page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.True(scrolledBy == 0, $"The page scrolled sideways by {scrolledBy}px; wider than the screen: {wide}");
        Assert.True(mainRight <= 390, $"The content ends inside the screen (right edge at {mainRight}px)");
        await Expect(Shell.ProfileMenu).ToBeInViewportAsync();
    }

    [Fact]
    public async Task On_a_phone_the_navigation_closes_after_following_a_link()
    {
        await SignInAsAsync(UserRole.ADMIN);
        await Page.WaitForInteractiveAsync();
        await Expect(Shell.NavLink("Inbox")).Not.ToBeInViewportAsync();
        await OpenNavigationAsync();

        await Shell.NavLink("Users").ClickAsync();

        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + "/settings/users");
        await Expect(Shell.Heading).ToHaveTextAsync("Users");
        await Expect(Shell.NavLink("Users")).Not.ToBeInViewportAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeAttachedAsync();
    }

    /// <summary>
    /// Opens the drawer and waits until its first link shows. A click that lands while the circuit is still applying the
    /// phone media query is undone by it (the drawer closes again), so the toggle is pressed again until the drawer stays open.
    /// </summary>
    private async Task OpenNavigationAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            await Toggle.ClickAsync();
            try
            {
                await Expect(Shell.NavLink("Inbox")).ToBeInViewportAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
