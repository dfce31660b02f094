using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

/// <summary>One page of a conversation's messages, newest first; <see cref="NextCursor"/> loads the older ones (null on the last page).</summary>
public sealed record MessagePage(IReadOnlyList<MessageDto> Items, int Limit, string? NextCursor);

/// <summary>
/// Reads a conversation's messages a page at a time, newest first, with keyset cursors on (timestamp, id): a page never
/// repeats or skips a message because newer ones arrived meanwhile. Reactions are attached to the message they react to
/// rather than listed; hidden messages are listed with <c>isHidden</c> true.
/// </summary>
public sealed class ConversationMessages(InboxDb inboxDb)
{
    /// <summary>The sort key of the last message of a page.</summary>
    private sealed record Position(DateTimeOffset Timestamp, Guid Id);

    public async Task<MessagePage> PageAsync(Actor actor, Guid conversationId, string? cursor, int? limit, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var take = Cursor.Limit(limit);
        var after = Cursor.Decode<Position>(cursor);
        await using var db = inboxDb.For(actor.Org);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, ct)) throw InboxException.NotFound("Conversation");

        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Type != MessageType.REACTION);
        if (after is not null)
        {
            var (timestamp, id) = (after.Timestamp, after.Id);
            query = query.Where(m => m.Timestamp < timestamp || (m.Timestamp == timestamp && m.Id.CompareTo(id) < 0));
        }
        var rows = await query.OrderByDescending(m => m.Timestamp).ThenByDescending(m => m.Id).Take(take + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = Cursor.Encode(new Position(rows[^1].Timestamp, rows[^1].Id));
        }
        return new MessagePage(await db.ToDtosAsync(rows, ct), take, next);
    }
}
