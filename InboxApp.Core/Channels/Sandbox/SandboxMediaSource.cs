using InboxApp.Core.Messaging;
using InboxApp.Core.Storage;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>
/// Inbound media of sandbox numbers. The sandbox plays Meta's media store: a simulated customer's file waits in the sandbox
/// spool under its media id, and is dropped from there once the downloader stored it with its message.
/// </summary>
public sealed class SandboxMediaSource(MediaStore store) : IChannelMediaSource
{
    public PhoneNumberKind Kind => PhoneNumberKind.SANDBOX;

    public async Task<MediaFetchResult> FetchAsync(MediaFetchRequest request, CancellationToken ct)
    {
        if (await store.ReadSandboxMediaAsync(request.OrganizationId, request.MediaId, ct) is not { } spooled)
            return new MediaFetchResult.Failed("Sandbox numbers have no media stored at WhatsApp to download", Final: true);
        return spooled.LongLength > request.MaxBytes ? new MediaFetchResult.TooLarge() : new MediaFetchResult.Fetched(spooled, null);
    }

    public void Stored(Guid organizationId, string mediaId) => store.DeleteSandboxMedia(organizationId, mediaId);
}
