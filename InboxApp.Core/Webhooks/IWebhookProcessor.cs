using InboxApp.Core.Channels.WhatsApp;

namespace InboxApp.Core.Webhooks;

/// <summary>
/// What the webhook worker hands its claimed deliveries to (the WhatsApp inbound processor). A seam so that the worker's
/// guarantees (every delivery gets its own outcome; one that throws never fails the others) hold for any processor.
/// </summary>
public interface IWebhookProcessor
{
    /// <summary>Processes the payloads; one result per payload, in the same order.</summary>
    Task<IReadOnlyList<WhatsAppInboundProcessor.Result>> ProcessBatchAsync(IReadOnlyList<string> payloads, CancellationToken ct = default);
}
