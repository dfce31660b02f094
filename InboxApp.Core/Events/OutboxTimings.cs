using System.Diagnostics;

namespace InboxApp.Core.Events;

/// <summary>The phases of one round of the outbox worker, as <see cref="OutboxTimings"/> adds them up.</summary>
public enum OutboxPhase
{
    /// <summary>Finding due rows, leasing them and reading them.</summary>
    Claim,
    /// <summary>Calling the listeners.</summary>
    Deliver,
    /// <summary>Recording every row's outcome.</summary>
    Record,
}

/// <summary>
/// Wall-clock time per phase of the outbox worker, added up across rounds; off unless <see cref="Enabled"/> (the benchmark
/// turns it on). When off, a phase costs one static read.
/// </summary>
public static class OutboxTimings
{
    public static bool Enabled { get; set; }

    private static readonly long[] Ticks = new long[Enum.GetValues<OutboxPhase>().Length];
    private static long rounds;
    private static long rows;

    public static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    public static void Stop(OutboxPhase phase, long start)
    {
        if (start != 0) Interlocked.Add(ref Ticks[(int)phase], Stopwatch.GetTimestamp() - start);
    }

    /// <summary>Counts a round that claimed <paramref name="size"/> rows.</summary>
    public static void Round(int size)
    {
        if (!Enabled) return;
        Interlocked.Increment(ref rounds);
        Interlocked.Add(ref rows, size);
    }

    public static void Reset()
    {
        for (var i = 0; i < Ticks.Length; i++) Interlocked.Exchange(ref Ticks[i], 0);
        Interlocked.Exchange(ref rounds, 0);
        Interlocked.Exchange(ref rows, 0);
    }

    /// <summary>One line: rounds, rows per round, and each phase's milliseconds per round.</summary>
    public static string Summary()
    {
        var n = Math.Max(1, Interlocked.Read(ref rounds));
        var phases = Enum.GetValues<OutboxPhase>()
            .Select(p => $"{p.ToString().ToLowerInvariant()} {Stopwatch.GetElapsedTime(0, Interlocked.Read(ref Ticks[(int)p])).TotalMilliseconds / n:F1}");
        return $"{Interlocked.Read(ref rounds)} rounds of {Interlocked.Read(ref rows) / (double)n:F0} rows; ms per round: {string.Join(", ", phases)}";
    }
}
