namespace InboxApp.Core.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Stored and acknowledged; waiting for the processor.</summary>
    PENDING,
    /// <summary>Claimed by a processor (with a lease, so a crashed node's claims come back).</summary>
    PROCESSING,
    PROCESSED,
    /// <summary>Processing failed; retried with backoff until attempts run out.</summary>
    FAILED,
    /// <summary>Signed but addressed to a phone number id we do not know: kept for the super admin, never retried forever.</summary>
    UNROUTABLE,
    /// <summary>Signed but not a WhatsApp webhook we can read: kept for the super admin.</summary>
    MALFORMED,
}

/// <summary>
/// One verified POST from Meta, stored before we answer 200 and processed afterwards. System-level: it is routed to an
/// organization (<see cref="OrganizationId"/>) only while being processed.
/// </summary>
public class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Payload { get; set; }
    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.PENDING;
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public string? Error { get; set; }
    public Guid? OrganizationId { get; set; }
    /// <summary>What the delivery held, e.g. "messages,statuses" or "message_template_status_update".</summary>
    public string? Kinds { get; set; }
    public int MessageCount { get; set; }
    public int StatusCount { get; set; }
}
