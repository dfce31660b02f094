using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.QuickReplies;

/// <summary>A stored attachment opened for serving.</summary>
public sealed record QuickReplyMediaFile(MediaFile File, string? FileName, bool Inline);

/// <summary>The attachment (upload, removal, serving) and filling the placeholders for a conversation.</summary>
public sealed partial class QuickReplyService
{
    /// <summary>
    /// Stores <paramref name="upload"/> as the attachment (replacing any earlier one). Only types WhatsApp accepts for
    /// sending, within its size limit for the kind: 400 for another type or an image whose bytes are not the declared
    /// format, 413 for a file over the limit.
    /// </summary>
    public async Task<QuickReplyDto> SetMediaAsync(Actor actor, Guid id, QuickReplyUpload upload, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var org = actor.Org;
        var essence = MediaTypes.Essence(upload.ContentType);
        var kind = QuickReplyMedia.KindOf(essence)
            ?? throw InboxException.Invalid("file", $"WhatsApp cannot send {(essence.Length == 0 ? "a file without a content type" : essence)}; " +
                "use a JPEG or PNG image, MP4 or 3GPP video, AAC, AMR, MP3, MP4 or OGG audio, or a PDF, text or Office document");
        var max = options.Value.MaxBytesFor(kind);
        if (upload.Length == 0) throw InboxException.Invalid("file", "The file is empty");
        if (upload.Length > max) throw TooLarge(kind, max);

        var head = new byte[ImageType.HeaderLength];
        var headLength = await upload.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (!QuickReplyMedia.ContentMatches(essence, head.AsSpan(0, headLength)))
            throw InboxException.Invalid("file", $"The file is not a {essence} image");

        await using var db = inboxDb.For(org);
        var reply = await FindAsync(db, id, ct);
        var previous = reply.MediaPath;
        var (stored, size) = await store.SaveQuickReplyMediaAsync(org, id, MediaTypes.ExtensionFor(essence), head.AsMemory(0, headLength), upload.Content, max,
            () => TooLarge(kind, max), ct);
        try
        {
            reply.MediaPath = stored;
            reply.MediaMimeType = essence;
            reply.MediaFileName = QuickReplyMedia.CleanFileName(upload.FileName);
            reply.MediaSize = size;
            reply.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            store.DeleteQuickReplyMedia(org, stored);
            throw;
        }
        if (previous != stored) store.DeleteQuickReplyMedia(org, previous);
        return QuickReplyDto.From(reply);
    }

    public async Task<QuickReplyDto> RemoveMediaAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var org = actor.Org;
        await using var db = inboxDb.For(org);
        var reply = await FindAsync(db, id, ct);
        var previous = reply.MediaPath ?? throw InboxException.NotFound("Media of this quick reply");
        reply.MediaPath = null;
        reply.MediaMimeType = null;
        reply.MediaFileName = null;
        reply.MediaSize = null;
        reply.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        store.DeleteQuickReplyMedia(org, previous);
        return QuickReplyDto.From(reply);
    }

    /// <summary>The attachment of a quick reply of the caller's organization; 404 for another organization's or when there is none.</summary>
    public async Task<QuickReplyMediaFile> OpenMediaAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var org = actor.Org;
        await using var db = inboxDb.For(org);
        var reply = await db.QuickReplies.AsNoTracking().Where(q => q.Id == id)
            .Select(q => new { q.MediaPath, q.MediaMimeType, q.MediaFileName }).FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("Quick reply");
        var kind = QuickReplyMedia.KindOf(reply.MediaMimeType);
        var contentType = kind is null ? "application/octet-stream" : MediaTypes.Essence(reply.MediaMimeType);
        var file = store.OpenQuickReplyMedia(org, reply.MediaPath, contentType) ?? throw InboxException.NotFound("Media of this quick reply");
        return new QuickReplyMediaFile(file, reply.MediaFileName, kind is MessageType.IMAGE or MessageType.VIDEO or MessageType.AUDIO);
    }

    /// <summary>
    /// The text with its placeholders filled for <paramref name="conversationId"/>: the contact's name and phone, the
    /// caller's name (empty for an API key) and the organization's name. Only active quick replies can be used.
    /// </summary>
    public async Task<RenderedQuickReplyDto> RenderAsync(Actor actor, Guid id, Guid conversationId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var org = actor.Org;
        await using var db = inboxDb.For(org);
        var reply = await db.QuickReplies.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct) ?? throw InboxException.NotFound("Quick reply");
        if (!reply.IsActive) throw InboxException.Conflict($"The quick reply /{reply.Shortcut} is turned off");
        var contact = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.Contact!.Name, c.Contact.ProfileName, c.Contact.Phone }).FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("Conversation");
        var agentName = actor.UserId is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(ct)
            : null;
        var organizationName = await db.Organizations.Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var values = new PlaceholderValues(contact.Name ?? contact.ProfileName, contact.Phone is null ? null : "+" + contact.Phone, agentName, organizationName);
        var dto = QuickReplyDto.From(reply);
        return new RenderedQuickReplyDto(reply.Id, conversationId, reply.Shortcut, QuickReplyRenderer.Render(reply.Text, values), dto.Media);
    }

    private static InboxException TooLarge(MessageType kind, long max)
    {
        var message = $"The {MediaTypes.Noun(kind)} is larger than WhatsApp's limit of {MediaStore.Describe(max)}";
        return new InboxException(413, ErrorCodes.PayloadTooLarge, message, new Dictionary<string, string[]> { ["file"] = [message] });
    }
}
