using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Events;

/// <summary>Delivery of durable events (section <c>Events</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Events";

    /// <summary>Attempts per listener before a delivery becomes POISON (a super admin can replay it).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits twice this, the next four times, and so on (at most an hour).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delivered rows are deleted by the hourly cleanup job after this long (failed and poisoned rows stay).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The most rows one round of the outbox worker claims. Each round takes the database's write turn twice (claim, record),
    /// so at the webhook worker's rate (one row per inbound message, in batches of 250) smaller rounds fall behind.
    /// </summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Whether this node runs the outbox worker (every node may: claims are leased).</summary>
    public bool WorkerEnabled { get; set; } = true;
}
