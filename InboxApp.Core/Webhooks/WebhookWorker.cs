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
public sealed class WebhookWorker(InboxDb inboxDb, WhatsAppInboundProcessor processor, WebhookWorkSignal signal, TimeProvider clock,
    IOptions<WhatsAppOptions> options, ILogger<WebhookWorker> logger) : BackgroundService
{
    public const int BatchSize = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var processed = await ProcessBatchAsync(stoppingToken);
                if (processed == 0) await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
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
        if (ids.Count < BatchSize)
            ids.AddRange(await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.FAILED && d.NextAttemptAt != null && d.NextAttemptAt <= now)
                .Select(d => d.Id).Take(BatchSize - ids.Count).ToListAsync(ct));
        if (ids.Count < BatchSize)
            ids.AddRange(await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.PROCESSING && d.ClaimedUntil < now)
                .Select(d => d.Id).Take(BatchSize - ids.Count).ToListAsync(ct));
        if (ids.Count == 0) return 0;

        var until = now + Lease;
        await Due(db, now).Where(d => ids.Contains(d.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.PROCESSING).SetProperty(d => d.ClaimedUntil, until), ct);
        var deliveries = await db.WebhookDeliveries
            .Where(d => ids.Contains(d.Id) && d.Status == WebhookDeliveryStatus.PROCESSING && d.ClaimedUntil == until)
            .OrderBy(d => d.ReceivedAt).ToListAsync(ct);
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
        now = clock.GetUtcNow();
        for (var i = 0; i < deliveries.Count; i++) Record(deliveries[i], results[i], now);
        await db.SaveChangesAsync(CancellationToken.None);
        return ids.Count;
    }

    private static IQueryable<WebhookDelivery> Due(InboxDbContext db, DateTimeOffset now) =>
        db.WebhookDeliveries.Where(d =>
            d.Status == WebhookDeliveryStatus.PENDING
            || (d.Status == WebhookDeliveryStatus.FAILED && d.NextAttemptAt != null && d.NextAttemptAt <= now)
            || (d.Status == WebhookDeliveryStatus.PROCESSING && d.ClaimedUntil < now));

    private void Record(WebhookDelivery delivery, WhatsAppInboundProcessor.Result result, DateTimeOffset now)
    {
        delivery.Attempts++;
        delivery.ClaimedUntil = null;
        if (result.Outcome is { } outcome)
        {
            delivery.Status = outcome.Status;
            delivery.OrganizationId = outcome.OrganizationId ?? delivery.OrganizationId;
            delivery.Kinds = outcome.Kinds;
            delivery.MessageCount = outcome.Messages;
            delivery.StatusCount = outcome.Statuses;
            delivery.Error = outcome.Error is { Length: > 2000 } e ? e[..2000] : outcome.Error;
            delivery.ProcessedAt = now;
            delivery.NextAttemptAt = null;
            return;
        }
        var error = result.Error!;
        logger.LogWarning(error, "Webhook delivery {Id} failed (attempt {Attempt})", delivery.Id, delivery.Attempts);
        delivery.Status = WebhookDeliveryStatus.FAILED;
        delivery.Error = error.GetBaseException().Message is { Length: > 2000 } m ? m[..2000] : error.GetBaseException().Message;
        delivery.NextAttemptAt = delivery.Attempts >= options.Value.MaxProcessingAttempts
            ? null
            : now + TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, delivery.Attempts)));
    }
}
