using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>
/// An error answered by Meta's Graph API: <c>{ "error": { "message", "type", "code", "error_subcode", "error_data": { "details" }, "fbtrace_id" } }</c>.
/// <see cref="Code"/> is 0 when the failure was not a Graph error (network, timeout, unreadable answer).
/// </summary>
public sealed class GraphApiException(int httpStatus, int code, int? subcode, string message, string? type, string? details, string? traceId, Exception? inner = null)
    : ChannelException(message, inner)
{
    public override int HttpStatus { get; } = httpStatus;
    public int Code { get; } = code;
    public int? Subcode { get; } = subcode;
    public string? Type { get; } = type;
    public override string? Details { get; } = details;
    public string? TraceId { get; } = traceId;

    public const int WindowClosed = 131047;
    public const int Throughput = 130429;
    public const int PairRateLimit = 131056;
    /// <summary>Stored as <see cref="ChannelException.MarketingCapCode"/>.</summary>
    public const int MarketingCap = 131049;
    public const int MediaError = 131053;
    public const int ExpiredToken = 190;

    public override bool IsTokenProblem => Code == ExpiredToken || HttpStatus == 401;
    public override bool IsThroughputLimit => Code == Throughput;
    public override bool IsPairRateLimit => Code == PairRateLimit;
    public override string ErrorCode => GraphErrorTitles.CodeOf(this);
    public override string Title => GraphErrorTitles.For(Code, Message);
}
