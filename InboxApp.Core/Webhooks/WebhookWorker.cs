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

    /// <summary>Claims and processes one batch; returns how many deliveries it handled.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> ids;
        await using (var db = inboxDb.System())
        {
            ids = await Due(db, now).OrderBy(d => d.ReceivedAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0) return 0;
            var until = now + Lease;
            await Due(db, now).Where(d => ids.Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.PROCESSING).SetProperty(d => d.ClaimedUntil, until), ct);
            ids = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.Status == WebhookDeliveryStatus.PROCESSING && d.ClaimedUntil == until)
                .OrderBy(d => d.ReceivedAt).Select(d => d.Id).ToListAsync(ct);
        }
        foreach (var id in ids) await ProcessOneAsync(id, ct);
        return ids.Count;
    }

    private static IQueryable<WebhookDelivery> Due(InboxDbContext db, DateTimeOffset now) =>
        db.WebhookDeliveries.Where(d =>
            d.Status == WebhookDeliveryStatus.PENDING
            || (d.Status == WebhookDeliveryStatus.FAILED && d.NextAttemptAt != null && d.NextAttemptAt <= now)
            || (d.Status == WebhookDeliveryStatus.PROCESSING && d.ClaimedUntil < now));

    private async Task ProcessOneAsync(Guid id, CancellationToken ct)
    {
        await using var db = inboxDb.System();
        var delivery = await db.WebhookDeliveries.FirstAsync(d => d.Id == id, ct);
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        try
        {
            var outcome = await processor.ProcessAsync(delivery.Payload, ct);
            delivery.Status = outcome.Status;
            delivery.OrganizationId = outcome.OrganizationId ?? delivery.OrganizationId;
            delivery.Kinds = outcome.Kinds;
            delivery.MessageCount = outcome.Messages;
            delivery.StatusCount = outcome.Statuses;
            delivery.Error = outcome.Error is { Length: > 2000 } e ? e[..2000] : outcome.Error;
            delivery.ProcessedAt = now;
            delivery.NextAttemptAt = null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Webhook delivery {Id} failed (attempt {Attempt})", id, delivery.Attempts);
            delivery.Status = WebhookDeliveryStatus.FAILED;
            delivery.Error = (e.GetBaseException().Message is { Length: > 2000 } m ? m[..2000] : e.GetBaseException().Message);
            delivery.NextAttemptAt = delivery.Attempts >= options.Value.MaxProcessingAttempts
                ? null
                : now + TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, delivery.Attempts)));
        }
        delivery.ClaimedUntil = null;
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
