using InboxApp.Core.Common;
using InboxApp.Core.Storage;

namespace InboxApp.Core.Messaging;

/// <summary>What a file to send turned out to be: the kind of message, its content type and the extension it is stored under.</summary>
public sealed record OutboundMediaKind(MessageType Kind, string MimeType, string Extension);

/// <summary>
/// WhatsApp's outbound media rules: which content types each kind accepts (images JPEG/PNG, video MP4/3GPP, audio
/// AAC/AMR/MP3/MP4/OGG-Opus, documents PDF/Office/text, stickers WebP), checked against the file's leading bytes, never
/// only its name or declared type; the size limits come from <see cref="MessagingOptions"/>.
/// </summary>
public static class OutboundMediaRules
{
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    private sealed record Rule(MessageType Kind, string Extension, Func<ReadOnlyMemory<byte>, bool> Matches);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = new(MessageType.IMAGE, "jpg", h => ImageType.Detect(h.Span) == ImageType.Jpeg),
        ["image/png"] = new(MessageType.IMAGE, "png", h => ImageType.Detect(h.Span) == ImageType.Png),
        ["image/webp"] = new(MessageType.STICKER, "webp", h => ImageType.Detect(h.Span) == ImageType.WebP),
        ["video/mp4"] = new(MessageType.VIDEO, "mp4", IsIsoMedia),
        ["video/3gpp"] = new(MessageType.VIDEO, "3gp", IsIsoMedia),
        ["audio/aac"] = new(MessageType.AUDIO, "aac", h => h.Length >= 2 && h.Span[0] == 0xFF && (h.Span[1] & 0xF6) == 0xF0),
        ["audio/amr"] = new(MessageType.AUDIO, "amr", h => h.Span.StartsWith("#!AMR"u8)),
        ["audio/mpeg"] = new(MessageType.AUDIO, "mp3", h => h.Span.StartsWith("ID3"u8) || (h.Length >= 2 && h.Span[0] == 0xFF && (h.Span[1] & 0xE0) == 0xE0)),
        ["audio/mp4"] = new(MessageType.AUDIO, "m4a", IsIsoMedia),
        // Voice notes: Ogg with the Opus codec only (Meta answers 131053 for other codecs).
        ["audio/ogg"] = new(MessageType.AUDIO, "ogg", h => h.Span.StartsWith("OggS"u8) && h.Span.IndexOf("OpusHead"u8) >= 0),
        ["application/pdf"] = new(MessageType.DOCUMENT, "pdf", h => h.Span.StartsWith("%PDF-"u8)),
        ["text/plain"] = new(MessageType.DOCUMENT, "txt", h => !h.Span.Contains((byte)0)),
        ["application/msword"] = new(MessageType.DOCUMENT, "doc", IsOle),
        ["application/vnd.ms-excel"] = new(MessageType.DOCUMENT, "xls", IsOle),
        ["application/vnd.ms-powerpoint"] = new(MessageType.DOCUMENT, "ppt", IsOle),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = new(MessageType.DOCUMENT, "docx", IsZip),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = new(MessageType.DOCUMENT, "xlsx", IsZip),
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = new(MessageType.DOCUMENT, "pptx", IsZip),
    };

    /// <summary>How many leading bytes <see cref="Classify"/> looks at.</summary>
    public const int HeaderLength = 512;

    /// <summary>The kind of message a content type goes out as (parameters ignored), or null when WhatsApp does not accept it.</summary>
    public static MessageType? KindOf(string? contentType) => Rules.TryGetValue(MediaTypes.Essence(contentType), out var rule) ? rule.Kind : null;

    public static IEnumerable<string> AcceptedTypes(MessageType kind) => Rules.Where(r => r.Value.Kind == kind).Select(r => r.Key);

    /// <summary>
    /// The kind and content type of a file: from the declared content type (or, when the client declared none, the file
    /// name's extension), checked against <paramref name="header"/>. <paramref name="requestedKind"/> may ask for a
    /// document, or name the kind explicitly; a type that does not fit is refused with 400 UNSUPPORTED_MEDIA_TYPE.
    /// </summary>
    public static OutboundMediaKind Classify(string? declaredType, string? fileName, ReadOnlyMemory<byte> header, MessageType? requestedKind)
    {
        var mime = MediaTypes.Essence(declaredType);
        if (mime is "" or "application/octet-stream")
        {
            var extension = Path.GetExtension(fileName ?? "").TrimStart('.');
            mime = Rules.FirstOrDefault(r => string.Equals(r.Value.Extension, extension, StringComparison.OrdinalIgnoreCase)
                || (extension.Equals("jpeg", StringComparison.OrdinalIgnoreCase) && r.Key == "image/jpeg")).Key ?? mime;
        }
        if (!Rules.TryGetValue(mime, out var rule))
        {
            var kindName = requestedKind is { } k ? MediaTypes.Noun(k) : "media";
            throw Unsupported($"{(mime.Length == 0 ? "This file type" : mime)} cannot be sent as WhatsApp {kindName}; accepted: " +
                string.Join(", ", requestedKind is { } r ? AcceptedTypes(r) : Rules.Keys));
        }
        var kind = requestedKind ?? rule.Kind;
        if (kind != rule.Kind)
            throw Unsupported($"{mime} cannot be sent as {(kind == MessageType.AUDIO ? "audio" : "a " + MediaTypes.Noun(kind))}; accepted: {string.Join(", ", AcceptedTypes(kind))}");
        if (!rule.Matches(header))
            throw Unsupported(mime == "audio/ogg"
                ? "Voice notes must be Ogg files with the Opus codec"
                : $"The file's content is not {mime} as declared");
        return new OutboundMediaKind(kind, mime, rule.Extension);
    }

    /// <summary>413 PAYLOAD_TOO_LARGE when <paramref name="size"/> is over the kind's limit; 400 when the file is empty.</summary>
    public static void CheckSize(MessageType kind, long size, MessagingOptions options)
    {
        if (size <= 0) throw InboxException.Invalid("file", "The file is empty");
        var max = options.MaxBytesFor(kind);
        if (size <= max) return;
        var message = $"WhatsApp accepts {MediaTypes.Plural(kind)} of at most {MediaStore.Describe(max)}; this file is {MediaStore.Describe(size)}";
        throw new InboxException(413, ErrorCodes.PayloadTooLarge, message, new Dictionary<string, string[]> { ["file"] = [message] });
    }

    /// <summary>The kind named by a client (<c>image</c>, <c>video</c>, <c>audio</c>, <c>document</c>, <c>sticker</c>); null when none given.</summary>
    public static MessageType? ParseKind(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "image" => MessageType.IMAGE,
        "video" => MessageType.VIDEO,
        "audio" => MessageType.AUDIO,
        "document" => MessageType.DOCUMENT,
        "sticker" => MessageType.STICKER,
        _ => throw InboxException.Invalid("type", "type must be image, video, audio, document or sticker"),
    };

    private static InboxException Unsupported(string message) =>
        new(400, UnsupportedMediaType, message, new Dictionary<string, string[]> { ["file"] = [message] });

    private static bool IsIsoMedia(ReadOnlyMemory<byte> h) => h.Length >= 8 && h.Span[4..8].SequenceEqual("ftyp"u8);

    private static bool IsOle(ReadOnlyMemory<byte> h) => h.Span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

    private static bool IsZip(ReadOnlyMemory<byte> h) => h.Span.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]);
}
