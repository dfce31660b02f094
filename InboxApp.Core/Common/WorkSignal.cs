namespace InboxApp.Core.Common;

/// <summary>Wakes a queue worker as soon as new work is stored (the worker also polls, so a lost signal only delays).</summary>
public class WorkSignal
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
