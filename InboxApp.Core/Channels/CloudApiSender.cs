using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Channels.WhatsApp;

namespace InboxApp.Core.Channels;

/// <summary>Sends through Meta's Cloud API with the account's decrypted business token.</summary>
public sealed class CloudApiSender(WhatsAppGraphClient graph, ChannelSecrets tokens) : IChannelSender
{
    public PhoneNumberKind Kind => PhoneNumberKind.CLOUD_API;

    public Task<string> SendAsync(OutboundSend send, CancellationToken ct)
    {
        var token = tokens.UnprotectToken(send.Account.AccessTokenProtected)
            ?? throw new GraphApiException(401, GraphApiException.ExpiredToken, null, "The account has no usable access token", "OAuthException",
                "The WhatsApp account's access token is missing or could not be decrypted; update the token in the account settings.", null);
        return graph.SendMessageAsync(send.Number.MetaPhoneNumberId, token, send.Payload, ct);
    }
}
