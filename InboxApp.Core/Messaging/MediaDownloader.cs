using System.Security.Cryptography;
using InboxApp.Core.Data;
using InboxApp.Core.Realtime;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Messaging;

/// <summary>
/// Downloads inbound media in the background: messages whose media is PENDING, and FAILED ones whose retry is due. Each
/// download is claimed first (PENDING with <see cref="Message.MediaNextAttemptAt"/> pushed out by a lease, so another node
/// or a crash gives it back), checked against the type and size limits, stored through <see cref="MediaStore"/>, and recorded.
/// A failed download keeps the message, marks the media FAILED with the reason, and is retried with exponential backoff until
/// the media id expires (then EXPIRED). Limits and type mismatches are final (retry-media can still ask again).
/// The file comes from the number's channel (<see cref="IChannelMediaSource"/>: Meta for Cloud API numbers, the spool for
/// sandbox ones).
/// </summary>
public sealed class MediaDownloader(InboxDb inboxDb, ChannelMediaSources sources, MediaStore store, MediaDownloadSignal signal,
    TimeProvider clock, IOptions<MediaDownloadOptions> options, ILogger<MediaDownloader> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    /// <summary>The last retry is scheduled at least this long before the media id expires.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    private MediaDownloadOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await RunDueAsync(stoppingToken);
                if (handled == 0) await signal.WaitAsync(await IdleDelayAsync(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Media downloader loop failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims and downloads one round of due media; returns how many it handled.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = inboxDb.System())
        {
            var take = Options.Concurrency * 4;
            due = await DuePending(db, now).OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(take).ToListAsync(ct);
            if (due.Count < take)
                due.AddRange(await DueFailed(db, now).OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(take - due.Count).ToListAsync(ct));
        }
        if (due.Count == 0) return 0;
        var handled = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Options.Concurrency, CancellationToken = ct }, async (id, token) =>
        {
            if (await TryClaimAsync(id, token))
            {
                await DownloadAsync(id, token);
                Interlocked.Increment(ref handled);
            }
        });
        return handled;
    }

    // Pending and failed downloads are read with one status each: those are partial indexes (almost every message is NONE or
    // DOWNLOADED), and a database uses a partial index only when the query names its condition as it is.
    private static IQueryable<Message> DuePending(InboxDbContext db, DateTimeOffset now) => db.Messages.Where(m =>
        m.MediaStatus == MediaStatus.PENDING && m.MediaId != null && (m.MediaNextAttemptAt == null || m.MediaNextAttemptAt <= now));

    private static IQueryable<Message> DueFailed(InboxDbContext db, DateTimeOffset now) => db.Messages.Where(m =>
        m.MediaStatus == MediaStatus.FAILED && m.MediaId != null && m.MediaNextAttemptAt != null && m.MediaNextAttemptAt <= now);

    /// <summary>Until the next retry falls due (or the poll interval, whichever is sooner).</summary>
    private async Task<TimeSpan> IdleDelayAsync(CancellationToken ct)
    {
        var poll = TimeSpan.FromSeconds(Options.PollSeconds);
        await using var db = inboxDb.System();
        var pending = await db.Messages.Where(m => m.MediaStatus == MediaStatus.PENDING && m.MediaNextAttemptAt != null)
            .OrderBy(m => m.MediaNextAttemptAt).Select(m => m.MediaNextAttemptAt).FirstOrDefaultAsync(ct);
        var failed = await db.Messages.Where(m => m.MediaStatus == MediaStatus.FAILED && m.MediaNextAttemptAt != null)
            .OrderBy(m => m.MediaNextAttemptAt).Select(m => m.MediaNextAttemptAt).FirstOrDefaultAsync(ct);
        var next = pending is null ? failed : failed is null || pending < failed ? pending : failed;
        if (next is null) return poll;
        var wait = next.Value - clock.GetUtcNow();
        return wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait < poll ? wait : poll;
    }

    private async Task<bool> TryClaimAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + Lease;
        await using var db = inboxDb.System();
        return await Claim(DuePending(db, now)) || await Claim(DueFailed(db, now));

        async Task<bool> Claim(IQueryable<Message> due) => await due.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.MediaStatus, MediaStatus.PENDING).SetProperty(m => m.MediaNextAttemptAt, until), ct) == 1;
    }

    private sealed record Work(Guid Id, Guid OrganizationId, Guid ConversationId, MessageType Type, string MediaId, string? MimeType, string? Sha256,
        DateTimeOffset Timestamp, int Attempts, string? TokenProtected, PhoneNumberKind Kind);

    private async Task DownloadAsync(Guid id, CancellationToken ct)
    {
        Work? work;
        await using (var db = inboxDb.System())
        {
            work = await (from m in db.Messages
                          join c in db.Conversations on m.ConversationId equals c.Id
                          join p in db.PhoneNumbers on c.PhoneNumberId equals p.Id
                          join a in db.WhatsAppAccounts on p.AccountId equals a.Id
                          where m.Id == id
                          select new Work(m.Id, m.OrganizationId, m.ConversationId, m.Type, m.MediaId!, m.MimeType, m.MediaSha256, m.Timestamp,
                              m.MediaAttempts, a.AccessTokenProtected, a.IsSandbox ? PhoneNumberKind.SANDBOX : p.Kind))
                .FirstOrDefaultAsync(ct);
        }
        if (work is null) return;
        var expiresAt = work.Timestamp.AddDays(Options.MediaIdLifetimeDays);
        try
        {
            await DownloadAsync(work, expiresAt, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: give the claim back, so the next start downloads it at once instead of after the lease.
            await using var db = inboxDb.System();
            await db.Messages.Where(m => m.Id == work.Id && m.MediaStatus == MediaStatus.PENDING && m.MediaAttempts == work.Attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.MediaNextAttemptAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            // Anything the fetch results do not cover (the disk, the database, a bug): a failure retried with backoff like
            // any other, not a claim that holds the download for the whole lease. The details go to the log, not to agents.
            logger.LogError(e, "Downloading the media of message {Id} failed", work.Id);
            await FailAsync(work, expiresAt, $"The download failed on the server ({e.GetType().Name})", CancellationToken.None);
        }
    }

    private async Task DownloadAsync(Work work, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now >= expiresAt)
        {
            await RecordAsync(work, MediaStatus.EXPIRED, null, $"The media id expired before it could be downloaded (WhatsApp keeps media for {Options.MediaIdLifetimeDays} days)", null, ct);
            return;
        }
        var limit = Options.MaxBytesFor(work.Type);
        var source = sources.For(work.Kind);
        byte[] content;
        string? mimeType;
        switch (await source.FetchAsync(new MediaFetchRequest(work.OrganizationId, work.MediaId, work.TokenProtected, limit), ct))
        {
            case MediaFetchResult.Fetched fetched:
                (content, mimeType) = (fetched.Content, fetched.MimeType);
                break;
            case MediaFetchResult.TooLarge:
                await RecordAsync(work, MediaStatus.FAILED, null,
                    $"The {MediaTypes.Noun(work.Type)} is larger than the {MediaStore.Describe(limit)} limit for {MediaTypes.Plural(work.Type)}", null, ct);
                return;
            case MediaFetchResult.Failed { Final: true } final:
                await RecordAsync(work, MediaStatus.FAILED, null, final.Reason, null, ct);
                return;
            case MediaFetchResult.Failed failed:
                await FailAsync(work, expiresAt, failed.Reason, ct);
                return;
            default:
                throw new InvalidOperationException("Unknown media fetch result");
        }

        mimeType ??= work.MimeType;
        if (MediaTypes.Mismatch(work.Type, mimeType) is { } mismatch)
        {
            await RecordAsync(work, MediaStatus.FAILED, null, mismatch, null, ct);
            return;
        }
        if (!HashMatches(work.Sha256, content))
        {
            await FailAsync(work, expiresAt, "The downloaded file does not match the SHA-256 WhatsApp announced", ct);
            return;
        }

        var path = await store.SaveMessageMediaAsync(work.OrganizationId, work.Id, content, MediaTypes.ExtensionFor(mimeType), ct);
        if (!await RecordAsync(work, MediaStatus.DOWNLOADED, null, null, new Stored(path, content.LongLength, Truncate(mimeType!, 128)), ct))
            store.DeleteMessageMedia(work.OrganizationId, path);
        else
            source.Stored(work.OrganizationId, work.MediaId);
    }

    private Task FailAsync(Work work, DateTimeOffset expiresAt, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attempts = work.Attempts + 1;
        var delay = TimeSpan.FromSeconds(Math.Min(Options.MaxRetryDelaySeconds, Options.FirstRetryDelaySeconds * Math.Pow(2, Math.Min(attempts - 1, 30))));
        var next = now + delay;
        if (next > expiresAt - ExpiryMargin) next = expiresAt - ExpiryMargin;
        return next <= now
            ? RecordAsync(work, MediaStatus.EXPIRED, null, "The media id expired before it could be downloaded; last error: " + reason, null, ct)
            : RecordAsync(work, MediaStatus.FAILED, next, reason, null, ct);
    }

    private sealed record Stored(string Path, long Size, string MimeType);

    /// <summary>Records the outcome of a claimed download; false when the claim was lost (the message changed meanwhile).</summary>
    private async Task<bool> RecordAsync(Work work, MediaStatus status, DateTimeOffset? next, string? error, Stored? stored, CancellationToken ct)
    {
        if (error is not null) logger.LogInformation("Media of message {Id}: {Status} ({Error})", work.Id, status, error);
        await using var db = inboxDb.System();
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == work.Id && m.MediaStatus == MediaStatus.PENDING && m.MediaAttempts == work.Attempts, CancellationToken.None);
        if (message is null) return false;
        message.MediaStatus = status;
        message.MediaAttempts = work.Attempts + 1;
        message.MediaNextAttemptAt = next;
        message.MediaError = error is null ? null : Truncate(error, 1000);
        if (stored is not null)
        {
            message.MediaPath = stored.Path;
            message.MediaSize = stored.Size;
            message.MimeType = stored.MimeType;
        }
        db.Raise(new MessageMediaChanged(work.OrganizationId, work.ConversationId, work.Id, status));
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    /// <summary>True when WhatsApp announced no usable hash, or the content has it (hex or base64).</summary>
    private static bool HashMatches(string? announced, byte[] content)
    {
        if (string.IsNullOrWhiteSpace(announced)) return true;
        byte[]? expected = null;
        if (announced.Length == 64 && announced.All(char.IsAsciiHexDigit)) expected = Convert.FromHexString(announced);
        else
        {
            var buffer = new byte[48];
            if (Convert.TryFromBase64String(announced, buffer, out var written) && written == 32) expected = buffer[..32];
        }
        return expected is null || CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(content));
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
