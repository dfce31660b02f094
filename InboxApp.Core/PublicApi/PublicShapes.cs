using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.PublicApi;

/// <summary>
/// The shapes of the public <c>/v1</c> API (see <c>whatsapp-platform-getting-started.txt</c>), shared by its endpoints,
/// the outgoing webhook payloads and the shared inbox links, so a partner sees one message shape everywhere.
/// A contact is keyed by <see cref="PublicConversation.ContactIdentifier"/> (phone, WhatsApp id or BSUID); replies go to
/// <see cref="PublicConversation.ContactReplyTo"/>; <see cref="PublicConversation.ContactPhone"/> is display data and may be null.
/// </summary>
public sealed record PublicConversation(
    Guid Id,
    Guid PhoneId,
    Guid ContactId,
    string ContactIdentifier,
    string ContactReplyTo,
    string? ContactPhone,
    string? ContactName,
    string Status,
    Guid? AssigneeId,
    Guid? TeamId,
    int UnreadCount,
    string? LastMessagePreview,
    DateTimeOffset LastMessageAt,
    DateTimeOffset? LastCustomerMessageAt,
    bool WindowOpen,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt)
{
    public static PublicConversation From(Conversation c, Contact contact, DateTimeOffset now) => new(
        c.Id, c.PhoneNumberId, contact.Id, contact.Identifier, contact.ReplyTo, contact.Phone, contact.DisplayName,
        c.Status.ToString(), c.AssigneeId, c.TeamId, c.UnreadCount, c.LastMessagePreview, c.LastMessageAt,
        c.LastCustomerMessageAt, c.IsWindowOpen(now), c.CreatedAt, c.ResolvedAt);
}

/// <summary>A message in the <c>/v1</c> API and in outgoing webhook payloads, with its conversation's contact identity.</summary>
public sealed record PublicMessage(
    Guid Id,
    Guid ConversationId,
    Guid PhoneId,
    string ContactIdentifier,
    string ContactReplyTo,
    string? ContactPhone,
    string? WaMessageId,
    string Direction,
    string Type,
    string? Text,
    string? Caption,
    string? MimeType,
    string? FileName,
    string? MediaUrl,
    string Status,
    MessageErrorDto? Error,
    string? ReplyToWaMessageId,
    DateTimeOffset Timestamp,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? FailedAt,
    MessageDetails? Details)
{
    public static PublicMessage From(Message m, Conversation c, Contact contact) => new(
        m.Id, m.ConversationId, c.PhoneNumberId, contact.Identifier, contact.ReplyTo, contact.Phone, m.WaMessageId,
        m.Direction.ToString(), m.Type.ToString(), m.Text, m.Caption, m.MimeType, m.FileName,
        m.MediaStatus == MediaStatus.DOWNLOADED ? MessageDto.MediaUrlFor(m.Id) : null,
        m.Status.ToString(),
        m.ErrorCode is null && m.ErrorTitle is null && m.ErrorDetails is null ? null : new MessageErrorDto(m.ErrorCode, m.ErrorTitle, m.ErrorDetails),
        m.ContextWaMessageId, m.Timestamp, m.SentAt, m.DeliveredAt, m.ReadAt, m.FailedAt, m.Details);
}
