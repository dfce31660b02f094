using InboxApp.Core.Common;
using InboxApp.Core.Conversations;

namespace InboxApp.Core.Messaging;

public enum MessageType
{
    TEXT, IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER, LOCATION, CONTACTS, INTERACTIVE, BUTTON, REACTION, ORDER, SYSTEM,
    REFERRAL, TEMPLATE, UNSUPPORTED,
}

/// <summary>Delivery state. Outbound: PENDING → SENT → DELIVERED → READ, or FAILED; UNKNOWN when the send response was lost.</summary>
public enum MessageStatus { RECEIVED, PENDING, UNKNOWN, SENT, DELIVERED, READ, FAILED }

public enum MediaStatus { NONE, PENDING, DOWNLOADED, FAILED, EXPIRED }

/// <summary>One WhatsApp message, inbound or outbound, with its parsed fields and the raw JSON it came from.</summary>
public class Message : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid ConversationId { get; set; }
    public MessageDirection Direction { get; set; }
    public MessageType Type { get; set; }
    /// <summary>WhatsApp's message id (wamid); unique, which makes redelivered webhooks harmless.</summary>
    public string? WaMessageId { get; set; }
    public string? Text { get; set; }
    public string? Caption { get; set; }

    public string? MediaId { get; set; }
    public string? MimeType { get; set; }
    public string? FileName { get; set; }
    public long? MediaSize { get; set; }
    public string? MediaSha256 { get; set; }
    public MediaStatus MediaStatus { get; set; } = MediaStatus.NONE;
    public string? MediaPath { get; set; }
    public int MediaAttempts { get; set; }
    public DateTimeOffset? MediaNextAttemptAt { get; set; }
    public string? MediaError { get; set; }

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? LocationName { get; set; }
    public string? LocationAddress { get; set; }

    /// <summary>The option a customer chose (interactive button or list reply, template quick-reply button).</summary>
    public string? ReplyOptionId { get; set; }
    public string? ReplyOptionTitle { get; set; }
    /// <summary>The wamid this message replies to, or for a reaction the message it reacts to.</summary>
    public string? ContextWaMessageId { get; set; }
    /// <summary>For reactions: the emoji (empty when the customer removed the reaction).</summary>
    public string? Emoji { get; set; }

    public MessageStatus Status { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorTitle { get; set; }
    public string? ErrorDetails { get; set; }
    public string? PricingCategory { get; set; }
    public bool? Billable { get; set; }

    public string? RawJson { get; set; }
    /// <summary>Referral, referred product, order items, flow answers, reported errors, earlier texts: see <see cref="MessageDetails"/>.</summary>
    public MessageDetails? Details { get; set; }
    /// <summary>When the sender last edited the message (its earlier texts are in <see cref="Details"/>).</summary>
    public DateTimeOffset? EditedAt { get; set; }
    /// <summary>When the sender deleted the message on WhatsApp; agents still see what it said.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>When WhatsApp says the message happened (webhook <c>timestamp</c>) or when we sent it.</summary>
    public DateTimeOffset Timestamp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public Guid? SentById { get; set; }
    /// <summary>The shared inbox link the message was sent through (its holder has no account).</summary>
    public Guid? SentByLinkId { get; set; }
    public bool IsHidden { get; set; }
    /// <summary>When an admin gave up on this failed outbound message; it leaves the failed-messages list.</summary>
    public DateTimeOffset? DiscardedAt { get; set; }
}
