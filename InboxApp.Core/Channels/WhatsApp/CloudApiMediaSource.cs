using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>Inbound media of Cloud API numbers: downloaded from Meta with the account's decrypted business token.</summary>
public sealed class CloudApiMediaSource(WhatsAppGraphClient graph, ChannelSecrets tokens) : IChannelMediaSource
{
    public PhoneNumberKind Kind => PhoneNumberKind.CLOUD_API;

    public async Task<MediaFetchResult> FetchAsync(MediaFetchRequest request, CancellationToken ct)
    {
        var token = tokens.UnprotectToken(request.AccessTokenProtected);
        if (token is null) return new MediaFetchResult.Failed("The WhatsApp account has no usable access token; update it to download media", Final: false);
        try
        {
            var (content, mimeType) = await graph.DownloadMediaAsync(request.MediaId, token, request.MaxBytes, ct);
            return new MediaFetchResult.Fetched(content, mimeType);
        }
        catch (GraphApiException e) when (e.HttpStatus == 413)
        {
            return new MediaFetchResult.TooLarge();
        }
        catch (Exception e) when (e is GraphApiException or HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var reason = e is GraphApiException g && g.Code != 0 ? $"WhatsApp refused the download: {g.Message} (code {g.Code})"
                : e is GraphApiException ? "WhatsApp refused the download: " + e.Message
                : e is OperationCanceledException ? "The download timed out" : "The download failed: " + e.Message;
            return new MediaFetchResult.Failed(reason, Final: false);
        }
    }

    /// <summary>Meta keeps its copy until the media id expires; nothing to drop here.</summary>
    public void Stored(Guid organizationId, string mediaId) { }
}
