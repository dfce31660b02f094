using InboxApp.Core.Messaging;

namespace InboxApp.Core.Realtime;

/// <summary>Something that changed in an organization's inbox, published after it was committed.</summary>
public abstract record InboxEvent(Guid OrganizationId, Guid ConversationId);

public sealed record MessageReceived(Guid OrganizationId, Guid ConversationId, Guid MessageId) : InboxEvent(OrganizationId, ConversationId);

public sealed record MessageStatusChanged(Guid OrganizationId, Guid ConversationId, Guid MessageId, MessageStatus Status) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationCreated(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationUpdated(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

/// <summary>The assignee changed (taken over, assigned, unassigned); <see cref="AssigneeId"/> null when released.</summary>
public sealed record ConversationAssigned(Guid OrganizationId, Guid ConversationId, Guid? AssigneeId, Guid? PreviousAssigneeId) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationResolved(Guid OrganizationId, Guid ConversationId) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationTagAdded(Guid OrganizationId, Guid ConversationId, Guid TagId) : InboxEvent(OrganizationId, ConversationId);

public sealed record ConversationTagRemoved(Guid OrganizationId, Guid ConversationId, Guid TagId) : InboxEvent(OrganizationId, ConversationId);

/// <summary>A contact changed (name, category, attributes); published once per conversation of that contact.</summary>
public sealed record ContactUpdated(Guid OrganizationId, Guid ConversationId, Guid ContactId) : InboxEvent(OrganizationId, ConversationId);
