using MudBlazor;

namespace InboxApp.Components.Layout;

/// <summary>
/// The app's colours for Mud's light and dark palettes (blue primary, teal secondary). Every colour that carries text
/// keeps at least 4.5:1 (WCAG AA) with the text on it (its contrast text: filled chips, buttons, badges) and, for the
/// main colours, as text on the page's background and surface (links, the selected menu entry, outlined chips, alerts):
/// Mud's defaults (#00c853 success, #2196f3 info, #ff9800 warning) gave white text 2.2:1 to 3.1:1 (ui-review 2026-12-05).
/// </summary>
public static class InboxTheme
{
    /// <summary>Height of the app bar; the inbox sizes itself below it (<c>--app-header-height</c> in app.css).</summary>
    public const string AppbarHeight = "56px";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f57e6",
            Secondary = "#00796b",
            Tertiary = "#25d366",
            AppbarBackground = "#1e3a8a",
            AppbarText = "#ffffff",
            Background = "#f3f5f8",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            TextPrimary = "#212121",
            TextSecondary = "#5f6368",
            Error = "#b00020",
            Success = "#2a7a2e",
            Info = "#1565c0",
            Warning = "#a15c00",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            PrimaryContrastText = "#121212",
            Secondary = "#4db6ac",
            SecondaryContrastText = "#121212",
            Tertiary = "#25d366",
            AppbarBackground = "#1e1e1e",
            AppbarText = "#e8eaed",
            Background = "#121212",
            Surface = "#1e1e1e",
            DrawerBackground = "#1a1a1a",
            TextPrimary = "#e8eaed",
            TextSecondary = "#bdc1c6",
            Error = "#ffb4ab",
            ErrorContrastText = "#121212",
            Success = "#81c995",
            SuccessContrastText = "#121212",
            Info = "#8ab4f8",
            InfoContrastText = "#121212",
            Warning = "#fdd663",
            WarningContrastText = "#121212",
        },
        LayoutProperties = new LayoutProperties { AppbarHeight = AppbarHeight, DrawerWidthLeft = "248px" },
    };
}
