using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Messaging;

/// <summary>The state of a message's media as the API shows it.</summary>
public sealed record MessageMediaDto(Guid MessageId, MediaStatus MediaStatus, string? MimeType, string? FileName, long? MediaSize, int MediaAttempts,
    DateTimeOffset? MediaNextAttemptAt, string? MediaError, string? Url);

/// <summary>A stored attachment opened for serving.</summary>
public sealed record MessageMediaFile(MediaFile File, string? FileName, bool Inline);

/// <summary>Inbound media for the people of an organization: serve a downloaded file, ask for a download again.</summary>
public sealed class MediaService(InboxDb inboxDb, MediaStore store, MediaDownloadSignal signal, TimeProvider clock)
{
    public static string UrlFor(Guid messageId) => $"/api/v1/messages/{messageId}/media";

    /// <summary>
    /// Puts a failed download back in the queue (PENDING, due now) and wakes the downloader. 409 when there is nothing to
    /// retry: no media, already downloaded, already queued, or expired at WhatsApp.
    /// </summary>
    public async Task<MessageMediaDto> RetryAsync(Actor actor, Guid messageId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, ct) ?? throw InboxException.NotFound("Message");
        if (message.MediaId is null || message.MediaStatus == MediaStatus.NONE)
            throw InboxException.Conflict("This message has no media to download", MediaErrors.NothingToRetry);
        switch (message.MediaStatus)
        {
            case MediaStatus.DOWNLOADED:
                throw InboxException.Conflict("The media is already downloaded", MediaErrors.NothingToRetry);
            case MediaStatus.PENDING:
                throw InboxException.Conflict("The media is already queued for download", MediaErrors.NothingToRetry);
            case MediaStatus.EXPIRED:
                throw InboxException.Conflict("The media id has expired at WhatsApp; it can no longer be downloaded", MediaErrors.MediaExpired);
        }
        // Conditional on the state we read, so a download finishing at the same moment is not undone.
        var updated = await db.ChangeRaisingAsync(
            () => db.Messages.Where(m => m.Id == messageId && m.MediaStatus == MediaStatus.FAILED && m.MediaAttempts == message.MediaAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.MediaStatus, MediaStatus.PENDING).SetProperty(m => m.MediaNextAttemptAt, (DateTimeOffset?)null), ct),
            n => n == 0 ? [] : [new MessageMediaChanged(message.OrganizationId, message.ConversationId, message.Id, MediaStatus.PENDING)], ct);
        if (updated == 0) throw InboxException.Conflict("The media changed meanwhile; reload and try again", MediaErrors.NothingToRetry);
        signal.Notify();
        return new MessageMediaDto(message.Id, MediaStatus.PENDING, message.MimeType, message.FileName, message.MediaSize, message.MediaAttempts, null,
            message.MediaError, null);
    }

    public async Task<MessageMediaDto> GetAsync(Actor actor, Guid messageId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var m = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct) ?? throw InboxException.NotFound("Message");
        return new MessageMediaDto(m.Id, m.MediaStatus, m.MimeType, m.FileName, m.MediaSize, m.MediaAttempts, m.MediaNextAttemptAt, m.MediaError,
            m.MediaStatus == MediaStatus.DOWNLOADED ? UrlFor(m.Id) : null);
    }

    /// <summary>The downloaded file of a message of the caller's organization; 404 for another organization's message or no file.</summary>
    public async Task<MessageMediaFile> OpenAsync(Actor actor, Guid messageId, CancellationToken ct = default)
    {
        // A shared inbox link may open the files of its own number's conversations.
        SharedInboxLinks.SharedLinkGate.Require(actor, SharedInboxLinks.SharedLinkPermission.ReadInbox);
        var org = actor.Org;
        await using var db = inboxDb.For(org);
        var m = await db.Messages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { m.Type, m.MediaStatus, m.MediaPath, m.MimeType, m.FileName,
                PhoneNumberId = db.Conversations.Where(c => c.Id == m.ConversationId).Select(c => c.PhoneNumberId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("Message");
        await SharedInboxLinks.SharedLinkGate.EnsureAsync(db, actor, SharedInboxLinks.SharedLinkPermission.ReadInbox, m.PhoneNumberId, clock.GetUtcNow(), ct);
        if (m.MediaStatus != MediaStatus.DOWNLOADED)
            throw InboxException.Conflict($"The media of this message is not downloaded (state {m.MediaStatus})", MediaErrors.NotDownloaded);
        var inline = MediaTypes.ServeInline(m.Type);
        var contentType = MediaTypes.Mismatch(m.Type, m.MimeType) is null ? MediaTypes.Essence(m.MimeType) : "application/octet-stream";
        var file = store.OpenMessageMedia(org, m.MediaPath, contentType) ?? throw InboxException.NotFound("Media file");
        return new MessageMediaFile(file, m.FileName, inline);
    }
}

public static class MediaErrors
{
    public const string NothingToRetry = "NOTHING_TO_RETRY";
    public const string MediaExpired = "MEDIA_EXPIRED";
    public const string NotDownloaded = "MEDIA_NOT_DOWNLOADED";
}
