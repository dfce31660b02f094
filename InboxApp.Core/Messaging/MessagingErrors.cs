namespace InboxApp.Core.Messaging;

/// <summary>Error codes of outbound messaging in the API envelope.</summary>
public static class MessagingErrors
{
    /// <summary>A free-form message outside the 24-hour customer-service window (refused before calling Meta).</summary>
    public const string WindowClosed = "WINDOW_CLOSED";
    /// <summary>The conversation's number is inactive or its account disconnected.</summary>
    public const string ChannelUnavailable = "CHANNEL_UNAVAILABLE";
    /// <summary>The message is not in a state that can be retried or discarded.</summary>
    public const string NotRetryable = "NOT_RETRYABLE";
    /// <summary>Meta's per-user marketing cap (131049): retry only after growing intervals (12 h, 24 h, 48 h).</summary>
    public const string RetryTooSoon = "RETRY_TOO_SOON";
}
