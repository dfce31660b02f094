using System.Threading.Channels;
using InboxApp.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Webhooks;

/// <summary>
/// Durable acknowledgement with group commit: deliveries that arrive together are written in one transaction, and each
/// request is answered once its batch is committed. One writer also keeps SQLite free of lock contention. On SQLite the
/// deliveries go to their own file (<see cref="SqliteWebhookSpool"/>), so a commit here never waits for message processing.
/// </summary>
public sealed class WebhookIngestor(InboxDb inboxDb, TimeProvider clock, WebhookWorkSignal signal, WebhookWriteGate gate, ILogger<WebhookIngestor> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    private sealed record Pending(WebhookDelivery Delivery, TaskCompletionSource Stored);

    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000) { SingleReader = true });

    /// <summary>Stores the payload durably; completes when it is committed.</summary>
    public async Task<Guid> StoreAsync(string payload, CancellationToken ct)
    {
        var pending = new Pending(new WebhookDelivery { Payload = payload, ReceivedAt = clock.GetUtcNow() },
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, ct);
        await pending.Stored.Task.WaitAsync(ct);
        return pending.Delivery.Id;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item)) batch.Add(item);
                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            foreach (var p in batch) p.Stored.TrySetCanceled(stoppingToken);
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken ct)
    {
        try
        {
            await using var db = inboxDb.System();
            db.WebhookDeliveries.AddRange(batch.Select(p => p.Delivery));
            using (await gate.EnterAsync(ct)) await db.SaveChangesDeferredAsync(ct, SqliteWriteTarget.WebhookSpool);
            foreach (var p in batch) p.Stored.TrySetResult();
            signal.Notify();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not store {Count} webhook deliveries", batch.Count);
            foreach (var p in batch) p.Stored.TrySetException(e);
        }
    }
}

/// <summary>Wakes the webhook worker as soon as new deliveries are stored (it also polls).</summary>
public sealed class WebhookWorkSignal : Common.WorkSignal;
