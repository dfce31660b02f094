using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Webhooks;

/// <summary>
/// Processes stored deliveries in arrival order on the shared leased-queue loop (<see cref="LeasedQueueWorker"/>): claims a
/// batch with a lease, runs the processor, records the outcome. Failures are retried with exponential backoff up to
/// <c>WhatsApp:MaxProcessingAttempts</c>. A batch the processor cannot finish (it threw) is processed again one delivery at a
/// time, so the deliveries that can be processed commit and only the failing one records its reason and retries alone.
/// </summary>
public sealed class WebhookWorker(InboxDb inboxDb, IWebhookProcessor processor, WebhookWorkSignal signal, WebhookWriteGate gate, TimeProvider clock,
    IOptions<WebhookProcessingOptions> options, ILogger<WebhookWorker> logger) : LeasedQueueWorker(signal, clock, logger)
{
    protected override int BatchSize => options.Value.ProcessingBatchSize;

    /// <summary>
    /// Claims a batch (oldest pending first, then due retries and expired claims), processes it in one go and records every
    /// outcome in one commit; returns how many deliveries it claimed.
    /// </summary>
    public override async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var claimStarted = WebhookTimings.Start();
        await using var db = inboxDb.System();
        // Each query filters on one status (index on Status, ReceivedAt): the queue stays cheap to read however long the history grows.
        var ids = await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.PENDING)
            .OrderBy(d => d.ReceivedAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (ids.Count < BatchSize && SweepDue(now))
        {
            ids.AddRange(await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.FAILED && d.NextAttemptAt != null && d.NextAttemptAt <= now)
                .Select(d => d.Id).Take(BatchSize - ids.Count).ToListAsync(ct));
            if (ids.Count < BatchSize)
                ids.AddRange(await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.PROCESSING && d.ClaimedUntil < now)
                    .Select(d => d.Id).Take(BatchSize - ids.Count).ToListAsync(ct));
        }
        if (ids.Count == 0) return 0;

        var until = now + Lease;
        using (await gate.EnterAsync(ct))
            await Due(db, now).Where(d => ids.Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.PROCESSING).SetProperty(d => d.ClaimedUntil, until), ct);
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.Status == WebhookDeliveryStatus.PROCESSING && d.ClaimedUntil == until)
            .OrderBy(d => d.ReceivedAt).Select(d => new Claimed(d.Id, d.Payload, d.Attempts)).ToListAsync(ct);
        WebhookTimings.Stop(WebhookPhase.Claim, claimStarted);
        if (deliveries.Count == 0) return ids.Count;

        var results = await ProcessIsolatedAsync(deliveries, ct);
        var recordStarted = WebhookTimings.Start();
        await RecordAsync(db, deliveries, results, until);
        WebhookTimings.Stop(WebhookPhase.Record, recordStarted);
        WebhookTimings.Batch(deliveries.Count);
        return ids.Count;
    }

    /// <summary>
    /// The batch in one go; if the processor throws (rather than reporting a failed delivery), each delivery alone, so that
    /// one payload nobody foresaw cannot fail or delay the rest of the batch.
    /// </summary>
    private async Task<IReadOnlyList<WebhookResult>> ProcessIsolatedAsync(List<Claimed> deliveries, CancellationToken ct)
    {
        try
        {
            var results = await processor.ProcessBatchAsync(deliveries.Select(d => d.Payload).ToList(), ct);
            if (results.Count == deliveries.Count) return results;
            throw new InvalidOperationException($"The processor returned {results.Count} results for {deliveries.Count} deliveries");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (deliveries.Count == 1) return [new WebhookResult(null, e)];
            logger.LogWarning(e, "A batch of {Count} webhook deliveries failed; processing them one at a time", deliveries.Count);
        }
        var alone = new List<WebhookResult>(deliveries.Count);
        foreach (var delivery in deliveries)
        {
            try
            {
                alone.Add((await processor.ProcessBatchAsync([delivery.Payload], ct)).Single());
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                alone.Add(new WebhookResult(null, e));
            }
        }
        return alone;
    }

    private sealed record Claimed(Guid Id, string Payload, int Attempts);

    /// <summary>What a delivery's row becomes; deliveries with the same one are written by one statement.</summary>
    private sealed record Recorded(WebhookDeliveryStatus Status, Guid? OrganizationId, string? Kinds, int MessageCount, int StatusCount, string? Error,
        DateTimeOffset? ProcessedAt, DateTimeOffset? NextAttemptAt);

    /// <summary>
    /// Records the outcomes in one transaction, one UPDATE per distinct outcome (a batch of ordinary deliveries is a handful
    /// of statements, not one per delivery), each only while the claim is still ours.
    /// </summary>
    private async Task RecordAsync(InboxDbContext db, List<Claimed> deliveries, IReadOnlyList<WebhookResult> results, DateTimeOffset until)
    {
        var now = Clock.GetUtcNow();
        var groups = deliveries.Select((d, i) => (d.Id, Row: Outcome(d, results[i], now))).GroupBy(x => x.Row, x => x.Id).ToList();
        using var turn = await gate.EnterAsync(CancellationToken.None);
        await db.InDeferredTransactionAsync(async () =>
        {
            foreach (var group in groups) await RecordGroupAsync(db, group.Key, group.ToList(), until);
            return groups.Count;
        }, CancellationToken.None, SqliteWriteTarget.WebhookSpool);
    }

    private static async Task RecordGroupAsync(InboxDbContext db, Recorded row, List<Guid> ids, DateTimeOffset until)
    {
        var ours = db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.ClaimedUntil == until);
        if (row.Status == WebhookDeliveryStatus.FAILED)
            await ours.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, row.Status)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.Error, row.Error)
                .SetProperty(d => d.NextAttemptAt, row.NextAttemptAt)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        else
            await ours.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, row.Status)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.OrganizationId, d => row.OrganizationId ?? d.OrganizationId)
                .SetProperty(d => d.Kinds, row.Kinds)
                .SetProperty(d => d.MessageCount, row.MessageCount)
                .SetProperty(d => d.StatusCount, row.StatusCount)
                .SetProperty(d => d.Error, row.Error)
                .SetProperty(d => d.ProcessedAt, row.ProcessedAt)
                .SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    private static IQueryable<WebhookDelivery> Due(InboxDbContext db, DateTimeOffset now) =>
        db.WebhookDeliveries.Where(d =>
            d.Status == WebhookDeliveryStatus.PENDING
            || (d.Status == WebhookDeliveryStatus.FAILED && d.NextAttemptAt != null && d.NextAttemptAt <= now)
            || (d.Status == WebhookDeliveryStatus.PROCESSING && d.ClaimedUntil < now));

    private Recorded Outcome(Claimed delivery, WebhookResult result, DateTimeOffset now)
    {
        if (result.Outcome is { } outcome)
            return new Recorded(outcome.Status, outcome.OrganizationId, outcome.Kinds, outcome.Messages, outcome.Statuses,
                outcome.Error is { Length: > 2000 } e ? e[..2000] : outcome.Error, now, null);
        var error = result.Error!;
        var attempts = delivery.Attempts + 1;
        logger.LogWarning(error, "Webhook delivery {Id} failed (attempt {Attempt})", delivery.Id, attempts);
        return new Recorded(WebhookDeliveryStatus.FAILED, null, null, 0, 0, Reason(error), null,
            NextAttempt(attempts, options.Value.MaxProcessingAttempts, now, TimeSpan.FromSeconds(1)));
    }
}
