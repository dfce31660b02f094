using System.Globalization;
using InboxApp.Core.Messaging;

namespace InboxApp.Features.Inbox;

/// <summary>The words and symbols the thread shows for messages: ticks, kinds, sizes, errors, previews.</summary>
public static class MessageText
{
    public static string Ticks(MessageStatus status) => status switch
    {
        MessageStatus.PENDING => "🕓",
        MessageStatus.UNKNOWN => "?",
        MessageStatus.SENT => "✓",
        MessageStatus.DELIVERED or MessageStatus.READ => "✓✓",
        MessageStatus.FAILED => "⚠",
        _ => "",
    };

    public static string StatusLabel(MessageStatus status) => status switch
    {
        MessageStatus.PENDING => "Sending",
        MessageStatus.UNKNOWN => "Waiting for WhatsApp to confirm",
        MessageStatus.SENT => "Sent",
        MessageStatus.DELIVERED => "Delivered",
        MessageStatus.READ => "Read",
        MessageStatus.FAILED => "Failed",
        _ => "Received",
    };

    public static string Kind(MessageType type) => type switch
    {
        MessageType.IMAGE => "Photo",
        MessageType.VIDEO => "Video",
        MessageType.AUDIO => "Audio",
        MessageType.STICKER => "Sticker",
        _ => "Document",
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    public static string Describe(MessageErrorDto error) =>
        string.Join(" · ", new[] { error.Code, error.Title, error.Details }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>A one-line summary of a message (quoted replies).</summary>
    public static string Preview(MessageDto m)
    {
        var text = m.Type switch
        {
            MessageType.TEXT => m.Text,
            MessageType.IMAGE or MessageType.VIDEO or MessageType.AUDIO or MessageType.STICKER or MessageType.DOCUMENT => Kind(m.Type) + (m.Caption is { } c ? ": " + c : ""),
            MessageType.LOCATION => "📍 " + (m.LocationName ?? "Location"),
            _ => m.ReplyOptionTitle ?? m.Text,
        } ?? m.Type.ToString().ToLowerInvariant();
        return text.Length <= 120 ? text : text[..120] + "…";
    }

    public static string? MapUrl(MessageDto m) => m is { Latitude: { } lat, Longitude: { } lon }
        ? $"https://www.openstreetmap.org/?mlat={lat.ToString(CultureInfo.InvariantCulture)}&mlon={lon.ToString(CultureInfo.InvariantCulture)}#map=17/{lat.ToString(CultureInfo.InvariantCulture)}/{lon.ToString(CultureInfo.InvariantCulture)}"
        : null;
}
