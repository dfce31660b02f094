namespace InboxApp.Core.Messaging;

/// <summary>Which content types fit which kind of message, the file extension we store them under, and how they are served.</summary>
public static class MediaTypes
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = "jpg", ["image/png"] = "png", ["image/webp"] = "webp", ["image/gif"] = "gif",
        ["video/mp4"] = "mp4", ["video/3gpp"] = "3gp",
        ["audio/ogg"] = "ogg", ["audio/mpeg"] = "mp3", ["audio/aac"] = "aac", ["audio/amr"] = "amr", ["audio/mp4"] = "m4a",
        ["application/pdf"] = "pdf", ["text/plain"] = "txt",
        ["application/msword"] = "doc", ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = "docx",
        ["application/vnd.ms-excel"] = "xls", ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = "xlsx",
        ["application/vnd.ms-powerpoint"] = "ppt", ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = "pptx",
    };

    /// <summary><c>audio/ogg; codecs=opus</c> → <c>audio/ogg</c>.</summary>
    public static string Essence(string? contentType) =>
        (contentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();

    public static string ExtensionFor(string? contentType) => Extensions.GetValueOrDefault(Essence(contentType), "bin");

    /// <summary>
    /// Null when <paramref name="contentType"/> fits the message kind, else the reason. Images and stickers must be raster
    /// images (never SVG), video and audio their families; documents may be any type (they are only ever served as downloads).
    /// </summary>
    public static string? Mismatch(MessageType type, string? contentType)
    {
        var essence = Essence(contentType);
        var fits = type switch
        {
            MessageType.IMAGE or MessageType.STICKER => essence.StartsWith("image/", StringComparison.Ordinal) && essence != "image/svg+xml",
            MessageType.VIDEO => essence.StartsWith("video/", StringComparison.Ordinal),
            MessageType.AUDIO => essence.StartsWith("audio/", StringComparison.Ordinal),
            _ => essence.Length > 0,
        };
        if (fits) return null;
        var kind = type.ToString().ToLowerInvariant();
        return essence.Length == 0
            ? $"WhatsApp gave no content type for this {kind}"
            : $"WhatsApp sent {essence} for a {kind} message; only {(type is MessageType.STICKER ? "image" : kind)} types are accepted";
    }

    /// <summary>Served inline (shown in the browser) or as an attachment (downloaded): only images, video and audio inline.</summary>
    public static bool ServeInline(MessageType type) => type is MessageType.IMAGE or MessageType.STICKER or MessageType.VIDEO or MessageType.AUDIO;

    public static string Noun(MessageType type) => type switch
    {
        MessageType.IMAGE => "image",
        MessageType.VIDEO => "video",
        MessageType.AUDIO => "audio file",
        MessageType.STICKER => "sticker",
        _ => "document",
    };

    public static string Plural(MessageType type) => type switch
    {
        MessageType.IMAGE => "images",
        MessageType.VIDEO => "videos",
        MessageType.AUDIO => "audio",
        MessageType.STICKER => "stickers",
        _ => "documents",
    };
}
