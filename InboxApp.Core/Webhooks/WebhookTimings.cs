using System.Diagnostics;

namespace InboxApp.Core.Webhooks;

/// <summary>The phases of processing a batch of webhook deliveries, as <see cref="WebhookTimings"/> adds them up.</summary>
public enum WebhookPhase
{
    /// <summary>Finding and leasing the batch, and reading its payloads.</summary>
    Claim,
    /// <summary>Parsing the payloads.</summary>
    Parse,
    /// <summary>Meta's phone number ids to our numbers.</summary>
    Route,
    /// <summary>Reading what the messages touch: known wamids, contacts, conversations, the organization's bot setting.</summary>
    Preload,
    /// <summary>Changing contacts, conversations and messages in memory, raising events.</summary>
    Build,
    /// <summary>The commit of the messages (SaveChanges and the transaction).</summary>
    Save,
    /// <summary>Recording every delivery's outcome.</summary>
    Record,
    /// <summary>Part of <see cref="Save"/>: the conversations' updates and EF Core's SaveChanges of the rest (new contacts and conversations, changed messages).</summary>
    SaveTracked,
    /// <summary>Part of <see cref="Save"/>: the outbox rows' and new messages' inserts (SQLite; the rest of save is waiting for the lock and the commit).</summary>
    SaveInsert,
}

/// <summary>
/// Wall-clock time per phase of the webhook worker, added up across batches; off unless <see cref="Enabled"/> (the benchmark
/// turns it on and prints the averages per batch of the drain phase). When off, a phase costs one static read.
/// </summary>
public static class WebhookTimings
{
    public static bool Enabled { get; set; }

    private static readonly long[] Ticks = new long[Enum.GetValues<WebhookPhase>().Length];
    private static long batches;
    private static long deliveries;

    /// <summary>A start mark for <see cref="Stop"/>; 0 when timings are off.</summary>
    public static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    public static void Stop(WebhookPhase phase, long start)
    {
        if (start != 0) Interlocked.Add(ref Ticks[(int)phase], Stopwatch.GetTimestamp() - start);
    }

    /// <summary>Counts a processed batch of <paramref name="size"/> deliveries.</summary>
    public static void Batch(int size)
    {
        if (!Enabled) return;
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref deliveries, size);
    }

    public static void Reset()
    {
        for (var i = 0; i < Ticks.Length; i++) Interlocked.Exchange(ref Ticks[i], 0);
        Interlocked.Exchange(ref batches, 0);
        Interlocked.Exchange(ref deliveries, 0);
    }

    /// <summary>One line: batches, deliveries per batch, and each phase's milliseconds per batch.</summary>
    public static string Summary()
    {
        var n = Math.Max(1, Interlocked.Read(ref batches));
        var phases = Enum.GetValues<WebhookPhase>()
            .Select(p => $"{p.ToString().ToLowerInvariant()} {Stopwatch.GetElapsedTime(0, Interlocked.Read(ref Ticks[(int)p])).TotalMilliseconds / n:F1}");
        return $"{Interlocked.Read(ref batches)} batches of {Interlocked.Read(ref deliveries) / (double)n:F0}; ms per batch: {string.Join(", ", phases)}";
    }
}
