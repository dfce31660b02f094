namespace InboxApp.Core.Messaging;

/// <summary>
/// Wakes the media downloader when a received message has media to fetch. In-process is enough: the message's
/// <c>MediaStatus = PENDING</c> is the durable record, and the downloader also polls for it.
/// </summary>
public sealed class MediaDownloadWakeup(MediaDownloadSignal signal) : IInProcessListener<MessageReceived>
{
    public Task HandleAsync(MessageReceived e, CancellationToken ct)
    {
        if (e.HasMedia) signal.Notify();
        return Task.CompletedTask;
    }
}
