using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Campaigns;

/// <summary>The campaign sender's settings (section <c>Campaigns</c>).</summary>
public sealed class CampaignsOptions
{
    public const string SectionName = "Campaigns";

    /// <summary>Recipients loaded and filtered at once (the campaign's status is checked between batches).</summary>
    [Range(1, 5000)] public int BatchSize { get; set; } = 200;

    /// <summary>The fewest sends in flight at once per campaign (the number's rate still paces them).</summary>
    [Range(1, 256)] public int MaxParallelSends { get; set; } = 8;

    /// <summary>
    /// The latency of one send the sender plans for (store, Meta's answer, record; milliseconds): sends in flight are
    /// rate × this (at least <see cref="MaxParallelSends"/>, at most <see cref="MaxInFlight"/>), since n in flight reach at most
    /// n / latency per second.
    /// </summary>
    [Range(1, 10_000)] public int ExpectedSendLatencyMs { get; set; } = 250;

    /// <summary>The most sends in flight at once per campaign, whatever the rate.</summary>
    [Range(1, 1024)] public int MaxInFlight { get; set; } = 256;

    /// <summary>
    /// The mean latency of one send (milliseconds) above which the sender halves its sends in flight for the next batch
    /// (below it, it doubles them up to what the rate needs): well under the Graph client's 30-s timeout.
    /// </summary>
    [Range(1, 60_000)] public int MaxSendLatencyMs { get; set; } = 2000;

    /// <summary>How long a send job holds its campaign without renewing (a job that died lets go after this).</summary>
    [Range(1, 3600)] public int LeaseSeconds { get; set; } = 60;

    /// <summary>Tries per recipient when Meta answers 130429 (throughput) or 131056 (pair rate) after the sender's own retries.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 5;

    /// <summary>The first back-off after 130429, doubled at each further one (milliseconds).</summary>
    [Range(1, 3_600_000)] public int ThroughputBackoffMs { get; set; } = 5000;

    /// <summary>The wait before a recipient is tried again after 131056 (Meta's pair window, milliseconds).</summary>
    [Range(1, 3_600_000)] public int PairRateBackoffMs { get; set; } = 6000;

    /// <summary>
    /// A chunk is the recipients the number's rate lets go in this time (milliseconds): claimed and stored in one transaction
    /// at the chunk's first slot, then handed to Meta at once within the rolling second (25 at 1,000/s, 2 at 80/s). A pause
    /// stops the ones that have not gone out yet.
    /// </summary>
    [Range(1, 10_000)] public int ChunkMs { get; set; } = 25;

    /// <summary>The most recipients of one chunk, whatever the rate.</summary>
    [Range(1, 500)] public int MaxChunk { get; set; } = 64;

    /// <summary>How long before a chunk's first slot its claim and store start (milliseconds: about what they take).</summary>
    [Range(0, 1000)] public int ChunkStoreLeadMs { get; set; } = 5;

    /// <summary>
    /// PostgreSQL: a campaign created with at least this many recipients refreshes the planner's statistics of the
    /// recipients' table at once (ANALYZE) instead of waiting for autovacuum.
    /// </summary>
    [Range(1, 1_000_000)] public int AnalyzeAfterRecipients { get; set; } = 1000;

    /// <summary>The most recipients a campaign may have.</summary>
    [Range(1, 1_000_000)] public int MaxRecipients { get; set; } = 100_000;
}
