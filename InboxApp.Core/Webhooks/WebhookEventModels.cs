namespace InboxApp.Core.Webhooks;

/// <summary>Filters of the event log: processing outcome, kind of change, and a time range on <c>receivedAt</c> (from inclusive, to exclusive).</summary>
public sealed record WebhookEventFilter(WebhookDeliveryStatus? Status = null, string? Kind = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>One stored webhook delivery as the event log shows it.</summary>
public sealed record WebhookEventDto(
    Guid Id, DateTimeOffset ReceivedAt, WebhookDeliveryStatus Status, IReadOnlyList<string> Kinds, int MessageCount, int StatusCount,
    int Attempts, DateTimeOffset? ProcessedAt, DateTimeOffset? NextAttemptAt, string? Error, Guid? OrganizationId);

/// <summary>A delivery with the raw body Meta signed.</summary>
public sealed record WebhookEventDetailDto(
    Guid Id, DateTimeOffset ReceivedAt, WebhookDeliveryStatus Status, IReadOnlyList<string> Kinds, int MessageCount, int StatusCount,
    int Attempts, DateTimeOffset? ProcessedAt, DateTimeOffset? NextAttemptAt, string? Error, Guid? OrganizationId, string Payload);

public sealed record WebhookEventList(IReadOnlyList<WebhookEventDto> Items, int Total);

public static class WebhookEventKinds
{
    /// <summary>Kinds the event log knows by name (Meta adds fields over time; any snake_case name is accepted as a filter).</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "messages", "statuses", "message_template_status_update", "message_template_quality_update", "phone_number_quality_update",
        "phone_number_name_update", "account_update", "account_alerts", "business_capability_update", "template_category_update",
        "smb_message_echoes",
    ];

    public static IReadOnlyList<string> Split(string? kinds) =>
        string.IsNullOrEmpty(kinds) ? [] : kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
