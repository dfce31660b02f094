using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Messaging;

/// <summary>Outbound sending: retries of Meta's rate-limit errors and the per-recipient pacing guard.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Attempts of one send when Meta answers 130429 (throughput) or 131056 (pair rate), the first included.</summary>
    [Range(1, 10)]
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>First wait after a 130429; doubled after each further one.</summary>
    [Range(0, 60_000)]
    public int ThroughputBackoffMs { get; set; } = 1000;

    /// <summary>Wait after a 131056 before sending to the same user again (Meta: about one message per 6 s per user).</summary>
    [Range(0, 60_000)]
    public int PairRateRetryMs { get; set; } = 6000;

    /// <summary>Pacing guard: one message per this interval to the same user, after a burst of <see cref="RecipientBurst"/>.</summary>
    [Range(1, 600_000)]
    public int RecipientIntervalMs { get; set; } = 6000;

    /// <summary>Messages that may go to one user at once before the pacing guard delays (Meta tolerates short bursts).</summary>
    [Range(1, 45)]
    public int RecipientBurst { get; set; } = 10;

    /// <summary>A PENDING message with no wamid older than this is listed as stuck among the failed messages.</summary>
    [Range(1, 24 * 60)]
    public int StuckPendingMinutes { get; set; } = 5;

    /// <summary>Outbound media limits, WhatsApp's by default (images 5 MB, video and audio 16 MB, documents 100 MB, stickers 500 KB).</summary>
    [Range(1, 5L * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    [Range(1, 16L * 1024 * 1024)]
    public long MaxVideoBytes { get; set; } = 16 * 1024 * 1024;

    [Range(1, 16L * 1024 * 1024)]
    public long MaxAudioBytes { get; set; } = 16 * 1024 * 1024;

    [Range(1, 100L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Animated stickers may be 500 KB (static ones 100 KB).</summary>
    [Range(1, 500L * 1024)]
    public long MaxStickerBytes { get; set; } = 500 * 1024;

    public long MaxBytesFor(MessageType kind) => kind switch
    {
        MessageType.IMAGE => MaxImageBytes,
        MessageType.VIDEO => MaxVideoBytes,
        MessageType.AUDIO => MaxAudioBytes,
        MessageType.STICKER => MaxStickerBytes,
        _ => MaxDocumentBytes,
    };

    /// <summary>The largest file of any kind: the request body limit of upload endpoints.</summary>
    public long MaxAnyBytes => new[] { MaxImageBytes, MaxVideoBytes, MaxAudioBytes, MaxDocumentBytes, MaxStickerBytes }.Max();
}
