using System.Linq.Expressions;
using System.Text;
using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace InboxApp.Core.Conversations;

/// <summary>
/// The list's <c>search</c>: a substring of the contact's name, profile name, username or phone (any run of its digits,
/// with or without <c>+</c>: <c>+55 11</c> finds 5511…, <c>+49</c> finds 49…), or of the text of a message in the
/// conversation, without regard to case or accents ("chloe" finds "Chloé" and "CHLOÉ" finds "chloe"; see
/// <see cref="SearchFold"/>). Message text is searched for terms of <see cref="MinMessageTermLength"/> characters or more.
/// Trigram indexes made by <see cref="SearchIndexes"/> serve it (SQLite FTS5; PostgreSQL pg_trgm on the folded text when
/// the extension is available). First a probe (<see cref="ProbeAsync"/>) reads a few matches of each kind; then, cheapest first:
/// <list type="bullet">
/// <item>A rare term (few matches of both kinds): its conversations are read by key, exactly.</item>
/// <item>A frequent term: the list is walked and each row tested (<see cref="Test"/>). A page stops at its last row; a
/// count stops at a limit and says it is not complete.</item>
/// <item>Otherwise (a page the walk cannot settle) the set query (<see cref="Apply"/>), over the newest
/// <see cref="MessageMatchLimit"/> matching messages of the organization, so a very common word cannot make one request
/// read every message.</item>
/// </list>
/// </summary>
public static class ConversationQuerySearch
{
    public const int MinMessageTermLength = 3;
    public const int MessageMatchLimit = 10_000;

    public static IQueryable<Conversation> Apply(InboxDbContext db, IQueryable<Conversation> query, string term)
    {
        var contactIds = ContactIds(db, term);
        if (term.Length < MinMessageTermLength) return query.Where(c => contactIds.Contains(c.ContactId));
        var conversationIds = MessageConversationIds(db, term);
        if (db.Database.IsNpgsql())
        {
            // One set of ids (the contacts' conversations and the messages' ones): with "ContactId IN … OR Id IN …" PostgreSQL
            // tested both hashed sets against every conversation of the organization (90 ms for one match); this set is
            // joined by key.
            var ids = db.Conversations.Where(x => contactIds.Contains(x.ContactId)).Select(x => x.Id).Union(conversationIds);
            return query.Where(c => ids.Contains(c.Id));
        }
        return query.Where(c => contactIds.Contains(c.ContactId) || conversationIds.Contains(c.Id));
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> + 1 matching contacts and as many matching messages, in no order, so the
    /// indexes answer in a few milliseconds whatever the term (a frequent one fills the limit at once). A side the memo
    /// knows frequent is not read again.
    /// </summary>
    public static async Task<SearchProbe> ProbeAsync(InboxDbContext db, string term, int limit, SearchProbeMemo memo, CancellationToken ct)
    {
        var contacts = await ProbeSideAsync(db, term, limit, memo, messages: false, ContactIds(db, term), ct);
        var messages = term.Length < MinMessageTermLength ? [] : await ProbeSideAsync(db, term, limit, memo, messages: true, MessageMatches(db, term), ct);
        return new SearchProbe(contacts, messages);
    }

    private static async Task<IReadOnlyList<Guid>?> ProbeSideAsync(InboxDbContext db, string term, int limit, SearchProbeMemo memo, bool messages,
        IQueryable<Guid> matches, CancellationToken ct)
    {
        if (memo.IsFrequent(db.TenantId, term, messages)) return null;
        var found = await matches.Take(limit + 1).ToListAsync(ct);
        if (found.Count <= limit) return found;
        memo.RememberFrequent(db.TenantId, term, messages);
        return null;
    }

    /// <summary>The conversations a rare term matches: those of its contacts and those of its messages.</summary>
    public static async Task<IReadOnlyCollection<Guid>> ConversationIdsAsync(InboxDbContext db, SearchProbe probe, CancellationToken ct)
    {
        if (!probe.IsRare) throw new InvalidOperationException("Only a rare term's matches are all known.");
        var ids = new HashSet<Guid>(probe.MessageConversationIds!);
        var contactIds = probe.ContactIds!;
        if (contactIds.Count > 0) ids.UnionWith(await db.Conversations.Where(c => contactIds.Contains(c.ContactId)).Select(c => c.Id).ToListAsync(ct));
        return ids;
    }

    /// <summary>
    /// Whether a row-by-row test (<see cref="Test"/>) means the same as the indexes: on PostgreSQL (ILIKE on the unaccented
    /// text, as its trigram indexes) and SQLite (LIKE on the folded text, as FTS5 with <c>remove_diacritics</c>).
    /// </summary>
    public static bool CanTest(InboxDbContext db) => db.Database.IsNpgsql() || db.Database.IsSqlite();

    /// <summary>
    /// The search as a test of one conversation, for a walk over the list (<see cref="ConversationKeyset.WalkAsync"/>) or a
    /// bounded count: its contact matches, or one of its messages does (terms of <see cref="MinMessageTermLength"/> or more).
    /// A side the probe found rare is tested against its ids. A frequent side is a scalar subquery per row (the contact by
    /// key; the messages through their conversation index, stopping at the first match), which PostgreSQL cannot turn
    /// into a join: as <c>EXISTS</c> it hashed every matching contact or message of the organization first (5,837 contacts
    /// for "Silva"; 75,000 messages for "order", 450 ms). Only where <see cref="CanTest"/> allows.
    /// </summary>
    public static Expression<Func<Conversation, bool>> Test(InboxDbContext db, string term, SearchProbe probe)
    {
        Expression<Func<Conversation, bool>> byContact;
        if (probe.ContactIds is { } contactIds) byContact = c => contactIds.Contains(c.ContactId);
        else
        {
            var contacts = MatchingContacts(db, term, indexed: false);
            byContact = c => contacts.Where(k => k.Id == c.ContactId).Select(k => true).FirstOrDefault();
        }
        if (term.Length < MinMessageTermLength) return byContact;
        Expression<Func<Conversation, bool>> byMessage;
        if (probe.MessageConversationIds is { } conversationIds) byMessage = c => conversationIds.Contains(c.Id);
        else
        {
            var messages = MatchingMessages(db, term, indexed: false);
            byMessage = c => messages.Where(m => m.ConversationId == c.Id).Select(m => true).FirstOrDefault();
        }
        // The contact first: PostgreSQL evaluates OR from the left and stops at the first true, and a key lookup is cheaper.
        return Expression.Lambda<Func<Conversation, bool>>(Expression.OrElse(byContact.Body, Substitute(byMessage, byContact.Parameters[0])), byContact.Parameters);
    }

    /// <summary>Ids of the organization's contacts whose name, profile name, username or phone contain the term.</summary>
    public static IQueryable<Guid> ContactIds(InboxDbContext db, string term)
    {
        var digits = PhoneDigits(term);
        // The trigram index needs three characters on each side: "+49" is long enough as a name but its digits ("49") are not,
        // so such a term is matched with LIKE on the contacts (the message side still uses the index).
        if (db.Database.IsSqlite() && term.Length >= MinMessageTermLength && digits is not { Length: < MinMessageTermLength })
        {
            var match = Phrase(term) + (digits is { Length: >= MinMessageTermLength } ? " OR {Phone} : " + Phrase(digits) : "");
            return db.Database.SqlQueryRaw<Guid>(
                """SELECT "ContactId" AS "Value" FROM "ContactSearch" WHERE "ContactSearch" MATCH {0} AND "OrganizationId" = {1}""",
                match, SqliteGuid(db.TenantId));
        }
        if (db.Database.IsNpgsql()) return MatchingContacts(db, term, indexed: true).Select(c => c.Id);
        if (db.Database.IsSqlite()) return MatchingContacts(db, term, indexed: false).Select(c => c.Id);
        // SQL Server: its search columns compare without case and accents (SqlServerInboxDbContext.SearchCollation).
        var lower = term.ToLowerInvariant();
        return db.Contacts.Where(c => (c.Name != null && c.Name.ToLower().Contains(lower)) || (c.ProfileName != null && c.ProfileName.ToLower().Contains(lower))
                || (c.Username != null && c.Username.ToLower().Contains(lower)) || (digits != null && c.Phone != null && c.Phone.Contains(digits)))
            .Select(c => c.Id);
    }

    /// <summary>
    /// The organization's contacts whose name, profile name or username contain the term (folded, <see cref="TextMatch"/>),
    /// or whose phone contains its digits.
    /// </summary>
    private static IQueryable<Contact> MatchingContacts(InboxDbContext db, string term, bool indexed)
    {
        var text = TextMatch(db, term, indexed);
        var contact = Expression.Parameter(typeof(Contact), "k");
        var body = new[] { nameof(Contact.Name), nameof(Contact.ProfileName), nameof(Contact.Username) }
            .Select(field => Substitute(text, Expression.Property(contact, field))).Aggregate(Expression.OrElse);
        if (PhoneDigits(term) is { } digits) body = Expression.OrElse(body, Substitute(DigitsMatch(db, digits), Expression.Property(contact, nameof(Contact.Phone))));
        return db.Contacts.Where(Expression.Lambda<Func<Contact, bool>>(body, contact));
    }

    /// <summary>The organization's messages whose text contains the term (see <see cref="TextMatch"/>).</summary>
    private static IQueryable<Message> MatchingMessages(InboxDbContext db, string term, bool indexed)
    {
        var message = Expression.Parameter(typeof(Message), "m");
        return db.Messages.Where(Expression.Lambda<Func<Message, bool>>(Substitute(TextMatch(db, term, indexed), Expression.Property(message, nameof(Message.Text))), message));
    }

    /// <summary>
    /// A text column contains the term, without regard to case or accents. PostgreSQL: <c>ILIKE</c> of the unaccented column
    /// and term; <paramref name="indexed"/> names the immutable <c>inbox_fold</c> its trigram indexes are built on (a
    /// function call per candidate row), a row test the stable <c>inbox_unaccent</c> (inlined into <c>unaccent</c>). SQLite:
    /// <c>LIKE</c> (ASCII case) of the folded term on ASCII text, of <c>inbox_fold</c> of the text otherwise, so the
    /// connection function runs only for text with other letters. Elsewhere <c>LIKE</c>, the collation folding.
    /// </summary>
    private static Expression<Func<string?, bool>> TextMatch(InboxDbContext db, string term, bool indexed)
    {
        if (db.Database.IsNpgsql())
        {
            var raw = LikePattern(term);
            return indexed
                ? s => s != null && EF.Functions.ILike(SearchFold.Fold(s)!, SearchFold.Fold(raw)!, "\\")
                : s => s != null && EF.Functions.ILike(SearchFold.RowFold(s)!, SearchFold.RowFold(raw)!, "\\");
        }
        if (db.Database.IsSqlite())
        {
            var folded = LikePattern(SearchFold.Fold(term)!);
            return s => s != null && (s.Length == SearchFold.OctetLength(s)
                ? EF.Functions.Like(s, folded, "\\")
                : EF.Functions.Like(SearchFold.Fold(s)!, folded, "\\"));
        }
        var pattern = LikePattern(term);
        return s => s != null && EF.Functions.Like(s, pattern, "\\");
    }

    /// <summary>A phone column contains the digits: <c>ILIKE</c> on PostgreSQL (its trigram index), <c>LIKE</c> elsewhere.</summary>
    private static Expression<Func<string?, bool>> DigitsMatch(InboxDbContext db, string digits)
    {
        var pattern = LikePattern(digits);
        return db.Database.IsNpgsql() ? s => s != null && EF.Functions.ILike(s, pattern, "\\") : s => s != null && EF.Functions.Like(s, pattern, "\\");
    }

    /// <summary>The body of a one-parameter lambda with <paramref name="argument"/> in place of its parameter.</summary>
    private static Expression Substitute(LambdaExpression lambda, Expression argument) =>
        ReplacingExpressionVisitor.Replace(lambda.Parameters[0], argument, lambda.Body);

    /// <summary>The conversations of messages whose text contains the term, in no order (FTS5 on SQLite).</summary>
    private static IQueryable<Guid> MessageMatches(InboxDbContext db, string term) => db.Database.IsSqlite()
        ? db.Database.SqlQueryRaw<Guid>(
            """SELECT "ConversationId" AS "Value" FROM "MessageSearch" WHERE "MessageSearch" MATCH {0} AND "OrganizationId" = {1}""",
            Phrase(term), SqliteGuid(db.TenantId))
        : MatchingMessages(db, term, indexed: true).Select(m => m.ConversationId);

    /// <summary>Conversations of the newest <see cref="MessageMatchLimit"/> messages whose text contains the term.</summary>
    private static IQueryable<Guid> MessageConversationIds(InboxDbContext db, string term)
    {
        if (db.Database.IsSqlite())
        {
            return db.Database.SqlQueryRaw<Guid>(
                """SELECT "ConversationId" AS "Value" FROM "MessageSearch" WHERE "MessageSearch" MATCH {0} AND "OrganizationId" = {1} ORDER BY rowid DESC LIMIT {2}""",
                Phrase(term), SqliteGuid(db.TenantId), MessageMatchLimit);
        }
        return MatchingMessages(db, term, indexed: true).OrderByDescending(m => m.Timestamp).Take(MessageMatchLimit).Select(m => m.ConversationId);
    }

    /// <summary>The digits of a term that looks like a phone number (digits, spaces, +, -, parentheses), else null.</summary>
    public static string? PhoneDigits(string term)
    {
        if (!term.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '-' or '(' or ')' or '.')) return null;
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>An FTS5 phrase: the term in double quotes (quotes inside doubled), matched as a substring by the trigram tokenizer.</summary>
    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string LikePattern(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>Guids as EF Core stores them in SQLite (upper-case text), for raw SQL parameters.</summary>
    public static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();
}

/// <summary>
/// What <see cref="ConversationQuerySearch.ProbeAsync"/> found: the matching contacts, and the conversations of the matching
/// messages (empty for a term too short for message text); each null when more than the limit match.
/// </summary>
public sealed record SearchProbe(IReadOnlyList<Guid>? ContactIds, IReadOnlyList<Guid>? MessageConversationIds)
{
    /// <summary>Every match is known: the term's pages and counts can read its conversations by key.</summary>
    public bool IsRare => ContactIds is not null && MessageConversationIds is not null;
}
