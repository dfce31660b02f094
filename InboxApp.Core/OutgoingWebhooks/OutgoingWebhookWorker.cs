using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>
/// Sends delivery rows on the shared leased-queue loop (<see cref="LeasedQueueWorker"/>). A row is due when it is PENDING,
/// its time has come, its endpoint is active, and no earlier row of the same endpoint and order key (conversation, number)
/// is still open: a later event of a conversation waits while an earlier one waits for its retry. Failed attempts are
/// retried after <c>RetryBaseDelay</c> × 2^(attempts − 1) (at most <c>MaxRetryDelay</c>) until <c>GiveUpAt</c>, then FAILED.
/// A run of <c>DisableAfterConsecutiveFailures</c> failed attempts turns the endpoint off and alerts the organization's admins.
/// </summary>
public sealed class OutgoingWebhookWorker(InboxDb inboxDb, OutgoingWebhookSender sender, OutgoingWebhookSecrets secrets,
    OutgoingWebhookWorkSignal signal, TimeProvider clock, IOptions<OutgoingWebhookOptions> options, ILogger<OutgoingWebhookWorker> logger)
    : LeasedQueueWorker(signal, clock, logger)
{
    private const int Parallelism = 16;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.WorkerEnabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    private DateTimeOffset nextCleanup;

    public override async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        await using var db = inboxDb.System();
        var deliveries = db.Set<OutgoingWebhookDelivery>();
        var webhooks = db.Set<OutgoingWebhook>();
        if (now >= nextCleanup)
        {
            // The delivery log is kept for KeepDeliveries; finished rows older than that go (hourly, on each node: harmless).
            nextCleanup = now + TimeSpan.FromHours(1);
            var before = now - options.Value.KeepDeliveries;
            await deliveries.Where(d => d.CreatedAt < before
                    && (d.Status == OutgoingWebhookDeliveryStatus.DELIVERED || d.Status == OutgoingWebhookDeliveryStatus.FAILED))
                .ExecuteDeleteAsync(ct);
        }
        var ids = await deliveries
            .Where(d => d.Status == OutgoingWebhookDeliveryStatus.PENDING && d.NextAttemptAt <= now
                && webhooks.Any(w => w.Id == d.WebhookId && w.IsActive)
                && !(d.OrderKey != null && deliveries.Any(o => o.WebhookId == d.WebhookId && o.OrderKey == d.OrderKey && o.CreatedAt < d.CreatedAt
                    && (o.Status == OutgoingWebhookDeliveryStatus.PENDING || o.Status == OutgoingWebhookDeliveryStatus.PROCESSING))))
            .OrderBy(d => d.CreatedAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (ids.Count < BatchSize && SweepDue(now))
            ids.AddRange(await deliveries.Where(d => d.Status == OutgoingWebhookDeliveryStatus.PROCESSING && d.ClaimedUntil < now)
                .Select(d => d.Id).Take(BatchSize - ids.Count).ToListAsync(ct));
        if (ids.Count == 0) return 0;

        var until = now + Lease;
        await deliveries
            .Where(d => ids.Contains(d.Id) && ((d.Status == OutgoingWebhookDeliveryStatus.PENDING && d.NextAttemptAt <= now)
                || (d.Status == OutgoingWebhookDeliveryStatus.PROCESSING && d.ClaimedUntil < now)))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, OutgoingWebhookDeliveryStatus.PROCESSING).SetProperty(d => d.ClaimedUntil, until), ct);
        await SendClaimedAsync(db, ids, until, ct);
        return ids.Count;
    }

    /// <summary>Sends the rows of <paramref name="ids"/> claimed until <paramref name="until"/> and records each outcome.</summary>
    public async Task SendClaimedAsync(InboxDbContext db, IReadOnlyCollection<Guid> ids, DateTimeOffset until, CancellationToken ct)
    {
        var rows = await db.Set<OutgoingWebhookDelivery>().AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.Status == OutgoingWebhookDeliveryStatus.PROCESSING && d.ClaimedUntil == until)
            .OrderBy(d => d.CreatedAt).ToListAsync(ct);
        if (rows.Count == 0) return;
        var hookIds = rows.Select(r => r.WebhookId).Distinct().ToList();
        var hooks = await db.Set<OutgoingWebhook>().AsNoTracking().Where(w => hookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var results = new (OutgoingWebhookDelivery Row, WebhookAttemptResult Result)[rows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (i, token) =>
            {
                var row = rows[i];
                var hook = hooks[row.WebhookId];
                var result = await sender.SendAsync(hook.Url, row.Id, row.Payload, secrets.SigningSecrets(hook, Clock.GetUtcNow()), Clock.GetUtcNow(), token);
                results[i] = (row, result);
            });
        await RecordAsync(db, results, until);
    }

    private async Task RecordAsync(InboxDbContext db, (OutgoingWebhookDelivery Row, WebhookAttemptResult Result)[] results, DateTimeOffset until)
    {
        var now = Clock.GetUtcNow();
        var o = options.Value;
        var deliveries = db.Set<OutgoingWebhookDelivery>();
        var webhooks = db.Set<OutgoingWebhook>();
        foreach (var (row, result) in results)
        {
            var attempts = row.Attempts + 1;
            var excerpt = result.ResponseExcerpt;
            if (result.Success)
            {
                await deliveries.Where(d => d.Id == row.Id && d.ClaimedUntil == until).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, OutgoingWebhookDeliveryStatus.DELIVERED)
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.LastAttemptAt, now)
                    .SetProperty(d => d.DeliveredAt, now)
                    .SetProperty(d => d.ResponseStatus, result.StatusCode)
                    .SetProperty(d => d.LatencyMs, result.LatencyMs)
                    .SetProperty(d => d.ResponseExcerpt, excerpt)
                    .SetProperty(d => d.LastError, (string?)null)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
                await webhooks.Where(w => w.Id == row.WebhookId && w.ConsecutiveFailures != 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.ConsecutiveFailures, 0), CancellationToken.None);
                continue;
            }
            var delay = o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
            var next = now + TimeSpan.FromMilliseconds(Math.Min(o.MaxRetryDelay.TotalMilliseconds, delay));
            var status = next > row.GiveUpAt ? OutgoingWebhookDeliveryStatus.FAILED : OutgoingWebhookDeliveryStatus.PENDING;
            var error = result.Error;
            logger.LogInformation("Webhook delivery {Id} to {Webhook} failed (attempt {Attempt}): {Error}", row.Id, row.WebhookId, attempts, error);
            await deliveries.Where(d => d.Id == row.Id && d.ClaimedUntil == until).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.ResponseStatus, result.StatusCode)
                .SetProperty(d => d.LatencyMs, result.LatencyMs)
                .SetProperty(d => d.ResponseExcerpt, excerpt)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            await webhooks.Where(w => w.Id == row.WebhookId)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.ConsecutiveFailures, w => w.ConsecutiveFailures + 1), CancellationToken.None);
        }
        if (results.Any(r => !r.Result.Success)) await DisableFailingAsync(results.Select(r => r.Row.WebhookId).Distinct().ToList(), now);
    }

    /// <summary>Turns off the endpoints whose failures reached the limit and tells their organization's admins (a channel alert).</summary>
    private async Task DisableFailingAsync(List<Guid> webhookIds, DateTimeOffset now)
    {
        var limit = options.Value.DisableAfterConsecutiveFailures;
        await using var system = inboxDb.System();
        var failing = await system.Set<OutgoingWebhook>().AsNoTracking()
            .Where(w => webhookIds.Contains(w.Id) && w.IsActive && w.ConsecutiveFailures >= limit).Select(w => new { w.Id, w.OrganizationId, w.Url })
            .ToListAsync(CancellationToken.None);
        foreach (var hook in failing)
        {
            await using var db = inboxDb.For(hook.OrganizationId);
            var webhook = await db.Set<OutgoingWebhook>().FirstOrDefaultAsync(w => w.Id == hook.Id && w.IsActive, CancellationToken.None);
            if (webhook is null) continue;
            webhook.IsActive = false;
            webhook.DisabledAt = now;
            webhook.DisabledReason = $"Turned off after {webhook.ConsecutiveFailures} failed deliveries in a row";
            webhook.UpdatedAt = now;
            await ChannelAlertService.AddAsync(db, new ChannelAlert
            {
                OrganizationId = hook.OrganizationId,
                Kind = ChannelAlertKind.WEBHOOK,
                Severity = ChannelAlertSeverity.CRITICAL,
                Title = "A partner webhook was turned off",
                Details = Cut($"{webhook.Url} failed {webhook.ConsecutiveFailures} deliveries in a row and receives no events until an admin turns it on again in Settings › Webhooks.", ChannelAlert.MaxDetailsLength),
                CreatedAt = now,
            }, CancellationToken.None);
            db.InterestChanged<OutgoingWebhookFanOut>(); // no more rows for events only this endpoint wanted
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning("Outgoing webhook {Id} of {Org} turned off after {Failures} failures", hook.Id, hook.OrganizationId, webhook.ConsecutiveFailures);
        }
    }

    private static string Cut(string s, int max) => s.Length > max ? s[..max] : s;
}
