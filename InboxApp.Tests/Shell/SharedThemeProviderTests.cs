using Bunit;
using InboxApp.Components.Layout;
using InboxApp.Tests.Inbox.Components;

namespace InboxApp.Tests.Shell;

/// <summary>The theme's CSS is Mud's, light or dark, and one text is kept for all pages of a mode (docs/performance.md, session 13).</summary>
public sealed class SharedThemeProviderTests : MudBunitContext
{
    [Fact]
    public void Each_mode_renders_its_palette_and_pages_of_one_mode_share_one_text()
    {
        var light = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, InboxTheme.Theme).Add(t => t.IsDarkMode, false));
        var dark = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, InboxTheme.Theme).Add(t => t.IsDarkMode, true));

        Assert.Contains($"--mud-palette-primary: {InboxTheme.Theme.PaletteLight.Primary}", light.Markup);
        Assert.Contains($"--mud-palette-primary: {InboxTheme.Theme.PaletteDark.Primary}", dark.Markup);
        Assert.Contains("::-webkit-scrollbar", light.Markup);

        var css = light.Find("style.mud-theme-provider").OuterHtml;
        var first = SharedThemeProvider.Share(new string(css.AsSpan()));
        var second = SharedThemeProvider.Share(new string(css.AsSpan()));
        Assert.Same(first, second);
    }
}
