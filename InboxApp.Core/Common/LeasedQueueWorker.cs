using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Common;

/// <summary>
/// The loop shared by the workers of the database-backed queues (webhook deliveries, the event outbox): claim a batch with a
/// lease (a crashed node's claims come back when the lease expires), process it, record every outcome, and retry failures
/// with exponential back-off until attempts run out. A subclass supplies <see cref="ProcessBatchAsync"/> (its claim queries
/// and its outcome records, one table's columns); this class owns the pacing: wait for a signal when the queue is empty,
/// let a part-full batch fill for a moment, look for due retries and expired claims at most once per
/// <see cref="SweepInterval"/>, and survive a failing round.
/// </summary>
public abstract class LeasedQueueWorker(WorkSignal signal, TimeProvider clock, ILogger logger) : BackgroundService
{
    public const int DefaultBatchSize = 100;
    /// <summary>The most items one round claims.</summary>
    protected virtual int BatchSize => DefaultBatchSize;
    /// <summary>How long a claim holds; a node that dies mid-batch gives its claims back after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    /// <summary>A failed item waits at most this long before its next attempt.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);
    /// <summary>Due retries and expired claims are looked for at most this often (new items on every batch).</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset nextSweep;

    protected TimeProvider Clock => clock;

    /// <summary>Claims a batch, processes it and records the outcomes; returns how many items it claimed.</summary>
    public abstract Task<int> ProcessBatchAsync(CancellationToken ct);

    /// <summary>Whether this round should also look for due retries and expired claims (true at most once per second).</summary>
    protected bool SweepDue(DateTimeOffset now)
    {
        if (now < nextSweep) return false;
        nextSweep = now + SweepInterval;
        return true;
    }

    /// <summary>
    /// When attempt <paramref name="attempts"/> (counting the one that just failed) may be followed by another: after
    /// <paramref name="baseDelay"/> × 2^attempts (capped at <see cref="MaxBackoff"/>), or null when attempts ran out.
    /// </summary>
    public static DateTimeOffset? NextAttempt(int attempts, int maxAttempts, DateTimeOffset now, TimeSpan baseDelay)
    {
        if (attempts >= maxAttempts) return null;
        var delay = baseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempts, 30));
        return now + TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, delay));
    }

    /// <summary>An error message cut to what the error columns hold.</summary>
    public static string Reason(Exception error, int max = 2000)
    {
        var message = error.GetBaseException().Message;
        return message.Length > max ? message[..max] : message;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ProcessBatchAsync(stoppingToken);
                if (claimed == 0) await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                // A part-full batch: let the next one fill for a moment (each batch costs a dozen round trips, whatever its size).
                else if (claimed < BatchSize) await Task.Delay(BatchWindow, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Worker} loop failed; retrying", GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
