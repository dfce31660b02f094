using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Messaging;

/// <summary>
/// Inbound media downloads (<c>InboundMedia</c> section): size limits per kind (Meta's documented limits by default), the
/// retry schedule, and how long a media id lives (7 days at Meta).
/// </summary>
public sealed class MediaDownloadOptions
{
    public const string SectionName = "InboundMedia";

    private const long MB = 1024 * 1024;
    private const long MaxLimit = 2L * 1024 * MB;

    /// <summary>False stops the background downloader (messages keep their media PENDING).</summary>
    public bool Enabled { get; set; } = true;

    [Range(1024, MaxLimit)] public long MaxImageBytes { get; set; } = 5 * MB;
    [Range(1024, MaxLimit)] public long MaxVideoBytes { get; set; } = 16 * MB;
    [Range(1024, MaxLimit)] public long MaxAudioBytes { get; set; } = 16 * MB;
    [Range(1024, MaxLimit)] public long MaxDocumentBytes { get; set; } = 100 * MB;
    [Range(1024, MaxLimit)] public long MaxStickerBytes { get; set; } = 500 * 1024;

    /// <summary>Meta keeps inbound media for this many days after the message; after that the id cannot be downloaded.</summary>
    [Range(1, 30)] public int MediaIdLifetimeDays { get; set; } = 7;

    /// <summary>Delay before the first retry; doubled on every further failure up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(1, 3600)] public int FirstRetryDelaySeconds { get; set; } = 30;

    [Range(1, 86400)] public int MaxRetryDelaySeconds { get; set; } = 6 * 3600;

    /// <summary>How often the downloader looks for due work when nothing wakes it.</summary>
    [Range(1, 3600)] public int PollSeconds { get; set; } = 30;

    /// <summary>Downloads running at once.</summary>
    [Range(1, 32)] public int Concurrency { get; set; } = 4;

    public long MaxBytesFor(MessageType type) => type switch
    {
        MessageType.IMAGE => MaxImageBytes,
        MessageType.VIDEO => MaxVideoBytes,
        MessageType.AUDIO => MaxAudioBytes,
        MessageType.STICKER => MaxStickerBytes,
        _ => MaxDocumentBytes,
    };
}
