using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

public sealed record ConversationPage(IReadOnlyList<ConversationDto> Items, int Limit, string? NextCursor);

/// <summary>
/// The inbox list (one query object, as Chatwoot's ConversationFinder): filters, sub-filters, search, keyset pages, the
/// sub-filter counts and the categories in use. Every member of the organization may read it.
/// </summary>
public sealed class ConversationQueryService(InboxDb inboxDb, TimeProvider clock)
{
    /// <summary>How many rows a searched page walks before it gives up and asks for the matches as a set.</summary>
    public const int SearchWalkWindow = 2_000;

    public async Task<ConversationPage> ListAsync(Actor actor, ConversationFilter filter, ConversationSort sort, string? cursor, int limit,
        CancellationToken ct = default)
    {
        var after = ConversationCursorKey.Decode(cursor, sort);
        await using var db = inboxDb.For(actor.Org);
        // The page is read without its contacts: joining them would let the planner drive the query from the contacts table.
        List<Conversation>? rows = null;
        var matches = await RareMatchesAsync(db, filter, ct);
        // PostgreSQL, searching for a frequent term: walk the newest rows of the other filters, testing each (a frequent
        // word fills the page within a few dozen rows; the set query reads and sorts all its matches). When the walk cannot
        // settle the page (matches too sparse for its window), the set query does.
        if (matches is null && filter.Search is { } term && db.Database.IsNpgsql())
            rows = await ConversationKeyset.WalkAsync(Filtered(db, filter with { Search = null }), ConversationQuerySearch.Tests(db, term),
                sort, after, limit + 1, SearchWalkWindow, ct);
        rows ??= await ConversationKeyset.PageAsync(Filtered(db, filter, matches), sort, after, limit + 1, ct);
        var next = rows.Count > limit ? Cursor.Encode(ConversationCursorKey.For(rows[limit - 1], sort)) : null;
        if (rows.Count > limit) rows.RemoveRange(limit, rows.Count - limit);
        var contactIds = rows.Select(r => r.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var row in rows) row.Contact = contacts[row.ContactId];
        return new ConversationPage(await ConversationReader.ToDtosAsync(db, rows, clock.GetUtcNow(), ct), limit, next);
    }

    /// <summary>How many conversations match the filters (the sub-filter aside), and of those how many are unread or need action.</summary>
    public async Task<ConversationCounts> CountsAsync(Actor actor, ConversationFilter filter, CancellationToken ct = default)
    {
        await using var db = inboxDb.For(actor.Org);
        // One pass over the filter's index, which carries the two columns counted (see the conversation indexes).
        var query = Filtered(db, filter with { SubFilter = null }, await RareMatchesAsync(db, filter, ct), tagsByExists: false);
        // Grouped by the organization (one group: the context filters on it), not by a constant: every index starts with it, so
        // the rows arrive grouped; a constant key made SQLite sort them all in a temporary B-tree first.
        var counts = await query.GroupBy(c => c.OrganizationId)
            .Select(g => new
            {
                All = g.Count(),
                Unread = g.Count(c => c.UnreadCount > 0),
                NeedsAction = g.Count(c => c.LastMessageDirection == MessageDirection.INBOUND),
            })
            .FirstOrDefaultAsync(ct);
        return counts is null ? new ConversationCounts(0, 0, 0) : new ConversationCounts(counts.All, counts.Unread, counts.NeedsAction);
    }

    /// <summary>How many conversations of each status match the filters (status and sub-filter aside): the inbox's tab counts in one query.</summary>
    public async Task<IReadOnlyDictionary<ConversationStatus, int>> CountsByStatusAsync(Actor actor, ConversationFilter filter, CancellationToken ct = default)
    {
        await using var db = inboxDb.For(actor.Org);
        var query = Filtered(db, filter with { Status = null, SubFilter = null, ActiveOnly = false }, await RareMatchesAsync(db, filter, ct), tagsByExists: false);
        return await query.GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
    }

    /// <summary>The distinct categories of the organization's conversations, sorted.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = inboxDb.For(actor.Org);
        var categories = await db.Conversations.AsNoTracking().Where(c => c.Category != null && c.Category != "")
            .Select(c => c.Category!).Distinct().ToListAsync(ct);
        return categories.Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>PostgreSQL: the conversations a rare search term matches (see <see cref="ConversationQuerySearch.RareMatchesAsync"/>), else null.</summary>
    private static Task<IReadOnlyCollection<Guid>?> RareMatchesAsync(InboxDbContext db, ConversationFilter filter, CancellationToken ct) =>
        filter.Search is { } term && db.Database.IsNpgsql() ? ConversationQuerySearch.RareMatchesAsync(db, term, ct) : Task.FromResult<IReadOnlyCollection<Guid>?>(null);

    /// <param name="searchMatches">When known, the conversations the search matches (read by key instead of searching).</param>
    private static IQueryable<Conversation> Filtered(InboxDbContext db, ConversationFilter filter, IReadOnlyCollection<Guid>? searchMatches = null, bool tagsByExists = true)
    {
        var query = db.Conversations.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(c => c.Status == status);
        else if (filter.ActiveOnly) query = query.Where(c => c.Status != ConversationStatus.CLOSED);
        if (filter.AssignedTo is { Unassigned: true }) query = query.Where(c => c.AssigneeId == null);
        else if (filter.AssignedTo?.UserId is { } userId) query = query.Where(c => c.AssigneeId == userId);
        if (filter.TeamId is { } teamId) query = query.Where(c => c.TeamId == teamId);
        if (filter.Category is { } category) query = query.Where(c => c.Category == category);
        if (filter.TagId is { } tagId)
        {
            // A page: EXISTS, so the page is read along the sort's index, probing each row's tags by key (with IN, SQLite
            // read every conversation with the tag and sorted them all). A count: IN, reading just the tagged conversations.
            if (tagsByExists) query = query.Where(c => db.ConversationTags.Any(t => t.ConversationId == c.Id && t.TagId == tagId));
            else
            {
                var tagged = db.ConversationTags.Where(t => t.TagId == tagId).Select(t => t.ConversationId);
                query = query.Where(c => tagged.Contains(c.Id));
            }
        }
        if (filter.Origin is { } origin) query = query.Where(c => c.Origin == origin);
        if (searchMatches is not null) query = query.Where(c => searchMatches.Contains(c.Id));
        else if (filter.Search is { } term) query = ConversationQuerySearch.Apply(db, query, term);
        query = filter.SubFilter switch
        {
            ConversationSubFilter.unread => query.Where(c => c.UnreadCount > 0),
            ConversationSubFilter.needs_action => query.Where(c => c.LastMessageDirection == MessageDirection.INBOUND),
            _ => query,
        };
        return query;
    }
}
