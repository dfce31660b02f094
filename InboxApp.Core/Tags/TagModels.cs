using InboxApp.Core.Common;

namespace InboxApp.Core.Tags;

/// <summary>A tag and how many conversations carry it.</summary>
public sealed record TagDto(Guid Id, string Name, string Color, int UsageCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class TagRules
{
    public const int MaxNameLength = 50;

    public static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw InboxException.Invalid("name", "The name is required");
        if (trimmed.Length > MaxNameLength) throw InboxException.Invalid("name", $"The name must be at most {MaxNameLength} characters");
        return trimmed;
    }

    public static string Color(string? color) => TagPalette.Find(color)
        ?? throw InboxException.Invalid("color", $"The color must be one of the palette: {string.Join(", ", TagPalette.Colors.Select(c => c.Hex))}");

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}
