using MudBlazor;

namespace InboxApp.Components.Layout;

/// <summary>The app's colours for Mud's light and dark palettes (blue primary, WhatsApp green secondary).</summary>
public static class InboxTheme
{
    /// <summary>Height of the app bar; the inbox sizes itself below it (<c>--app-header-height</c> in app.css).</summary>
    public const string AppbarHeight = "56px";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2962ff",
            Secondary = "#00897b",
            Tertiary = "#25d366",
            AppbarBackground = "#1e3a8a",
            AppbarText = "#ffffff",
            Background = "#f3f5f8",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            TextPrimary = "#212121",
            TextSecondary = "#5f6368",
            Error = "#b00020",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            PrimaryContrastText = "#121212",
            Secondary = "#4db6ac",
            Tertiary = "#25d366",
            AppbarBackground = "#1e1e1e",
            AppbarText = "#e8eaed",
            Background = "#121212",
            Surface = "#1e1e1e",
            DrawerBackground = "#1a1a1a",
            TextPrimary = "#e8eaed",
            TextSecondary = "#bdc1c6",
            Error = "#ffb4ab",
        },
        LayoutProperties = new LayoutProperties { AppbarHeight = AppbarHeight, DrawerWidthLeft = "248px" },
    };
}
