using InboxApp.Core.Messaging;

namespace InboxApp.Core.Events;

// The one catalogue of domain events. Each is past tense, names its organization and the ids it is about, and is raised
// by the service that made the change on the context that saves it (InboxDbContext.Raise): in-process listeners get it
// after the commit, durable listeners through the outbox row written in the same transaction. Events must stay
// serializable (records of ids, enums and short strings): durable deliveries store them as JSON under the type's name,
// so renaming an event or removing a property strands rows already in the outbox.

/// <summary>Something that changed in an organization, raised on the context that saved it.</summary>
public abstract record DomainEvent(Guid OrganizationId);

/// <summary>Something that changed in one conversation: what the inbox UI and the hub's conversation groups follow.</summary>
public abstract record InboxEvent(Guid OrganizationId, Guid ConversationId) : DomainEvent(OrganizationId);

// Messages

/// <summary>A customer's message was stored; <see cref="HasMedia"/> when its media waits to be downloaded.</summary>
public sealed record MessageReceived(Guid OrganizationId, Guid ConversationId, Guid MessageId, bool HasMedia = false) : InboxEvent(OrganizationId, ConversationId);

/// <summary>An outbound message was created (PENDING) in a conversation.</summary>
public sealed record MessageSent(Guid OrganizationId, Guid ConversationId, Guid MessageId) : InboxEvent(OrganizationId, ConversationId);

public sealed record MessageStatusChanged(Guid OrganizationId, Guid ConversationId, Guid MessageId, MessageStatus Status) : InboxEvent(OrganizationId, ConversationId);

/// <summary>A customer reacted to a message (<see cref="Emoji"/> empty when the reaction was removed); raised beside <see cref="MessageReceived"/>.</summary>
public sealed record MessageReactionReceived(Guid OrganizationId, Guid ConversationId, Guid MessageId, string? ReactedToWaMessageId, string? Emoji)
    : InboxEvent(OrganizationId, ConversationId);

/// <summary>A message's media changed state (downloaded, failed, expired, queued again).</summary>
public sealed record MessageMediaChanged(Guid OrganizationId, Guid ConversationId, Guid MessageId, MediaStatus MediaStatus)
    : InboxEvent(OrganizationId, ConversationId);

// Conversations

/// <summary>
/// A member read a conversation (<see cref="Typing"/>: and is typing an answer). Raised on every read, not only when something
/// was unread: Messaging's listener sends the customer the read receipt of their newest message if it has none yet.
/// Not an <see cref="InboxEvent"/>: open pages have nothing to redraw.
/// </summary>
public sealed record ConversationRead(Guid OrganizationId, Guid ConversationId, Guid? UserId, bool Typing) : DomainEvent(OrganizationId);

public sealed record ConversationCreated(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

/// <summary>
/// The customer answered a conversation that was waiting for them (<c>WAITING_FOR_CUSTOMER</c> → <c>OPEN</c>), typically one a
/// template or a campaign opened. Routing routes such a conversation only now (ADR 0042). Not an <see cref="InboxEvent"/>:
/// the same save raises <see cref="MessageReceived"/> and <see cref="ConversationUpdated"/> for open pages.
/// </summary>
public sealed record ConversationAnswered(Guid OrganizationId, Guid ConversationId) : DomainEvent(OrganizationId);

/// <summary>Anything shown in the conversation list changed (raised with every change of a conversation).</summary>
public sealed record ConversationUpdated(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

/// <summary>The assignee changed (taken over, assigned, unassigned); <see cref="AssigneeId"/> null when released (unassigned).</summary>
public sealed record ConversationAssigned(Guid OrganizationId, Guid ConversationId, Guid? AssigneeId, Guid? PreviousAssigneeId) : InboxEvent(OrganizationId, ConversationId);

/// <summary>The conversation was handed over to people (from the bot or between agents) with a summary.</summary>
public sealed record ConversationHandedOver(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationResolved(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

/// <summary>A closed conversation was opened again (by an agent, or by a customer writing within the reopen window).</summary>
public sealed record ConversationReopened(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationTagAdded(Guid OrganizationId, Guid ConversationId, Guid TagId) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationTagRemoved(Guid OrganizationId, Guid ConversationId, Guid TagId) : InboxEvent(OrganizationId, ConversationId);

// Contacts

/// <summary>A contact was created (by an inbound message or an agent).</summary>
public sealed record ContactCreated(Guid OrganizationId, Guid ContactId) : DomainEvent(OrganizationId);

/// <summary>A contact changed (name, category, attributes); published once per conversation of that contact.</summary>
public sealed record ContactUpdated(Guid OrganizationId, Guid ConversationId, Guid ContactId) : InboxEvent(OrganizationId, ConversationId);

// Channels

/// <summary>
/// A number's quality rating or messaging limit changed (the quality webhook or a health check); the values after the
/// change and before it, and Meta's event name when a webhook said so.
/// </summary>
public sealed record PhoneNumberQualityChanged(Guid OrganizationId, Guid PhoneNumberId, string? PreviousQuality, string? Quality,
    string? PreviousLimitTier, string? LimitTier, string? EventName) : DomainEvent(OrganizationId);

/// <summary>
/// A number's readiness as the public API reports it (<c>isRegistered</c>, the three capabilities, quality rating and
/// messaging limit) changed when a health check or background resync with Meta stored fresh values; raised only when
/// something differs, with the state before and after.
/// </summary>
public sealed record PhoneNumberHealthChanged(Guid OrganizationId, Guid PhoneNumberId, PhoneHealthState Previous, PhoneHealthState Current)
    : DomainEvent(OrganizationId);

/// <summary>What <see cref="PhoneNumberHealthChanged"/> compares: the readiness of a number computed from its stored state.</summary>
public sealed record PhoneHealthState(bool IsRegistered, bool CanReceiveMessages, bool CanSendMessages, bool CanSendTemplates, string? Quality,
    string? MessagingLimitTier);

/// <summary>
/// Meta reported something about a WhatsApp Business account (<c>account_update</c>: restriction, ban, violation, removal…).
/// <see cref="At"/> is Meta's time of the update (the entry's <c>time</c>, or when we processed it if Meta gave none) and
/// <see cref="ProcessedAt"/> when we processed it: together the order of updates (null in events stored before they existed).
/// </summary>
public sealed record WhatsAppAccountUpdated(Guid OrganizationId, Guid AccountId, string? EventName, string? BanState, string? Restrictions, string? Violation,
    DateTimeOffset? At = null, DateTimeOffset? ProcessedAt = null) : DomainEvent(OrganizationId);

// Templates

/// <summary>Meta changed a message template's status (APPROVED, REJECTED, PAUSED, DISABLED…), with its reason if given.</summary>
public sealed record TemplateStatusChanged(Guid OrganizationId, Guid AccountId, string? TemplateId, string? TemplateName, string? Language, string Status, string? Reason)
    : DomainEvent(OrganizationId);

/// <summary>Meta rated a template's quality again (<c>message_template_quality_update</c>): GREEN, YELLOW, RED or UNKNOWN.</summary>
public sealed record TemplateQualityChanged(Guid OrganizationId, Guid AccountId, string? TemplateId, string? TemplateName, string? Language,
    string? PreviousQuality, string Quality) : DomainEvent(OrganizationId);

/// <summary>Meta changed a template's category (<c>template_category_update</c>), for example UTILITY to MARKETING.</summary>
public sealed record TemplateCategoryChanged(Guid OrganizationId, Guid AccountId, string? TemplateId, string? TemplateName, string? Language,
    string? PreviousCategory, string Category) : DomainEvent(OrganizationId);

/// <summary>A template of the organization was created, changed (status, quality, category, content) or removed.</summary>
public sealed record TemplateUpdated(Guid OrganizationId, Guid TemplateId, string Name, string Language, string Status) : DomainEvent(OrganizationId);

// Campaigns

/// <summary>A campaign changed state or made progress (a batch sent, recipients updated by webhooks); for live pages.</summary>
public sealed record CampaignUpdated(Guid OrganizationId, Guid CampaignId, string Status) : DomainEvent(OrganizationId)
{
    /// <summary>The status word of an update that only moved the recipients' counts (the campaign's own status did not change).</summary>
    public const string Progress = "PROGRESS";
}
