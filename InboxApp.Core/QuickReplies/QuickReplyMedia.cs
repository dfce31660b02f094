using System.ComponentModel.DataAnnotations;
using InboxApp.Core.Messaging;
using InboxApp.Core.Storage;

namespace InboxApp.Core.QuickReplies;

/// <summary>
/// Size limits of quick reply attachments (<c>QuickReplies</c> section). They are WhatsApp's limits for media we send
/// (images 5 MB, video and audio 16 MB, documents 100 MB), since an attachment is sent as it is.
/// </summary>
public sealed class QuickReplyOptions
{
    public const string SectionName = "QuickReplies";

    private const long MB = 1024 * 1024;

    [Range(1024, 100 * MB)] public long MaxImageBytes { get; set; } = 5 * MB;
    [Range(1024, 100 * MB)] public long MaxVideoBytes { get; set; } = 16 * MB;
    [Range(1024, 100 * MB)] public long MaxAudioBytes { get; set; } = 16 * MB;
    [Range(1024, 100 * MB)] public long MaxDocumentBytes { get; set; } = 100 * MB;

    public long MaxBytesFor(MessageType kind) => kind switch
    {
        MessageType.IMAGE => MaxImageBytes,
        MessageType.VIDEO => MaxVideoBytes,
        MessageType.AUDIO => MaxAudioBytes,
        _ => MaxDocumentBytes,
    };

    /// <summary>The largest attachment of any kind: the request body limit of the upload endpoint.</summary>
    public long MaxAnyBytes => new[] { MaxImageBytes, MaxVideoBytes, MaxAudioBytes, MaxDocumentBytes }.Max();
}

/// <summary>The content types WhatsApp accepts for media we send, and the kind of message each goes out as.</summary>
public static class QuickReplyMedia
{
    private static readonly Dictionary<string, MessageType> Kinds = new(StringComparer.Ordinal)
    {
        ["image/jpeg"] = MessageType.IMAGE, ["image/png"] = MessageType.IMAGE,
        ["video/mp4"] = MessageType.VIDEO, ["video/3gpp"] = MessageType.VIDEO,
        ["audio/aac"] = MessageType.AUDIO, ["audio/amr"] = MessageType.AUDIO, ["audio/mpeg"] = MessageType.AUDIO,
        ["audio/mp4"] = MessageType.AUDIO, ["audio/ogg"] = MessageType.AUDIO,
        ["text/plain"] = MessageType.DOCUMENT, ["application/pdf"] = MessageType.DOCUMENT,
        ["application/msword"] = MessageType.DOCUMENT,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = MessageType.DOCUMENT,
        ["application/vnd.ms-excel"] = MessageType.DOCUMENT,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = MessageType.DOCUMENT,
        ["application/vnd.ms-powerpoint"] = MessageType.DOCUMENT,
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = MessageType.DOCUMENT,
    };

    public static IReadOnlyCollection<string> AllowedTypes => Kinds.Keys;

    /// <summary>The message kind for <paramref name="contentType"/> (parameters ignored), or null when WhatsApp would refuse it.</summary>
    public static MessageType? KindOf(string? contentType) =>
        Kinds.TryGetValue(MediaTypes.Essence(contentType), out var kind) ? kind : null;

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
