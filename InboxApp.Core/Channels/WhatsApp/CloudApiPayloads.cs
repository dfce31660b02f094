using System.Text.Json.Nodes;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>Cloud API send payloads around a message's content (<see cref="MessageContentJson"/>). Every one carries our
/// message id as <c>biz_opaque_callback_data</c>: status webhooks find the message by it when the send's response (and so
/// the wamid) was lost.</summary>
public static class CloudApiPayloads
{
    /// <summary>The send request of one outbound message.</summary>
    public static JsonObject For(OutboundSend send) => Envelope(send.To, send.Content, send.ContextWaMessageId, send.MessageId);

    /// <summary>
    /// The whole send payload around a type's <paramref name="content"/> (<c>{"type": t, t: {…}}</c>): product, recipient,
    /// the quoted message (<c>context</c>) and our message id as callback data.
    /// </summary>
    public static JsonObject Envelope(string to, JsonObject content, string? contextWaMessageId, Guid messageId)
    {
        var payload = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = to,
        };
        foreach (var (key, value) in content) payload[key] = value?.DeepClone();
        payload["biz_opaque_callback_data"] = messageId.ToString();
        if (contextWaMessageId is not null) payload["context"] = new JsonObject { ["message_id"] = contextWaMessageId };
        return payload;
    }
}
