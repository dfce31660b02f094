using InboxApp.Core.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>
/// Plays the part of Meta's status webhooks for sandbox numbers: synthetic deliveries are stored through the
/// <see cref="WebhookIngestor"/> when due, so they travel the same pipeline as real ones. Pending ones live in memory:
/// after a restart a sandbox message simply stays at its last status.
/// </summary>
public sealed class SandboxStatusScheduler(WebhookIngestor ingestor, TimeProvider clock, ILogger<SandboxStatusScheduler> logger) : BackgroundService
{
    private readonly PriorityQueue<string, DateTimeOffset> queue = new();
    private readonly Lock gate = new();
    private readonly SemaphoreSlim wake = new(0, int.MaxValue);

    /// <summary>Stores <paramref name="payload"/> as a webhook delivery at <paramref name="due"/>.</summary>
    public void Schedule(DateTimeOffset due, string payload)
    {
        lock (gate) queue.Enqueue(payload, due);
        wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            string? payload = null;
            TimeSpan? wait = null;
            lock (gate)
            {
                if (queue.TryPeek(out var next, out var due))
                {
                    var now = clock.GetUtcNow();
                    if (due <= now) payload = queue.Dequeue();
                    else wait = due - now;
                }
            }
            try
            {
                if (payload is not null)
                {
                    await ingestor.StoreAsync(payload, stoppingToken);
                    continue;
                }
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = wait is { } w ? Task.Delay(w, clock, cts.Token) : Task.Delay(Timeout.Infinite, cts.Token);
                await Task.WhenAny(wake.WaitAsync(cts.Token), delay);
                await cts.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not store a sandbox status delivery");
            }
        }
    }
}
