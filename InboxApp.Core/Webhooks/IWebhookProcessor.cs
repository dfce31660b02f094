namespace InboxApp.Core.Webhooks;

/// <summary>What processing one delivery came to: its status, the organization it belonged to, and what it held.</summary>
public sealed record WebhookOutcome(WebhookDeliveryStatus Status, Guid? OrganizationId, string? Kinds, int Messages, int Statuses, string? Error);

/// <summary>The outcome of one delivery of a batch, or the failure that stopped it (retried by the worker).</summary>
public sealed record WebhookResult(WebhookOutcome? Outcome, Exception? Error);

/// <summary>
/// What the webhook worker hands its claimed deliveries to (a channel's inbound processor: today WhatsApp's, in
/// <c>Channels/WhatsApp</c>; Webhooks knows no channel and no message). A seam so that the worker's
/// guarantees (every delivery gets its own outcome; one that throws never fails the others) hold for any processor.
/// </summary>
public interface IWebhookProcessor
{
    /// <summary>Processes the payloads; one result per payload, in the same order.</summary>
    Task<IReadOnlyList<WebhookResult>> ProcessBatchAsync(IReadOnlyList<string> payloads, CancellationToken ct = default);
}
