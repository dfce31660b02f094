namespace InboxApp.Core.Messaging;

/// <summary>
/// A channel refused or could not complete a request (a send, an upload, a read receipt, a media download). Owned by
/// Messaging so that the sender, the dispatcher and the downloader decide without knowing the channel; each channel
/// throws its own subclass (the Cloud API's is <c>Channels.WhatsApp.GraphApiException</c>, which the sandbox throws too).
/// </summary>
public abstract class ChannelException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The stored error code of a refusal under Meta's per-user marketing cap (131049): such a message may be retried only
    /// after growing intervals. Kept on the message as the channel's <see cref="ErrorCode"/>.
    /// </summary>
    public const string MarketingCapCode = "131049";

    /// <summary>The HTTP status the channel answered (0 when none).</summary>
    public abstract int HttpStatus { get; }

    /// <summary>Further details the channel gave (shown to agents beside the title).</summary>
    public abstract string? Details { get; }

    /// <summary>The request may or may not have reached the channel (timeout, connection lost): never resend blindly.</summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>The code stored on a failed message (the channel's code; an HTTP status or <c>NETWORK</c> without one).</summary>
    public abstract string ErrorCode { get; }

    /// <summary>The title agents see for this failure.</summary>
    public abstract string Title { get; }

    /// <summary>The account's credentials were refused: the admins get a TOKEN alert.</summary>
    public abstract bool IsTokenProblem { get; }

    /// <summary>The number sends too fast (the channel throttled it): retried with exponential back-off.</summary>
    public abstract bool IsThroughputLimit { get; }

    /// <summary>Too many messages to this one recipient: retried after the pacing delay.</summary>
    public abstract bool IsPairRateLimit { get; }
}
