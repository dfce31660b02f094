using System.Text.Json.Nodes;

namespace InboxApp.Core.Messaging;

/// <summary>
/// One outbound message handed to a channel: the number it leaves from, the recipient, its content
/// (<see cref="MessageContentJson"/>) and the message it quotes. The channel builds its own request around the content.
/// </summary>
public sealed record OutboundSend(Guid OrganizationId, Guid MessageId, Guid ConversationId, PhoneNumber Number, WhatsAppAccount Account, string To,
    JsonObject Content, string? ContextWaMessageId);

/// <summary>
/// A port owned by Messaging: the seam between <see cref="MessageSender"/> and a kind of number (implemented by the
/// channels: the Cloud API and the sandbox in <c>Channels/</c>). Returns the wamid when the channel accepted the message;
/// failures are <see cref="ChannelException"/>s with the channel's code (set <c>OutcomeUnknown</c> when the message may have
/// gone out). Statuses (sent, delivered, read, failed) arrive later through the webhook pipeline.
/// </summary>
public interface IChannelSender
{
    PhoneNumberKind Kind { get; }

    Task<string> SendAsync(OutboundSend send, CancellationToken ct);

    /// <summary>Uploads a file to send by id (<c>POST /{phone-number-id}/media</c>); returns the media id.</summary>
    Task<string> UploadMediaAsync(PhoneNumber number, WhatsAppAccount account, byte[] content, string mimeType, string fileName, CancellationToken ct);

    /// <summary>Marks an inbound message read, optionally with the typing indicator.</summary>
    Task MarkReadAsync(PhoneNumber number, WhatsAppAccount account, string wamid, bool typingIndicator, CancellationToken ct);
}

/// <summary>Picks the sender for a number's kind.</summary>
public sealed class ChannelSenders(IEnumerable<IChannelSender> senders)
{
    private readonly Dictionary<PhoneNumberKind, IChannelSender> byKind = senders.ToDictionary(s => s.Kind);

    public IChannelSender For(PhoneNumberKind kind) =>
        byKind.TryGetValue(kind, out var sender) ? sender : throw new InvalidOperationException($"No channel sender for {kind} numbers");
}
