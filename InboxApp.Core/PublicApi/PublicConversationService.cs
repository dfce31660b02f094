using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.PublicApi;

/// <summary>A page of a conversation's messages, newest first; <see cref="NextCursor"/> loads older ones (null on the last page).</summary>
public sealed record PublicMessagePage(IReadOnlyList<PublicMessage> Items, int Limit, string? NextCursor);

/// <summary>
/// Reads conversations and messages for the public API, per phone number, in the <see cref="PublicConversation"/> and
/// <see cref="PublicMessage"/> shapes (contact identity included). Admins and API keys only; another organization's ids
/// are not found.
/// </summary>
public sealed class PublicConversationService(InboxDb inboxDb, TimeProvider clock)
{
    /// <summary>The longest <c>search</c> accepted.</summary>
    public const int MaxSearchLength = 100;

    public async Task<(IReadOnlyList<PublicConversation> Items, int Total)> ListAsync(Actor actor, Guid phoneId, ConversationStatus? status, string? search,
        int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var term = search?.Trim().ToLowerInvariant();
        if (term is { Length: > MaxSearchLength }) throw InboxException.Invalid("search", $"search must be at most {MaxSearchLength} characters");
        await using var db = inboxDb.For(actor.Org);
        if (!await db.PhoneNumbers.AnyAsync(p => p.Id == phoneId, ct)) throw InboxException.NotFound("Phone number");
        var query = db.Conversations.AsNoTracking().Where(c => c.PhoneNumberId == phoneId);
        if (status is { } s) query = query.Where(c => c.Status == s);
        if (!string.IsNullOrEmpty(term))
        {
            query = query.Where(c => c.Contact!.Identifier.ToLower().Contains(term)
                || (c.Contact.Phone != null && c.Contact.Phone.Contains(term))
                || (c.Contact.Name != null && c.Contact.Name.ToLower().Contains(term))
                || (c.Contact.ProfileName != null && c.Contact.ProfileName.ToLower().Contains(term))
                || (c.Contact.Username != null && c.Contact.Username.ToLower().Contains(term)));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.Include(c => c.Contact).OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id).Skip(skip).Take(take).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return (rows.Select(c => PublicConversation.From(c, c.Contact!, now)).ToList(), total);
    }

    public async Task<PublicConversation> GetAsync(Actor actor, Guid conversationId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == conversationId, ct)
            ?? throw InboxException.NotFound("Conversation");
        return PublicConversation.From(conversation, conversation.Contact!, clock.GetUtcNow());
    }

    /// <summary>The sort key of the last message of a page.</summary>
    private sealed record Position(DateTimeOffset Timestamp, Guid Id);

    /// <summary>Messages newest first with keyset cursors on (timestamp, id), as the inbox reads them; reactions are listed too.</summary>
    public async Task<PublicMessagePage> MessagesAsync(Actor actor, Guid conversationId, string? cursor, int? limit, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var take = Cursor.Limit(limit);
        var after = Cursor.Decode<Position>(cursor);
        await using var db = inboxDb.For(actor.Org);
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == conversationId, ct)
            ?? throw InboxException.NotFound("Conversation");
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
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
        return new PublicMessagePage(rows.Select(m => PublicMessage.From(m, conversation, conversation.Contact!)).ToList(), take, next);
    }
}

/// <summary>Reads of the public shapes shared by the services of this feature.</summary>
internal static class PublicReads
{
    public static async Task<PublicMessage> MessageAsync(InboxDb inboxDb, Guid org, Guid messageId, CancellationToken ct)
    {
        await using var db = inboxDb.For(org);
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct) ?? throw InboxException.NotFound("Message");
        var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == message.ConversationId, ct);
        var contact = await db.Contacts.AsNoTracking().FirstAsync(c => c.Id == conversation.ContactId, ct);
        return PublicMessage.From(message, conversation, contact);
    }
}
