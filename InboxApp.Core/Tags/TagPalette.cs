namespace InboxApp.Core.Tags;

public sealed record TagColor(string Name, string Hex);

/// <summary>The colours a tag may have: a fixed palette, readable with white text and distinct from one another.</summary>
public static class TagPalette
{
    public static IReadOnlyList<TagColor> Colors { get; } =
    [
        new("Gray", "#64748b"),
        new("Red", "#dc2626"),
        new("Orange", "#ea580c"),
        new("Amber", "#b45309"),
        new("Green", "#16a34a"),
        new("Teal", "#0d9488"),
        new("Cyan", "#0891b2"),
        new("Blue", "#2563eb"),
        new("Indigo", "#4f46e5"),
        new("Purple", "#9333ea"),
        new("Pink", "#db2777"),
        new("Brown", "#92400e"),
    ];

    /// <summary>The palette's spelling (lower case) of <paramref name="color"/>, or null when it is not in the palette.</summary>
    public static string? Find(string? color)
    {
        var wanted = color?.Trim();
        return Colors.FirstOrDefault(c => string.Equals(c.Hex, wanted, StringComparison.OrdinalIgnoreCase))?.Hex;
    }
}
