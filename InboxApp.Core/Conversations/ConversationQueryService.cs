using System.Linq.Expressions;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Conversations;

public sealed record ConversationPage(IReadOnlyList<ConversationDto> Items, int Limit, string? NextCursor);

/// <summary>
/// The inbox list (one query object, as Chatwoot's ConversationFinder): filters, sub-filters, search, keyset pages, the
/// sub-filter counts and the categories in use. Every member of the organization may read it.
/// </summary>
public sealed class ConversationQueryService(InboxDb inboxDb, TimeProvider clock, IOptions<ConversationSearchOptions> searchOptions,
    SearchProbeMemo probeMemo)
{
    private ConversationSearchOptions SearchOptions => searchOptions.Value;

    public async Task<ConversationPage> ListAsync(Actor actor, ConversationFilter filter, ConversationSort sort, string? cursor, int limit,
        CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT); // every member; never a shared inbox link (its reads are its own, by number)
        var after = ConversationCursorKey.Decode(cursor, sort);
        await using var db = inboxDb.For(actor.Org);
        // The page is read without its contacts: joining them would let the planner drive the query from the contacts table.
        List<Conversation>? rows = null;
        var search = await PlanSearchAsync(db, filter, ct);
        // A frequent term: walk the newest rows of the other filters, testing each (a frequent word fills the page within a
        // few dozen rows; the set query reads and sorts all its matches). When the walk cannot settle the page (matches too
        // sparse for its window), the set query does.
        if (search?.Test is { } test)
            rows = await ConversationKeyset.WalkAsync(Filtered(db, filter with { Search = null }), test, sort, after, limit + 1, SearchOptions.WalkWindow, ct);
        rows ??= await ConversationKeyset.PageAsync(Filtered(db, filter, search?.Matches), sort, after, limit + 1, ct);
        var next = rows.Count > limit ? Cursor.Encode(ConversationCursorKey.For(rows[limit - 1], sort)) : null;
        if (rows.Count > limit) rows.RemoveRange(limit, rows.Count - limit);
        var contactIds = rows.Select(r => r.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var row in rows) row.Contact = contacts[row.ContactId];
        return new ConversationPage(await ConversationReader.ToDtosAsync(db, rows, clock.GetUtcNow(), ct), limit, next);
    }

    /// <summary>
    /// How many conversations match the filters (the sub-filter aside), and of those how many are unread or need action.
    /// A frequent search term's counts are bounded (<see cref="ConversationCounts.Complete"/>).
    /// </summary>
    public async Task<ConversationCounts> CountsAsync(Actor actor, ConversationFilter filter, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT); // every member; never a shared inbox link (its reads are its own, by number)
        await using var db = inboxDb.For(actor.Org);
        filter = filter with { SubFilter = null };
        var search = await PlanSearchAsync(db, filter, ct);
        if (search?.Test is { } test)
        {
            var (rows, complete) = await BoundedMatchesAsync(db, filter, test, ct);
            return new ConversationCounts(rows.Count, rows.Count(r => r.Unread), rows.Count(r => r.NeedsAction), complete);
        }
        // One pass over the filter's index, which carries the two columns counted (see the conversation indexes).
        var query = Filtered(db, filter, search?.Matches, tagsByExists: false);
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

    /// <summary>
    /// How many conversations of each status match the filters (status and sub-filter aside): the inbox's tab counts in one
    /// query. Bounded for a frequent search term, as <see cref="CountsAsync"/>.
    /// </summary>
    public async Task<ConversationStatusCounts> CountsByStatusAsync(Actor actor, ConversationFilter filter, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT); // every member; never a shared inbox link (its reads are its own, by number)
        await using var db = inboxDb.For(actor.Org);
        filter = filter with { Status = null, SubFilter = null, ActiveOnly = false };
        var search = await PlanSearchAsync(db, filter, ct);
        if (search?.Test is { } test)
        {
            var (rows, complete) = await BoundedMatchesAsync(db, filter, test, ct);
            return new ConversationStatusCounts(rows.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()), complete);
        }
        var query = Filtered(db, filter, search?.Matches, tagsByExists: false);
        return new ConversationStatusCounts(await query.GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct), true);
    }

    /// <summary>The distinct categories of the organization's conversations, sorted.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT); // every member; never a shared inbox link (its reads are its own, by number)
        await using var db = inboxDb.For(actor.Org);
        var categories = await db.Conversations.AsNoTracking().Where(c => c.Category != null && c.Category != "")
            .Select(c => c.Category!).Distinct().ToListAsync(ct);
        return categories.Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>How a search is answered: from a rare term's matches, by testing rows (a frequent term), or (neither) the set query.</summary>
    private sealed record SearchPlan(IReadOnlyCollection<Guid>? Matches, Expression<Func<Conversation, bool>>? Test);

    private async Task<SearchPlan?> PlanSearchAsync(InboxDbContext db, ConversationFilter filter, CancellationToken ct)
    {
        if (filter.Search is not { } term) return null;
        var probe = await ConversationQuerySearch.ProbeAsync(db, term, SearchOptions.RareMatchLimit, probeMemo, ct);
        if (probe.IsRare) return new SearchPlan(await ConversationQuerySearch.ConversationIdsAsync(db, probe, ct), null);
        return new SearchPlan(null, ConversationQuerySearch.CanTest(db) ? ConversationQuerySearch.Test(db, term, probe) : null);
    }

    private sealed record MatchRow(ConversationStatus Status, bool Unread, bool NeedsAction);

    /// <summary>
    /// A frequent term's matches among the newest <see cref="ConversationSearchOptions.WalkWindow"/> conversations of the
    /// other filters, at most <see cref="ConversationSearchOptions.CountLimit"/> of them; complete when neither bound cut.
    /// Counting every match of a word in half the conversations would read half a million messages.
    /// </summary>
    private async Task<(List<MatchRow> Rows, bool Complete)> BoundedMatchesAsync(InboxDbContext db, ConversationFilter filter,
        Expression<Func<Conversation, bool>> test, CancellationToken ct)
    {
        var (window, limit) = (SearchOptions.WalkWindow, SearchOptions.CountLimit);
        var query = Filtered(db, filter with { Search = null });
        var (rowsInWindow, more) = await ConversationKeyset.WindowAsync(query, ConversationSort.newest, window, ct);
        var rows = await ConversationKeyset.Ordered(rowsInWindow.Where(test), ConversationSort.newest).Take(limit + 1)
            .Select(c => new MatchRow(c.Status, c.UnreadCount > 0, c.LastMessageDirection == MessageDirection.INBOUND))
            .ToListAsync(ct);
        if (rows.Count <= limit) return (rows, !more);
        rows.RemoveRange(limit, rows.Count - limit);
        return (rows, false);
    }

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
