namespace InboxApp.Core.Messaging;

/// <summary>What <see cref="MediaDownloader"/> asks a channel for: one inbound media id of a number's account, at most <see cref="MaxBytes"/> long.</summary>
public sealed record MediaFetchRequest(Guid OrganizationId, string MediaId, string? AccessTokenProtected, long MaxBytes);

/// <summary>The answer of a channel to a <see cref="MediaFetchRequest"/>.</summary>
public abstract record MediaFetchResult
{
    /// <summary>The file, with the content type the channel gave (null: the one the webhook announced holds).</summary>
    public sealed record Fetched(byte[] Content, string? MimeType) : MediaFetchResult;

    /// <summary>Larger than the limit: final.</summary>
    public sealed record TooLarge : MediaFetchResult;

    /// <summary>The channel could not give the file; <see cref="Final"/> when asking again cannot help.</summary>
    public sealed record Failed(string Reason, bool Final) : MediaFetchResult;
}

/// <summary>
/// A port owned by Messaging, implemented by each channel (the Cloud API downloads from Meta, the sandbox reads its spool):
/// where the media of an inbound message comes from.
/// </summary>
public interface IChannelMediaSource
{
    PhoneNumberKind Kind { get; }

    Task<MediaFetchResult> FetchAsync(MediaFetchRequest request, CancellationToken ct);

    /// <summary>The fetched file is stored with its message: a channel that kept a copy may drop it.</summary>
    void Stored(Guid organizationId, string mediaId);
}

/// <summary>Picks the media source for a number's kind.</summary>
public sealed class ChannelMediaSources(IEnumerable<IChannelMediaSource> sources)
{
    private readonly Dictionary<PhoneNumberKind, IChannelMediaSource> byKind = sources.ToDictionary(s => s.Kind);

    public IChannelMediaSource For(PhoneNumberKind kind) =>
        byKind.TryGetValue(kind, out var source) ? source : throw new InvalidOperationException($"No media source for {kind} numbers");
}

/// <summary>
/// A port owned by Messaging, implemented in <c>Channels/Accounts</c>: tells an account's admins that the channel refused
/// its credentials while sending or marking read (a TOKEN alert, not duplicated while one is open).
/// </summary>
public interface IChannelAccountAlerts
{
    Task TokenRefusedAsync(Guid organizationId, Guid accountId, string accountAlias, string reason, CancellationToken ct);
}
