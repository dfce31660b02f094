namespace InboxApp.Core.Messaging;

/// <summary>
/// Wakes the media downloader when a message has media to fetch: a received message with media, and any message whose
/// media became PENDING otherwise (a message sent from the WhatsApp Business app with media, a stand-in completed by its
/// late original, a retry). In-process is enough: the message's <c>MediaStatus = PENDING</c> is the durable record, and
/// the downloader also polls for it.
/// </summary>
public sealed class MediaDownloadWakeup(MediaDownloadSignal signal) : IInProcessListener<MessageReceived>, IInProcessListener<MessageMediaChanged>
{
    public Task HandleAsync(MessageReceived e, CancellationToken ct)
    {
        if (e.HasMedia) signal.Notify();
        return Task.CompletedTask;
    }

    public Task HandleAsync(MessageMediaChanged e, CancellationToken ct)
    {
        if (e.MediaStatus == MediaStatus.PENDING) signal.Notify();
        return Task.CompletedTask;
    }
}
