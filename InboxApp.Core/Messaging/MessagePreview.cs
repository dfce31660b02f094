namespace InboxApp.Core.Messaging;

/// <summary>The line a conversation list shows for its last message (inbound, outbound, edited or deleted alike).</summary>
public static class MessagePreview
{
    public static string Of(Message m)
    {
        var text = m.Type switch
        {
            MessageType.TEXT or MessageType.INTERACTIVE or MessageType.BUTTON or MessageType.SYSTEM or MessageType.ORDER or MessageType.CONTACTS or MessageType.REFERRAL => m.Text,
            MessageType.IMAGE => "📷 " + (m.Caption ?? "Photo"),
            MessageType.VIDEO => "🎥 " + (m.Caption ?? "Video"),
            MessageType.AUDIO => "🎤 Audio",
            MessageType.DOCUMENT => "📄 " + (m.FileName ?? m.Caption ?? "Document"),
            MessageType.STICKER => "Sticker",
            MessageType.LOCATION => "📍 " + (m.LocationName ?? "Location"),
            _ => "Unsupported message",
        };
        if (m.RevokedAt is not null) return Truncate("🚫 Deleted: " + (text ?? m.Type.ToString().ToLowerInvariant()), 200)!;
        return Truncate(text ?? m.Type.ToString().ToLowerInvariant(), 200)!;
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
