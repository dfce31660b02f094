namespace InboxApp.Core.Messaging;

/// <summary>Wakes the media downloader when messages with media are stored or a retry is asked for (it also polls).</summary>
public sealed class MediaDownloadSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        if (semaphore.CurrentCount == 0)
        {
            try { semaphore.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);
}
