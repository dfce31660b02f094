using InboxApp.Core.Messaging;

namespace InboxApp.Core.Realtime;

/// <summary>Something that changed in an organization's inbox, published after it was committed.</summary>
public abstract record InboxEvent(Guid OrganizationId, Guid ConversationId);

public sealed record MessageReceived(Guid OrganizationId, Guid ConversationId, Guid MessageId) : InboxEvent(OrganizationId, ConversationId);

public sealed record MessageStatusChanged(Guid OrganizationId, Guid ConversationId, Guid MessageId, MessageStatus Status) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationCreated(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationUpdated(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);
