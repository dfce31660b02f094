using InboxApp.Core.Messaging;
using InboxApp.Core.Storage;

namespace InboxApp.Core.QuickReplies;

/// <summary>The content types WhatsApp accepts for media we send, and the kind of message each goes out as.</summary>
public static class QuickReplyMedia
{
    /// <summary>
    /// The message kind an attachment of <paramref name="contentType"/> goes out as, from WhatsApp's outbound rules
    /// (<see cref="OutboundMediaRules"/>; stickers are not quick-reply attachments), or null when it cannot be sent.
    /// </summary>
    public static IReadOnlyList<string> AllowedTypes { get; } =
        [.. new[] { MessageType.IMAGE, MessageType.VIDEO, MessageType.AUDIO, MessageType.DOCUMENT }.SelectMany(OutboundMediaRules.AcceptedTypes)];

    public static MessageType? KindOf(string? contentType) =>
        OutboundMediaRules.KindOf(contentType) is { } kind && kind != MessageType.STICKER ? kind : null;

    /// <summary>Images must really be the declared format (their first bytes), so a browser never renders anything else inline.</summary>
    public static bool ContentMatches(string essence, ReadOnlySpan<byte> head) => essence switch
    {
        "image/png" => ImageType.Detect(head) == ImageType.Png,
        "image/jpeg" => ImageType.Detect(head) == ImageType.Jpeg,
        _ => true,
    };

    /// <summary>The name to keep: the last path segment, without control characters, at most 200 characters; null when blank.</summary>
    public static string? CleanFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var name = new string(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0) return null;
        return name.Length > 200 ? name[^200..] : name;
    }
}
