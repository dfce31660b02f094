using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Webhooks;

/// <summary>The webhook worker's settings. They live in the <c>WhatsApp</c> section, beside the channel's own (the keys predate the split).</summary>
public sealed class WebhookProcessingOptions
{
    public const string SectionName = "WhatsApp";

    /// <summary>How many times a failing delivery is retried before it stays FAILED.</summary>
    [Range(1, 50)]
    public int MaxProcessingAttempts { get; set; } = 8;

    /// <summary>
    /// How many deliveries the webhook worker claims and commits together. Larger batches spread the fixed cost of a round
    /// (claim, routing, lookups, two commits) over more deliveries; see docs/performance.md.
    /// </summary>
    [Range(1, 1000)]
    public int ProcessingBatchSize { get; set; } = 250;
}
