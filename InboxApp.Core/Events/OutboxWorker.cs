using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Events;

/// <summary>
/// Delivers outbox rows to their durable listeners on the shared leased-queue loop (<see cref="LeasedQueueWorker"/>): claims
/// due rows with a lease, calls each row's listener, and records the outcome per row: DELIVERED, or PENDING again after
/// <c>Events:RetryBaseDelay</c> × 2^attempts, or POISON after <c>Events:MaxAttempts</c>. One listener failing never holds
/// back another listener's row of the same event, nor any other row of the batch.
/// </summary>
public sealed class OutboxWorker(InboxDb inboxDb, EventDispatcher dispatcher, OutboxWorkSignal signal, TimeProvider clock,
    IOptions<OutboxOptions> options, ILogger<OutboxWorker> logger) : LeasedQueueWorker(signal, clock, logger)
{
    protected override int BatchSize => options.Value.BatchSize;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.WorkerEnabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    public override async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var started = OutboxTimings.Start();
        await using var db = inboxDb.System();
        var ids = await db.OutboxDeliveries.Where(d => d.Status == OutboxDeliveryStatus.PENDING && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (ids.Count < BatchSize && SweepDue(now))
            ids.AddRange(await db.OutboxDeliveries.Where(d => d.Status == OutboxDeliveryStatus.PROCESSING && d.ClaimedUntil < now)
                .Select(d => d.Id).Take(BatchSize - ids.Count).ToListAsync(ct));
        if (ids.Count == 0) return 0;

        var until = now + Lease;
        await db.OutboxDeliveries
            .Where(d => ids.Contains(d.Id) && ((d.Status == OutboxDeliveryStatus.PENDING && d.NextAttemptAt <= now)
                || (d.Status == OutboxDeliveryStatus.PROCESSING && d.ClaimedUntil < now)))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, OutboxDeliveryStatus.PROCESSING).SetProperty(d => d.ClaimedUntil, until), ct);
        var rows = await db.OutboxDeliveries.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.Status == OutboxDeliveryStatus.PROCESSING && d.ClaimedUntil == until)
            .OrderBy(d => d.CreatedAt).ToListAsync(ct);
        OutboxTimings.Stop(OutboxPhase.Claim, started);
        started = OutboxTimings.Start();

        var delivered = new List<Guid>();
        var failed = new List<(OutboxDelivery Row, string Reason)>();
        // Rows of one listener and event type go together to a listener that takes batches; the rest, and a batch that
        // failed, one row at a time.
        var alone = new List<OutboxDelivery>();
        foreach (var group in rows.GroupBy(r => (r.Listener, r.EventType)))
        {
            var batch = group.ToList();
            if (batch.Count > 1 && await DeliveredTogetherAsync(group.Key.Listener, group.Key.EventType, batch, ct)) delivered.AddRange(batch.Select(r => r.Id));
            else alone.AddRange(batch);
        }
        foreach (var row in alone)
        {
            try
            {
                await DurableEventContext.RunAsync(row.EventId, () => dispatcher.DeliverAsync(row.Listener, row.EventType, row.Payload, ct));
                delivered.Add(row.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Durable listener {Listener} failed on {Event} {Id} (attempt {Attempt})", row.Listener, row.EventType, row.Id, row.Attempts + 1);
                failed.Add((row, Reason(e, OutboxDelivery.MaxErrorLength)));
            }
        }
        OutboxTimings.Stop(OutboxPhase.Deliver, started);
        started = OutboxTimings.Start();
        await RecordAsync(db, delivered, failed, until);
        OutboxTimings.Stop(OutboxPhase.Record, started);
        OutboxTimings.Round(rows.Count);
        return ids.Count;
    }

    private async Task<bool> DeliveredTogetherAsync(string listener, string eventType, List<OutboxDelivery> batch, CancellationToken ct)
    {
        try
        {
            return await dispatcher.DeliverBatchAsync(listener, eventType, batch.Select(r => r.Payload).ToList(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogInformation(e, "Durable listener {Listener} failed on a batch of {Count} {Event}; delivering them one at a time", listener, batch.Count, eventType);
            return false;
        }
    }

    /// <summary>Delivered rows in one statement, each failure in its own, all only while the claim is still ours.</summary>
    private async Task RecordAsync(InboxDbContext db, List<Guid> delivered, List<(OutboxDelivery Row, string Reason)> failed, DateTimeOffset until)
    {
        var now = Clock.GetUtcNow();
        await db.InDeferredTransactionAsync(async () =>
        {
            if (delivered.Count > 0)
                await db.OutboxDeliveries.Where(d => delivered.Contains(d.Id) && d.ClaimedUntil == until)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(d => d.Status, OutboxDeliveryStatus.DELIVERED)
                        .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                        .SetProperty(d => d.DeliveredAt, now)
                        .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            foreach (var (row, reason) in failed)
            {
                var attempts = row.Attempts + 1;
                var next = NextAttempt(attempts, options.Value.MaxAttempts, now, options.Value.RetryBaseDelay);
                var status = next is null ? OutboxDeliveryStatus.POISON : OutboxDeliveryStatus.PENDING;
                var due = next ?? now;
                await db.OutboxDeliveries.Where(d => d.Id == row.Id && d.ClaimedUntil == until)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(d => d.Status, status)
                        .SetProperty(d => d.Attempts, attempts)
                        .SetProperty(d => d.LastError, reason)
                        .SetProperty(d => d.NextAttemptAt, due)
                        .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            }
            return 0;
        }, CancellationToken.None);
    }
}
