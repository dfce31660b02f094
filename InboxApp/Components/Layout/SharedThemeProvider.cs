using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace InboxApp.Components.Layout;

/// <summary>
/// Mud's theme provider whose CSS is shared by every circuit. <see cref="MudThemeProvider"/> builds its theme's CSS
/// (~22 KB of text) on each render, and each open page keeps two of them (the current and the previous render tree):
/// here the text is still built, but an equal text made before is kept instead, so every page of one theme and mode
/// refers to the same string. Everything else (the dark mode, the system's colour scheme, the palette) is Mud's.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    /// <summary>A theme and its mode give one text; a few themes at most are ever seen (the cap guards against more).</summary>
    private const int MaxShared = 8;

    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);
    private static readonly string Scrollbar = BuildMudBlazorScrollbar();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // The same frames as MudThemeProvider's own render (sequence numbers included), with shared strings.
        if (!DefaultScrollbar) builder.AddContent(0, (MarkupString)Scrollbar);
        builder.AddMarkupContent(1, "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n");
        builder.AddContent(2, (MarkupString)Share(BuildTheme()));
    }

    /// <summary>The one kept copy of <paramref name="css"/>.</summary>
    public static string Share(string css) =>
        Shared.TryGetValue(css, out var kept) ? kept : Shared.Count < MaxShared ? Shared.GetOrAdd(css, css) : css;
}
