using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>Messaging's <see cref="IChannelSender"/> for Cloud API numbers: sends through Meta's Cloud API with the account's decrypted business token.</summary>
public sealed class CloudApiSender(WhatsAppGraphClient graph, ChannelSecrets tokens) : IChannelSender
{
    public PhoneNumberKind Kind => PhoneNumberKind.CLOUD_API;

    public Task<string> SendAsync(OutboundSend send, CancellationToken ct) =>
        graph.SendMessageAsync(send.Number.MetaPhoneNumberId, TokenOf(send.Account), CloudApiPayloads.For(send), ct);

    public Task<string> UploadMediaAsync(PhoneNumber number, WhatsAppAccount account, byte[] content, string mimeType, string fileName, CancellationToken ct) =>
        graph.UploadMediaAsync(number.MetaPhoneNumberId, TokenOf(account), content, mimeType, fileName, ct);

    public Task MarkReadAsync(PhoneNumber number, WhatsAppAccount account, string wamid, bool typingIndicator, CancellationToken ct) =>
        graph.MarkReadAsync(number.MetaPhoneNumberId, TokenOf(account), wamid, typingIndicator, ct);

    private string TokenOf(WhatsAppAccount account) => tokens.UnprotectToken(account.AccessTokenProtected)
        ?? throw new GraphApiException(401, GraphApiException.ExpiredToken, null, "The account has no usable access token", "OAuthException",
            "The WhatsApp account's access token is missing or could not be decrypted; update the token in the account settings.", null);
}
