using System.Text.Json;
using System.Text.Json.Serialization;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Data;
using InboxApp.Core.PublicApi;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>The body of every delivery: <c>{ "type", "timestamp", "data" }</c> as Standard Webhooks suggest.</summary>
public sealed record OutgoingWebhookPayload(string Type, DateTimeOffset Timestamp, object Data);

/// <summary>
/// <c>data</c> of message and conversation events: the contact keys a partner stores (<c>contactIdentifier</c>), replies to
/// (<c>contactReplyTo</c>) and may show (<c>contactPhone</c>, nullable), the phone and conversation ids, and the message
/// or conversation in the <c>/v1</c> shape.
/// </summary>
public sealed record ConversationEventData(
    Guid ConversationId, Guid PhoneId, string ContactIdentifier, string ContactReplyTo, string? ContactPhone,
    PublicMessage? Message, PublicConversation? Conversation, Guid? AssigneeId = null, Guid? PreviousAssigneeId = null);

/// <summary>
/// <c>data</c> of <c>phone.health_changed</c>: the quality and limit before and after, Meta's event name (quality webhooks),
/// and the readiness as <c>/v1/phones/{id}/health</c> reports it (<c>isRegistered</c>, <c>capabilities</c>); a change found
/// by a health resync (<c>source</c> RESYNC) also carries the readiness before it.
/// </summary>
public sealed record PhoneHealthEventData(Guid PhoneId, string? DisplayPhoneNumber, string? PreviousQuality, string? Quality,
    string? PreviousLimitTier, string? LimitTier, string? EventName, string Source, bool IsRegistered, CapabilitiesDto Capabilities,
    bool? PreviousIsRegistered = null, CapabilitiesDto? PreviousCapabilities = null);

/// <summary>What found a phone's change: Meta's quality webhook or a health check/resync with Meta.</summary>
public static class PhoneHealthSources
{
    public const string QualityWebhook = "QUALITY_WEBHOOK", Resync = "RESYNC";
}

public sealed record TemplateStatusEventData(Guid AccountId, string? TemplateId, string? TemplateName, string? Language, string Status, string? Reason);

public sealed record TestEventData(Guid WebhookId, string Message);

/// <summary>Builds payloads from the database as it is when the event is fanned out.</summary>
public static class OutgoingWebhookPayloads
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(string type, DateTimeOffset timestamp, object data) =>
        JsonSerializer.Serialize(new OutgoingWebhookPayload(type, timestamp, data), Json);

    /// <summary>Message event data, or null when the message is gone.</summary>
    public static async Task<ConversationEventData?> MessageAsync(InboxDbContext db, Guid messageId, CancellationToken ct)
    {
        var row = await (from m in db.Messages.AsNoTracking()
                         join c in db.Conversations.AsNoTracking() on m.ConversationId equals c.Id
                         join k in db.Contacts.AsNoTracking() on c.ContactId equals k.Id
                         where m.Id == messageId
                         select new { m, c, k }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var message = PublicMessage.From(row.m, row.c, row.k);
        return new ConversationEventData(row.c.Id, row.c.PhoneNumberId, row.k.Identifier, row.k.ReplyTo, row.k.Phone, message, null);
    }

    /// <summary>Conversation event data, or null when the conversation is gone.</summary>
    public static async Task<ConversationEventData?> ConversationAsync(InboxDbContext db, Guid conversationId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await (from c in db.Conversations.AsNoTracking()
                         join k in db.Contacts.AsNoTracking() on c.ContactId equals k.Id
                         where c.Id == conversationId
                         select new { c, k }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        return new ConversationEventData(row.c.Id, row.c.PhoneNumberId, row.k.Identifier, row.k.ReplyTo, row.k.Phone, null,
            PublicConversation.From(row.c, row.k, now));
    }
}
