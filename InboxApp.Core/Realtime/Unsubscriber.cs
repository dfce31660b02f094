namespace InboxApp.Core.Realtime;

/// <summary>A subscription handle that runs its removal once, however often it is disposed.</summary>
internal sealed class Unsubscriber(Action dispose) : IDisposable
{
    private int disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
    }
}
