namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>The event names a partner can subscribe to (as the <c>type</c> of each payload).</summary>
public static class OutgoingWebhookEvents
{
    public const string MessageReceived = "message.received";
    public const string MessageSent = "message.sent";
    public const string MessageDelivered = "message.delivered";
    public const string MessageRead = "message.read";
    public const string MessageFailed = "message.failed";
    public const string ConversationCreated = "conversation.created";
    public const string ConversationAssigned = "conversation.assigned";
    public const string ConversationResolved = "conversation.resolved";
    public const string PhoneHealthChanged = "phone.health_changed";
    public const string TemplateStatusChanged = "template.status_changed";
    /// <summary>Sent by the test action only; not subscribable.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> All =
    [
        MessageReceived, MessageSent, MessageDelivered, MessageRead, MessageFailed,
        ConversationCreated, ConversationAssigned, ConversationResolved, PhoneHealthChanged, TemplateStatusChanged,
    ];
}
