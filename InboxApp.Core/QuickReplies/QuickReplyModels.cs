using System.Text.RegularExpressions;
using InboxApp.Core.Common;

namespace InboxApp.Core.QuickReplies;

/// <summary>The attachment of a quick reply; <see cref="Url"/> serves the file (tenant-checked).</summary>
public sealed record QuickReplyMediaDto(string MimeType, string? FileName, long Size, string Url);

public sealed record QuickReplyDto(Guid Id, string Shortcut, string Title, string Text, string? Category, bool IsActive, QuickReplyMediaDto? Media,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static string MediaUrl(Guid id) => $"/api/v1/quick-replies/{id}/media";

    public static QuickReplyDto From(QuickReply q) => new(q.Id, q.Shortcut, q.Title, q.Text, q.Category, q.IsActive,
        q.MediaPath is null ? null : new QuickReplyMediaDto(q.MediaMimeType ?? "application/octet-stream", q.MediaFileName, q.MediaSize ?? 0, MediaUrl(q.Id)),
        q.CreatedAt, q.UpdatedAt);
}

/// <summary>The text of a quick reply with its placeholders filled for one conversation, and its attachment.</summary>
public sealed record RenderedQuickReplyDto(Guid QuickReplyId, Guid ConversationId, string Shortcut, string Text, QuickReplyMediaDto? Media);

public sealed record NewQuickReply(string? Shortcut, string? Title, string? Text, string? Category = null, bool? IsActive = null);

/// <summary>Changes to a quick reply; null leaves a value as it is, an empty <see cref="Category"/> clears it.</summary>
public sealed record QuickReplyChanges(string? Shortcut = null, string? Title = null, string? Text = null, string? Category = null, bool? IsActive = null);

/// <summary>Which quick replies a <c>mode: "all"</c> bulk selection means.</summary>
public sealed record QuickReplyFilter(string? Search = null, string? Category = null, bool? IsActive = null);

public enum BulkQuickReplyAction { Delete, Activate, Deactivate }

/// <summary>An uploaded attachment: the declared content type and file name, and the bytes.</summary>
public sealed record QuickReplyUpload(Stream Content, string? ContentType, string? FileName, long Length);

public static partial class QuickReplyRules
{
    public const int MaxShortcutLength = 50;
    public const int MaxTitleLength = 100;
    public const int MaxTextLength = 4096;
    public const int MaxCategoryLength = 100;
    public const int MaxSearchLength = 200;

    /// <summary>Lower case letters, digits, <c>-</c> and <c>_</c>; a leading <c>/</c> is dropped and letters are lower-cased.</summary>
    public static string Shortcut(string? shortcut)
    {
        var value = (shortcut ?? "").Trim();
        if (value.StartsWith('/')) value = value[1..];
        value = value.ToLowerInvariant();
        if (value.Length == 0) throw InboxException.Invalid("shortcut", "The shortcut is required");
        if (value.Length > MaxShortcutLength) throw InboxException.Invalid("shortcut", $"The shortcut must be at most {MaxShortcutLength} characters");
        if (!ShortcutShape().IsMatch(value))
            throw InboxException.Invalid("shortcut", "The shortcut may only hold lower case letters, digits, - and _");
        return value;
    }

    public static string Title(string? title) => Required("title", title, MaxTitleLength);

    /// <summary>
    /// The text keeps its inner spacing and line breaks; only surrounding whitespace goes. Every <c>{{…}}</c> must name a known
    /// placeholder (<see cref="QuickReplyRenderer.Placeholders"/>; spaces and letter case do not matter) and every <c>{{</c> must be
    /// closed, so a typo such as <c>{{contact_name}}</c> is refused on save instead of reaching a customer as written.
    /// </summary>
    public static string Text(string? text)
    {
        var value = Required("text", text, MaxTextLength);
        var unknown = AnyPlaceholder().Matches(value).Select(m => m.Value)
            .Where(p => !QuickReplyRenderer.IsKnown(p[2..^2])).Distinct().ToList();
        if (unknown.Count > 0)
            throw InboxException.Invalid("text", $"Unknown placeholder{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}; use {KnownList}");
        if (AnyPlaceholder().Replace(value, "").Contains("{{", StringComparison.Ordinal))
            throw InboxException.Invalid("text", $"A placeholder is not closed with }}}}; use {KnownList}");
        return value;
    }

    private static string KnownList => string.Join(", ", QuickReplyRenderer.Placeholders.Select(p => "{{" + p + "}}"));

    /// <summary>Blank becomes null (no category).</summary>
    public static string? Category(string? category)
    {
        var value = category?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > MaxCategoryLength) throw InboxException.Invalid("category", $"The category must be at most {MaxCategoryLength} characters");
        return value;
    }

    private static string Required(string field, string? value, int max)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw InboxException.Invalid(field, $"The {field} is required");
        if (trimmed.Length > max) throw InboxException.Invalid(field, $"The {field} must be at most {max} characters");
        return trimmed;
    }

    /// <summary>A <c>{{…}}</c> with no braces inside (the innermost pair when they nest).</summary>
    [GeneratedRegex(@"\{\{[^{}]*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex AnyPlaceholder();

    [GeneratedRegex("^[a-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortcutShape();
}
