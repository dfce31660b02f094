using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

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
