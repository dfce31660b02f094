using System.Text.Json.Nodes;
using InboxApp.Core.Channels.WhatsApp;

namespace InboxApp.Core.Messaging;

/// <summary>Cloud API send payloads. Every one carries our message id as <c>biz_opaque_callback_data</c>: status webhooks
/// find the message by it when the send's response (and so the wamid) was lost.</summary>
public static partial class OutboundPayloads
{
    public static JsonObject Text(string to, string body, string? contextWaMessageId, Guid messageId) =>
        Envelope(to, TextContent(body), contextWaMessageId, messageId);

    /// <summary><c>{"type":"text","text":{"preview_url","body"}}</c>: a link preview whenever the text holds a link.</summary>
    public static JsonObject TextContent(string body) => Content("text", new JsonObject
    {
        ["preview_url"] = body.Contains("http://", StringComparison.OrdinalIgnoreCase) || body.Contains("https://", StringComparison.OrdinalIgnoreCase),
        ["body"] = body,
    });

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

    private static JsonObject Content(string type, JsonNode body) => new() { ["type"] = type, [type] = body };
}

/// <summary>Meta's titles for the send errors we handle, shown to agents beside the code and details.</summary>
public static class GraphErrorTitles
{
    public static string For(int code, string fallback) => code switch
    {
        GraphApiException.WindowClosed => "Re-engagement message: more than 24 hours have passed since the customer last replied",
        GraphApiException.Throughput => "Rate limit hit: too many messages from this number",
        GraphApiException.PairRateLimit => "Pair rate limit hit: too many messages to this user",
        GraphApiException.MarketingCap => "Not delivered to maintain healthy ecosystem engagement (marketing cap)",
        GraphApiException.MediaError => "Media upload error",
        GraphApiException.ExpiredToken => "Access token expired or invalid",
        131026 => "Message undeliverable",
        131000 => "Something went wrong",
        131005 => "Access denied",
        131008 => "Required parameter is missing",
        131009 => "Parameter value is not valid",
        131021 => "Recipient cannot be sender",
        131031 => "Account has been locked",
        131051 => "Unsupported message type",
        133010 => "Phone number not registered",
        _ => fallback,
    };

    /// <summary>Meta's code as stored on the message; an HTTP status when Meta gave no Graph error body.</summary>
    public static string CodeOf(GraphApiException e) => e.Code != 0 ? e.Code.ToString() : e.HttpStatus != 0 ? "HTTP_" + e.HttpStatus : "NETWORK";
}
