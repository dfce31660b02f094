namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>
/// An endpoint as the API shows it. <see cref="Secret"/> is only in the answers of creation and rotation (shown once);
/// otherwise <see cref="SecretHint"/> shows its last characters.
/// </summary>
public sealed record OutgoingWebhookDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    bool IsActive,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    int ConsecutiveFailures,
    string? SecretHint,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Secret = null);

/// <summary>One delivery in an endpoint's log: its payload and the outcome of its last attempt.</summary>
public sealed record OutgoingWebhookDeliveryDto(
    Guid Id,
    Guid WebhookId,
    string MessageId,
    string EventType,
    OutgoingWebhookDeliveryStatus Status,
    int Attempts,
    int? ResponseStatus,
    int? LatencyMs,
    string? ResponseExcerpt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string Payload)
{
    public static OutgoingWebhookDeliveryDto From(OutgoingWebhookDelivery d) => new(
        d.Id, d.WebhookId, "msg_" + d.Id.ToString("N"), d.EventType, d.Status, d.Attempts, d.ResponseStatus, d.LatencyMs,
        d.ResponseExcerpt, d.LastError, d.CreatedAt, d.LastAttemptAt,
        d.Status == OutgoingWebhookDeliveryStatus.PENDING ? d.NextAttemptAt : null, d.DeliveredAt, d.Payload);
}

public sealed record OutgoingWebhookDeliveryPage(IReadOnlyList<OutgoingWebhookDeliveryDto> Items, int Total);
