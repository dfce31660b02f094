using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using InboxApp.Core.Tags;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

/// <summary>Resolve, read, follow-up and tags: any member of the organization (and API keys) may take these actions.</summary>
public sealed partial class ConversationService
{
    /// <summary>CLOSED, resolved now, nothing unread, nobody waiting. Resolving a closed conversation changes nothing.</summary>
    public Task<ConversationDto> ResolveAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        return ChangeAsync(actor, id, guardAssignee: false, change =>
        {
            var c = change.Conversation;
            if (c.Status != ConversationStatus.CLOSED)
            {
                c.Status = ConversationStatus.CLOSED;
                c.ResolvedAt = change.Now;
                change.Mark();
                change.Events.Add(new ConversationResolved(change.Db.TenantId, c.Id));
            }
            change.Set(c.UnreadCount, 0, v => c.UnreadCount = v);
            change.Set(c.WaitingSince, null, v => c.WaitingSince = v);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>The unread count goes to 0.</summary>
    /// A shared inbox link may mark its own number's conversations read when its permissions allow it (recorded as its action).
    public async Task<ConversationDto> MarkReadAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        SharedInboxLinks.SharedLinkGate.Require(actor, SharedInboxLinks.SharedLinkPermission.MarkRead);
        var read = await ChangeAsync(actor, id, guardAssignee: false, async change =>
        {
            await SharedInboxLinks.SharedLinkGate.EnsureAsync(change.Db, actor, SharedInboxLinks.SharedLinkPermission.MarkRead, change.Conversation.PhoneNumberId, change.Now, ct);
            change.Set(change.Conversation.UnreadCount, 0, v => change.Conversation.UnreadCount = v);
            if (actor.Link is { } link)
            {
                SharedInboxLinks.SharedLinkActivities.Record(change.Db, link, "conversation.read", id, null, change.Now);
                change.Mark();
            }
        }, ct);
        // The customer sees blue ticks: Messaging's listener sends the receipt (best effort, at most once per inbound message).
        await RaiseAsync(actor, new ConversationRead(actor.Org, id, actor.UserId, Typing: false), ct);
        return read;
    }

    /// <summary>
    /// A member started typing an answer: the customer sees "typing…" with the read receipt of their newest message (sent
    /// by Messaging's listener, once per message). Nothing is stored.
    /// </summary>
    public async Task TypingAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        if (!await db.Conversations.AnyAsync(c => c.Id == id, ct)) throw InboxException.NotFound("Conversation");
        db.Raise(new ConversationRead(actor.Org, id, actor.UserId, Typing: true));
        await db.SaveChangesAsync(ct); // nothing to save: publishes the event to its listeners
    }

    /// <summary>Publishes an event that goes with no change of its own.</summary>
    private async Task RaiseAsync(Actor actor, DomainEvent e, CancellationToken ct)
    {
        await using var db = inboxDb.For(actor.Org);
        db.Raise(e);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sets (replaces) the follow-up: a due time in the future (required: a follow-up without one is never due) and an
    /// optional note (up to 1000 characters); by the caller, now.
    /// </summary>
    public Task<ConversationDto> SetFollowUpAsync(Actor actor, Guid id, string? note, DateTimeOffset? dueAt, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > MaxFollowUpNoteLength }) throw InboxException.Invalid("note", $"note must be at most {MaxFollowUpNoteLength} characters");
        if (dueAt is not { } due) throw InboxException.Invalid("dueAt", "dueAt is required: when should someone follow up?");
        if (due <= clock.GetUtcNow()) throw InboxException.Invalid("dueAt", "dueAt must be in the future");
        return ChangeAsync(actor, id, guardAssignee: false, change =>
        {
            var c = change.Conversation;
            c.FollowUpNote = text;
            c.FollowUpDueAt = dueAt?.ToUniversalTime();
            c.FollowUpById = actor.UserId;
            c.FollowUpSetAt = change.Now;
            change.Mark();
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Removes the follow-up; a conversation without one is left as it is.</summary>
    public Task<ConversationDto> ClearFollowUpAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        return ChangeAsync(actor, id, guardAssignee: false, change =>
        {
            var c = change.Conversation;
            if (c.FollowUpNote is null && c.FollowUpDueAt is null && c.FollowUpById is null && c.FollowUpSetAt is null) return Task.CompletedTask;
            c.FollowUpNote = null;
            c.FollowUpDueAt = null;
            c.FollowUpById = null;
            c.FollowUpSetAt = null;
            change.Mark();
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Puts one of the organization's tags on the conversation (404 for an unknown tag); a tag already there changes nothing.</summary>
    public Task<ConversationDto> AddTagAsync(Actor actor, Guid id, Guid? tagId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var tag = tagId ?? throw InboxException.Invalid("tagId", "tagId is required");
        return ChangeAsync(actor, id, guardAssignee: false, async change =>
        {
            if (!await change.Db.Tags.AnyAsync(t => t.Id == tag, ct)) throw InboxException.NotFound("Tag");
            if (await change.Db.ConversationTags.AnyAsync(t => t.ConversationId == id && t.TagId == tag, ct)) return;
            change.Db.ConversationTags.Add(new ConversationTag { ConversationId = id, TagId = tag, AddedById = actor.UserId, CreatedAt = change.Now });
            change.Mark();
            change.Events.Add(new ConversationTagAdded(change.Db.TenantId, id, tag));
        }, ct);
    }

    /// <summary>Takes a tag off the conversation (404 for an unknown tag); a tag that is not there changes nothing.</summary>
    public Task<ConversationDto> RemoveTagAsync(Actor actor, Guid id, Guid tagId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        return ChangeAsync(actor, id, guardAssignee: false, async change =>
        {
            if (!await change.Db.Tags.AnyAsync(t => t.Id == tagId, ct)) throw InboxException.NotFound("Tag");
            var link = await change.Db.ConversationTags.FirstOrDefaultAsync(t => t.ConversationId == id && t.TagId == tagId, ct);
            if (link is null) return;
            change.Db.ConversationTags.Remove(link);
            change.Mark();
            change.Events.Add(new ConversationTagRemoved(change.Db.TenantId, id, tagId));
        }, ct);
    }
}
