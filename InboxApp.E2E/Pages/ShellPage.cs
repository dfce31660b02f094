using InboxApp.E2E.Infrastructure;

namespace InboxApp.E2E.Pages;

/// <summary>The signed-in shell: header with the profile menu, the role-dependent navigation, the main area.</summary>
public sealed class ShellPage(IPage page)
{
    // A CSS locator: on a phone the closed drawer hides the navigation, which is still there.
    public ILocator Navigation => page.Locator("nav[aria-label='Main navigation']");

    public ILocator ProfileMenu => page.GetByRole(AriaRole.Button, new() { Name = "Profile menu" });

    public ILocator Heading => page.Locator("main h1");

    public ILocator NavLink(string text) => Navigation.GetByRole(AriaRole.Link, new() { Name = text, Exact = true });

    /// <summary>An item of the open profile menu (Mud's menu list carries the <c>profile-menu-list</c> class).</summary>
    public ILocator MenuItem(string text) =>
        page.Locator("[role='menu'].profile-menu-list").GetByRole(AriaRole.Menuitem, new() { Name = text, Exact = true });

    /// <summary>The header's button that shows or hides the navigation drawer.</summary>
    public ILocator DrawerToggle => page.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" });

    /// <summary>The shell shows the signed-in user's name in the profile menu.</summary>
    public async Task ExpectSignedInAsAsync(string name)
    {
        await Expect(ProfileMenu).ToContainTextAsync(name);
        await Expect(Navigation).ToBeAttachedAsync();
    }

    public async Task ExpectNavLinksAsync(params string[] texts)
    {
        foreach (var text in texts) await Expect(NavLink(text)).ToBeAttachedAsync();
    }

    public async Task ExpectNoNavLinksAsync(params string[] texts)
    {
        foreach (var text in texts) await Expect(NavLink(text)).ToHaveCountAsync(0);
    }

    public async Task OpenProfileMenuAsync()
    {
        await page.WaitForInteractiveAsync();
        await ProfileMenu.ClickAsync();
        await Expect(MenuItem("Sign out")).ToBeVisibleAsync();
    }

    public async Task SignOutAsync()
    {
        await OpenProfileMenuAsync();
        await MenuItem("Sign out").ClickAsync();
    }

    /// <summary>Picks "Dark theme" or "Light theme" in the profile menu; the page switches in place (no reload).</summary>
    public async Task SwitchThemeAsync(string theme)
    {
        await OpenProfileMenuAsync();
        await MenuItem(theme == "dark" ? "Dark theme" : "Light theme").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
    }
}
