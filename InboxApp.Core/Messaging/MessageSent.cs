using InboxApp.Core.Realtime;

namespace InboxApp.Core.Messaging;

/// <summary>An outbound message was created (PENDING) in a conversation; published after commit.</summary>
public sealed record MessageSent(Guid OrganizationId, Guid ConversationId, Guid MessageId) : InboxEvent(OrganizationId, ConversationId);
