using System.Globalization;
using InboxApp.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace InboxApp.Tests.Shell;

/// <summary>
/// The theme's colours keep text readable (WCAG AA, 4.5:1) in both palettes: text on every filled status colour (unread
/// badges, "Connected", "Approved", "Succeeded" chips, buttons), and the main colours as text on the page's background
/// and surface (links, the selected menu entry, alerts, outlined chips). The UI review of 2026-12-05 measured white on
/// Mud's default success at 2.2:1, on info at 3.1:1, on warning at 2.2:1, and the primary blue on the page at 4.3:1.
/// </summary>
public sealed class ThemeContrastTests
{
    public static TheoryData<string> Palettes => ["light", "dark"];

    private static Palette Of(string name) => name == "light" ? InboxTheme.Theme.PaletteLight : InboxTheme.Theme.PaletteDark;

    [Theory]
    [MemberData(nameof(Palettes))]
    public void Text_on_every_filled_colour_has_at_least_4_5_to_1(string name)
    {
        var p = Of(name);
        (string Role, MudColor Fill, MudColor Text)[] pairs =
        [
            ("primary", p.Primary, p.PrimaryContrastText), ("secondary", p.Secondary, p.SecondaryContrastText),
            ("success", p.Success, p.SuccessContrastText), ("info", p.Info, p.InfoContrastText),
            ("warning", p.Warning, p.WarningContrastText), ("error", p.Error, p.ErrorContrastText),
            ("app bar", p.AppbarBackground, p.AppbarText),
        ];
        var failing = pairs.Where(x => Contrast(x.Fill, x.Text) < 4.5)
            .Select(x => $"{x.Role} {x.Text.Value} on {x.Fill.Value}: {Contrast(x.Fill, x.Text).ToString("0.00", CultureInfo.InvariantCulture)}");
        Assert.Empty(failing);
    }

    [Theory]
    [MemberData(nameof(Palettes))]
    public void The_main_colours_as_text_on_the_page_and_surface_have_at_least_4_5_to_1(string name)
    {
        var p = Of(name);
        // The selected menu entry lies on the drawer with Mud's hover shade over it (measured #f0f0f0 in light).
        var selected = name == "light" ? new MudColor("#f0f0f0") : new MudColor("#2b2b2b");
        var failing = new[] { ("primary", p.Primary), ("success", p.Success), ("info", p.Info), ("warning", p.Warning), ("error", p.Error), ("text", p.TextPrimary), ("secondary text", p.TextSecondary) }
            .SelectMany(c => new[] { ("background", p.Background), ("surface", p.Surface), ("selected menu entry", selected) }
                .Select(b => (Text: c.Item1, On: b.Item1, Ratio: Contrast(b.Item2, c.Item2))))
            .Where(x => x.Ratio < 4.5)
            .Select(x => $"{x.Text} on {x.On}: {x.Ratio.ToString("0.00", CultureInfo.InvariantCulture)}");
        Assert.Empty(failing);
    }

    [Fact]
    public void The_contrast_formula_matches_known_values()
    {
        Assert.Equal(21.0, Contrast(new MudColor("#000000"), new MudColor("#ffffff")), 2);
        Assert.Equal(2.24, Contrast(new MudColor("#00c853"), new MudColor("#ffffff")), 2);
    }

    /// <summary>WCAG 2 contrast ratio of two opaque colours.</summary>
    private static double Contrast(MudColor a, MudColor b)
    {
        static double Luminance(MudColor c)
        {
            static double Channel(byte v)
            {
                var x = v / 255.0;
                return x <= 0.03928 ? x / 12.92 : Math.Pow((x + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
        }
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }
}
