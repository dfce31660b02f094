using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>A WhatsApp webhook delivery, parsed: every entry and change, in order.</summary>
public sealed record ParsedWebhook(string Object, IReadOnlyList<ParsedChange> Changes);

/// <summary>One <c>entry[].changes[]</c> item. <see cref="Messages"/> is set for <c>field = messages</c>.</summary>
public sealed record ParsedChange(string WabaId, string Field, MessagesValue? Messages, string RawValueJson);

public sealed record MessagesValue(
    string PhoneNumberId, string? DisplayPhoneNumber,
    IReadOnlyList<WebhookContact> Contacts, IReadOnlyList<InboundMessage> Messages, IReadOnlyList<StatusUpdate> Statuses);

/// <summary><c>value.contacts[]</c>: wa_id and/or the business-scoped user id (BSUID), profile name, username.</summary>
public sealed record WebhookContact(string? WaId, string? UserId, string? ProfileName, string? Username);

/// <summary>An inbound message with the fields of its type; <see cref="RawJson"/> keeps everything else.</summary>
public sealed record InboundMessage(
    string Id, string? From, string? FromUserId, DateTimeOffset Timestamp, MessageType Type, string TypeName,
    string? Text = null, string? Caption = null,
    string? MediaId = null, string? MimeType = null, string? FileName = null, string? MediaSha256 = null,
    double? Latitude = null, double? Longitude = null, string? LocationName = null, string? LocationAddress = null,
    string? ReplyOptionId = null, string? ReplyOptionTitle = null,
    string? ContextMessageId = null, string? Emoji = null, string RawJson = "{}")
{
    /// <summary>The stable identifier of the sender: wa_id, else BSUID.</summary>
    public string? SenderIdentifier => From ?? FromUserId;
}

/// <summary><c>value.statuses[]</c> for one outbound message.</summary>
public sealed record StatusUpdate(
    string MessageId, string Status, DateTimeOffset Timestamp, string? RecipientId,
    string? ErrorCode, string? ErrorTitle, string? ErrorDetails,
    string? PricingCategory, bool? Billable, string? CallbackData, string RawJson);
