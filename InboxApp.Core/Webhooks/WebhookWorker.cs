using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Webhooks;

/// <summary>
/// Processes stored deliveries in arrival order: claims a batch with a lease (a crashed node's claims come back), runs the
/// processor, records the outcome. Failures are retried with exponential backoff up to <c>WhatsApp:MaxProcessingAttempts</c>.
/// </summary>
public sealed class WebhookWorker(InboxDb inboxDb, WhatsAppInboundProcessor processor, WebhookWorkSignal signal, WebhookWriteGate gate, TimeProvider clock,
    IOptions<WhatsAppOptions> options, ILogger<WebhookWorker> logger) : BackgroundService
{
    public const int BatchSize = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);
    /// <summary>Due retries and expired claims are looked for at most this often (pending deliveries on every batch).</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset nextSweep;

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
                logger.LogError(e, "Webhook worker loop failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>
    /// Claims a batch (oldest pending first, then due retries and expired claims), processes it in one go and records every
    /// outcome in one commit; returns how many deliveries it claimed.
    /// </summary>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        // Each query filters on one status (index on Status, ReceivedAt): the queue stays cheap to read however long the history grows.
        var ids = await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.PENDING)
            .OrderBy(d => d.ReceivedAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (ids.Count < BatchSize && now >= nextSweep)
        {
            nextSweep = now + SweepInterval;
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
        if (deliveries.Count == 0) return ids.Count;

        IReadOnlyList<WhatsAppInboundProcessor.Result> results;
        try
        {
            results = await processor.ProcessBatchAsync(deliveries.Select(d => d.Payload).ToList(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "A batch of {Count} webhook deliveries failed", deliveries.Count);
            results = deliveries.Select(_ => new WhatsAppInboundProcessor.Result(null, e)).ToList();
        }
        await RecordAsync(db, deliveries, results, until);
        return ids.Count;
    }

    private sealed record Claimed(Guid Id, string Payload, int Attempts);

    /// <summary>What a delivery's row becomes; deliveries with the same one are written by one statement.</summary>
    private sealed record Recorded(WebhookDeliveryStatus Status, Guid? OrganizationId, string? Kinds, int MessageCount, int StatusCount, string? Error,
        DateTimeOffset? ProcessedAt, DateTimeOffset? NextAttemptAt);

    /// <summary>
    /// Records the outcomes in one transaction, one UPDATE per distinct outcome (a batch of ordinary deliveries is a handful
    /// of statements, not one per delivery), each only while the claim is still ours.
    /// </summary>
    private async Task RecordAsync(InboxDbContext db, List<Claimed> deliveries, IReadOnlyList<WhatsAppInboundProcessor.Result> results, DateTimeOffset until)
    {
        var now = clock.GetUtcNow();
        var groups = deliveries.Select((d, i) => (d.Id, Row: Outcome(d, results[i], now))).GroupBy(x => x.Row, x => x.Id).ToList();
        using var turn = await gate.EnterAsync(CancellationToken.None);
        await db.InDeferredTransactionAsync(async () =>
        {
            foreach (var group in groups) await RecordGroupAsync(db, group.Key, group.ToList(), until);
            return groups.Count;
        }, CancellationToken.None);
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

    private Recorded Outcome(Claimed delivery, WhatsAppInboundProcessor.Result result, DateTimeOffset now)
    {
        if (result.Outcome is { } outcome)
            return new Recorded(outcome.Status, outcome.OrganizationId, outcome.Kinds, outcome.Messages, outcome.Statuses,
                outcome.Error is { Length: > 2000 } e ? e[..2000] : outcome.Error, now, null);
        var error = result.Error!;
        var attempts = delivery.Attempts + 1;
        logger.LogWarning(error, "Webhook delivery {Id} failed (attempt {Attempt})", delivery.Id, attempts);
        var message = error.GetBaseException().Message;
        return new Recorded(WebhookDeliveryStatus.FAILED, null, null, 0, 0, message.Length > 2000 ? message[..2000] : message, null,
            attempts >= options.Value.MaxProcessingAttempts ? null : now + TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, attempts))));
    }
}
