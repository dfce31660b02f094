using System.Linq.Expressions;
using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

/// <summary>
/// The sort key of the last row of a page, carried in the opaque cursor. <see cref="Waiting"/> is for
/// <see cref="ConversationSort.waiting_longest"/>: true while the page walk is still among waiting conversations
/// (<see cref="At"/> is then <c>WaitingSince</c>), false once it has moved on to the others (<see cref="At"/> is <c>LastMessageAt</c>).
/// </summary>
public sealed record ConversationCursorKey(string Sort, DateTimeOffset At, Guid Id, bool Waiting = false)
{
    public static ConversationCursorKey? Decode(string? cursor, ConversationSort sort)
    {
        var key = Cursor.Decode<ConversationCursorKey>(cursor);
        if (key is null) return null;
        if (key.Sort != sort.ToString() || key.Id == Guid.Empty)
            throw InboxException.Invalid("cursor", "cursor belongs to another sort order; start again without a cursor");
        return key;
    }

    public static ConversationCursorKey For(Conversation row, ConversationSort sort) => sort switch
    {
        ConversationSort.created_newest or ConversationSort.created_oldest => new(sort.ToString(), row.CreatedAt, row.Id),
        ConversationSort.waiting_longest when row.WaitingSince is { } since => new(sort.ToString(), since, row.Id, Waiting: true),
        _ => new(sort.ToString(), row.LastMessageAt, row.Id),
    };
}

/// <summary>
/// Keyset pagination of the conversation list: each page continues strictly after the previous page's last sort key
/// (timestamp, then id as tie-breaker), so rows that move (a new message bumps a conversation to the top) never make
/// a later page repeat or skip the others. Every order is backed by an index on (organization, key, id).
/// </summary>
public static class ConversationKeyset
{
    public static async Task<List<Conversation>> PageAsync(IQueryable<Conversation> query, ConversationSort sort, ConversationCursorKey? after, int take,
        CancellationToken ct)
    {
        if (sort != ConversationSort.waiting_longest) return await Ordered(After(query, sort, after), sort).Take(take).ToListAsync(ct);

        var rows = new List<Conversation>();
        if (after is null || after.Waiting)
        {
            var waiting = query.Where(c => c.WaitingSince != null);
            if (after is not null)
            {
                var (at, id) = (after.At, after.Id);
                waiting = waiting.Where(c => c.WaitingSince >= at && (c.WaitingSince > at || c.Id.CompareTo(id) > 0));
            }
            rows.AddRange(await waiting.OrderBy(c => c.WaitingSince).ThenBy(c => c.Id).Take(take).ToListAsync(ct));
            if (rows.Count == take) return rows;
            after = null;
        }
        // Then the conversations nobody is waiting on, newest first.
        var rest = After(query.Where(c => c.WaitingSince == null), ConversationSort.newest, after);
        rows.AddRange(await Ordered(rest, ConversationSort.newest).Take(take - rows.Count).ToListAsync(ct));
        return rows;
    }

    /// <summary>
    /// The page of a filter that is cheap to test row by row but costly as a set (a search for a frequent word reads every
    /// match to sort them): walks the next <paramref name="window"/> rows of <paramref name="query"/> in the sort's order and
    /// keeps those that pass <paramref name="test"/>. The window is a prefix of the list after the cursor, so its first
    /// <paramref name="take"/> passing rows are the page's. Null when that did not settle the page: fewer passed and more
    /// rows lie beyond the window (a sparse match; the caller then runs the set query). Not for <c>waiting_longest</c>,
    /// whose two segments would need a window each (null).
    /// </summary>
    public static async Task<List<Conversation>?> WalkAsync(IQueryable<Conversation> query, Expression<Func<Conversation, bool>> test,
        ConversationSort sort, ConversationCursorKey? after, int take, int window, CancellationToken ct)
    {
        if (sort == ConversationSort.waiting_longest) return null;
        var (rows, more) = await WindowAsync(After(query, sort, after), sort, window, ct);
        var page = await Ordered(rows.Where(test), sort).Take(take).ToListAsync(ct);
        return page.Count == take || !more ? page : null;
    }

    /// <summary>
    /// The first <paramref name="window"/> rows of <paramref name="query"/> in the sort's order (not <c>waiting_longest</c>),
    /// as a range of the sort key up to the last of them, so the database reads them along the sort's index and can stop
    /// at the first rows that pass a test (as a <c>LIMIT</c> subquery, SQLite tested every row of the window and sorted
    /// them again). <c>More</c>: rows lie beyond the window. One query reads the window's last key and the next one.
    /// </summary>
    public static async Task<(IQueryable<Conversation> Rows, bool More)> WindowAsync(IQueryable<Conversation> query, ConversationSort sort, int window,
        CancellationToken ct)
    {
        var edges = Ordered(query, sort).Skip(window - 1).Take(2);
        var keys = sort is ConversationSort.created_newest or ConversationSort.created_oldest
            ? await edges.Select(c => new { At = c.CreatedAt, c.Id }).ToListAsync(ct)
            : await edges.Select(c => new { At = c.LastMessageAt, c.Id }).ToListAsync(ct);
        if (keys.Count == 0) return (query, false);
        var (at, id) = (keys[0].At, keys[0].Id);
        return (sort switch
        {
            ConversationSort.oldest => query.Where(c => c.LastMessageAt <= at && (c.LastMessageAt < at || c.Id.CompareTo(id) <= 0)),
            ConversationSort.created_newest => query.Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.Id.CompareTo(id) >= 0)),
            ConversationSort.created_oldest => query.Where(c => c.CreatedAt <= at && (c.CreatedAt < at || c.Id.CompareTo(id) <= 0)),
            _ => query.Where(c => c.LastMessageAt >= at && (c.LastMessageAt > at || c.Id.CompareTo(id) >= 0)),
        }, keys.Count == 2);
    }

    public static IQueryable<Conversation> Ordered(IQueryable<Conversation> query, ConversationSort sort) => sort switch
    {
        ConversationSort.oldest => query.OrderBy(c => c.LastMessageAt).ThenBy(c => c.Id),
        ConversationSort.created_newest => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        ConversationSort.created_oldest => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        _ => query.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id),
    };

    private static IQueryable<Conversation> After(IQueryable<Conversation> query, ConversationSort sort, ConversationCursorKey? after)
    {
        if (after is null) return query;
        var (at, id) = (after.At, after.Id);
        // The first bound (<= or >=) is implied by the second, but only it is a plain range PostgreSQL turns into an index
        // condition; with the OR alone it read the index from the start of the organization and filtered (page 1,000 was 5x page 1).
        return sort switch
        {
            ConversationSort.oldest => query.Where(c => c.LastMessageAt >= at && (c.LastMessageAt > at || c.Id.CompareTo(id) > 0)),
            ConversationSort.created_newest => query.Where(c => c.CreatedAt <= at && (c.CreatedAt < at || c.Id.CompareTo(id) < 0)),
            ConversationSort.created_oldest => query.Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.Id.CompareTo(id) > 0)),
            _ => query.Where(c => c.LastMessageAt <= at && (c.LastMessageAt < at || c.Id.CompareTo(id) < 0)),
        };
    }
}
