using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>
/// A WhatsApp webhook delivery, parsed: every entry and change, in order. <see cref="Error"/> is set (and nothing else) when
/// the body is not a webhook at all; <see cref="Problems"/> lists parts that were skipped (a message without an id, …).
/// </summary>
public sealed record ParsedWebhook(string Object, IReadOnlyList<ParsedChange> Changes, string? Error = null, IReadOnlyList<string>? Problems = null)
{
    public static ParsedWebhook Malformed(string error) => new("", [], error);
}

/// <summary>
/// One <c>entry[].changes[]</c> item. <see cref="Messages"/> is set for <c>field = messages</c> and <c>smb_message_echoes</c>,
/// <see cref="Quality"/> for <c>phone_number_quality_update</c>. <see cref="EntryTime"/> is the entry's <c>time</c> (Unix
/// seconds) when it has a valid one: the order of <c>account_update</c>s.
/// </summary>
public sealed record ParsedChange(string WabaId, string Field, MessagesValue? Messages, string RawValueJson, PhoneQualityUpdate? Quality = null,
    DateTimeOffset? EntryTime = null);

public sealed record MessagesValue(
    string PhoneNumberId, string? DisplayPhoneNumber,
    IReadOnlyList<WebhookContact> Contacts, IReadOnlyList<InboundMessage> Messages, IReadOnlyList<StatusUpdate> Statuses)
{
    /// <summary>The change's own <c>errors</c> array (for example when WhatsApp could not deliver a message to us).</summary>
    public IReadOnlyList<ReportedError> Errors { get; init; } = [];
}

/// <summary>
/// <c>phone_number_quality_update</c>: <c>FLAGGED</c>/<c>UNFLAGGED</c> are about quality; <c>UPGRADE</c>/<c>DOWNGRADE</c> about
/// the messaging limit; <c>THROUGHPUT_UPGRADE</c> about throughput.
/// </summary>
public sealed record PhoneQualityUpdate(string? DisplayPhoneNumber, string? Event, string? CurrentLimit, string? OldLimit, string? MaxDailyConversations);

/// <summary><c>value.contacts[]</c>: wa_id and/or the business-scoped user id (BSUID), profile name, username.</summary>
public sealed record WebhookContact(string? WaId, string? UserId, string? ProfileName, string? Username);

/// <summary>What an inbound item does: a new message, or a change to an earlier one (<c>edit</c>, <c>revoke</c>).</summary>
public enum InboundAction { NEW, EDIT, REVOKE }

/// <summary>
/// An inbound message with the fields of its type; <see cref="RawJson"/> keeps everything else. For a message echo (sent by
/// the business from the WhatsApp Business app) <see cref="From"/> and <see cref="FromUserId"/> are the customer it went to.
/// </summary>
public sealed record InboundMessage(
    string Id, string? From, string? FromUserId, DateTimeOffset Timestamp, MessageType Type, string TypeName,
    string? Text = null, string? Caption = null,
    string? MediaId = null, string? MimeType = null, string? FileName = null, string? MediaSha256 = null,
    double? Latitude = null, double? Longitude = null, string? LocationName = null, string? LocationAddress = null,
    string? ReplyOptionId = null, string? ReplyOptionTitle = null,
    string? ContextMessageId = null, string? Emoji = null, string RawJson = "{}")
{
    /// <summary>The stable identifier of the sender (of the recipient, for an echo): wa_id, else BSUID.</summary>
    public string? SenderIdentifier => From ?? FromUserId;

    public MessageDetails? Details { get; init; }
    public InboundAction Action { get; init; } = InboundAction.NEW;
    /// <summary>For <c>edit</c> and <c>revoke</c>: the wamid of the message changed.</summary>
    public string? TargetMessageId { get; init; }
    /// <summary>Sent by the business from the WhatsApp Business app (<c>smb_message_echoes</c>): stored as outbound.</summary>
    public bool IsEcho { get; init; }
}

/// <summary><c>value.statuses[]</c> for one outbound message.</summary>
public sealed record StatusUpdate(
    string MessageId, string Status, DateTimeOffset Timestamp, string? RecipientId,
    string? ErrorCode, string? ErrorTitle, string? ErrorDetails,
    string? PricingCategory, bool? Billable, string? CallbackData, string RawJson);
