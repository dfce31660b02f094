using InboxApp.Core.Common;
using InboxApp.Core.Contacts;

namespace InboxApp.Core.Conversations;

public enum ConversationStatus { BOT_HANDLING, HUMAN_HANDLING, OPEN, WAITING_FOR_CUSTOMER, CLOSED }

public enum ConversationOrigin { INBOUND, TEMPLATE, CAMPAIGN }

public enum MessageDirection { INBOUND, OUTBOUND }

/// <summary>A thread between one phone number and one contact.</summary>
public class Conversation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid PhoneNumberId { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }
    public ConversationStatus Status { get; set; } = ConversationStatus.OPEN;
    public ConversationOrigin Origin { get; set; } = ConversationOrigin.INBOUND;
    public Guid? AssigneeId { get; set; }
    public Guid? TeamId { get; set; }
    public string? Category { get; set; }
    public int UnreadCount { get; set; }
    public string? LastMessagePreview { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
    public MessageDirection? LastMessageDirection { get; set; }
    /// <summary>Timestamp of the customer's last message: opens the 24-hour customer-service window.</summary>
    public DateTimeOffset? LastCustomerMessageAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    /// <summary>Since when the customer has been waiting for a reply (first unanswered customer message); null when answered.</summary>
    public DateTimeOffset? WaitingSince { get; set; }
    public string? FollowUpNote { get; set; }
    public DateTimeOffset? FollowUpDueAt { get; set; }
    public Guid? FollowUpById { get; set; }
    public DateTimeOffset? FollowUpSetAt { get; set; }
    /// <summary>Context an agent left for the bot when returning the conversation to it.</summary>
    public string? HandoffSummary { get; set; }
    /// <summary>Optimistic concurrency token, renewed on every change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    public bool IsWindowOpen(DateTimeOffset now) => LastCustomerMessageAt is { } t && now - t < CustomerServiceWindow;
}
