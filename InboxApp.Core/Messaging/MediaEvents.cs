using InboxApp.Core.Realtime;

namespace InboxApp.Core.Messaging;

/// <summary>A message's media changed state (downloaded, failed, expired, queued again), published after it was saved.</summary>
public sealed record MessageMediaChanged(Guid OrganizationId, Guid ConversationId, Guid MessageId, MediaStatus MediaStatus)
    : InboxEvent(OrganizationId, ConversationId);
