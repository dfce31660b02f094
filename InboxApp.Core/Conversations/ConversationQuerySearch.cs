using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

/// <summary>
/// The list's <c>search</c>: a case-insensitive substring of the contact's name, profile name, username or phone (digits
/// only, so <c>+55 11</c> finds 5511…), or of the text of a message in the conversation. Message text is searched for
/// terms of <see cref="MinMessageTermLength"/> characters or more. Trigram indexes made by <see cref="SearchIndexes"/>
/// serve it (SQLite FTS5; PostgreSQL pg_trgm when the extension is available). Three ways to answer, cheapest first:
/// <list type="bullet">
/// <item>PostgreSQL, a rare term (<see cref="RareMatchesAsync"/>): every match is read, and the conversations by key.</item>
/// <item>PostgreSQL, a frequent term's page: the list is walked and each row tested (<see cref="Tests"/>).</item>
/// <item>Otherwise the set query (<see cref="Apply"/>), over the newest <see cref="MessageMatchLimit"/> matching messages of
/// the organization, so a very common word cannot make one request read every message.</item>
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

    /// <summary>How many matching contacts, and messages, make a term rare enough to be answered from its matches.</summary>
    public const int RareMatchLimit = 200;

    /// <summary>
    /// PostgreSQL: the ids of every conversation the term matches when it is rare (at most <see cref="RareMatchLimit"/>
    /// matching contacts and as many matching messages, read in no order, so the trigram indexes answer in a few
    /// milliseconds), else null. A rare term's page and counts then read those conversations by key; a frequent one's page
    /// walks the list (<see cref="Tests"/>).
    /// </summary>
    public static async Task<IReadOnlyCollection<Guid>?> RareMatchesAsync(InboxDbContext db, string term, CancellationToken ct)
    {
        var contactIds = await NpgsqlContacts(db, term).Select(c => c.Id).Take(RareMatchLimit + 1).ToListAsync(ct);
        if (contactIds.Count > RareMatchLimit) return null;
        var ids = new HashSet<Guid>();
        if (contactIds.Count > 0) ids.UnionWith(await db.Conversations.Where(c => contactIds.Contains(c.ContactId)).Select(c => c.Id).ToListAsync(ct));
        if (term.Length < MinMessageTermLength) return ids;
        var pattern = LikePattern(term);
        var byMessage = await db.Messages.Where(m => m.Text != null && EF.Functions.ILike(m.Text, pattern, "\\"))
            .Select(m => m.ConversationId).Take(RareMatchLimit + 1).ToListAsync(ct);
        if (byMessage.Count > RareMatchLimit) return null;
        ids.UnionWith(byMessage);
        return ids;
    }

    /// <summary>
    /// PostgreSQL: the search as tests of each conversation, for <see cref="ConversationKeyset.WalkAsync"/>: its contact (by
    /// key) and, for terms of <see cref="MinMessageTermLength"/> or more, its messages (through their conversation index).
    /// Separate tests, each an <c>EXISTS</c> PostgreSQL runs as a semi-join; joined by OR it hashed every matching message
    /// of the organization first. They look at all of a conversation's messages, so a walked page may find a match older
    /// than the set query's newest <see cref="MessageMatchLimit"/>.
    /// </summary>
    public static IReadOnlyList<Func<IQueryable<Conversation>, IQueryable<Conversation>>> Tests(InboxDbContext db, string term)
    {
        var contacts = NpgsqlContacts(db, term);
        IQueryable<Conversation> ByContact(IQueryable<Conversation> q) => q.Where(c => contacts.Any(k => k.Id == c.ContactId));
        if (term.Length < MinMessageTermLength) return [ByContact];
        var pattern = LikePattern(term);
        IQueryable<Conversation> ByMessage(IQueryable<Conversation> q) =>
            q.Where(c => db.Messages.Any(m => m.ConversationId == c.Id && m.Text != null && EF.Functions.ILike(m.Text, pattern, "\\")));
        return [ByContact, ByMessage];
    }

    /// <summary>Ids of the organization's contacts whose name, profile name, username or phone contain the term.</summary>
    public static IQueryable<Guid> ContactIds(InboxDbContext db, string term)
    {
        var digits = PhoneDigits(term);
        if (db.Database.IsSqlite() && term.Length >= MinMessageTermLength)
        {
            var match = Phrase(term) + (digits is { Length: >= MinMessageTermLength } ? " OR {Phone} : " + Phrase(digits) : "");
            return db.Database.SqlQueryRaw<Guid>(
                """SELECT "ContactId" AS "Value" FROM "ContactSearch" WHERE "ContactSearch" MATCH {0} AND "OrganizationId" = {1}""",
                match, SqliteGuid(db.TenantId));
        }
        if (db.Database.IsNpgsql()) return NpgsqlContacts(db, term).Select(c => c.Id);
        var lower = term.ToLowerInvariant();
        return db.Contacts.Where(c => (c.Name != null && c.Name.ToLower().Contains(lower)) || (c.ProfileName != null && c.ProfileName.ToLower().Contains(lower))
                || (c.Username != null && c.Username.ToLower().Contains(lower)) || (digits != null && c.Phone != null && c.Phone.Contains(digits)))
            .Select(c => c.Id);
    }

    /// <summary>PostgreSQL: the organization's contacts whose name, profile name, username or phone (digits) contain the term (ILIKE, trigram indexes).</summary>
    private static IQueryable<Contact> NpgsqlContacts(InboxDbContext db, string term)
    {
        var pattern = LikePattern(term);
        var digits = PhoneDigits(term);
        return digits is null
            ? db.Contacts.Where(c => (c.Name != null && EF.Functions.ILike(c.Name, pattern, "\\")) || (c.ProfileName != null && EF.Functions.ILike(c.ProfileName, pattern, "\\"))
                || (c.Username != null && EF.Functions.ILike(c.Username, pattern, "\\")))
            : db.Contacts.Where(c => (c.Name != null && EF.Functions.ILike(c.Name, pattern, "\\")) || (c.ProfileName != null && EF.Functions.ILike(c.ProfileName, pattern, "\\"))
                || (c.Username != null && EF.Functions.ILike(c.Username, pattern, "\\")) || (c.Phone != null && EF.Functions.ILike(c.Phone, LikePattern(digits), "\\")));
    }

    /// <summary>Conversations of the newest <see cref="MessageMatchLimit"/> messages whose text contains the term.</summary>
    private static IQueryable<Guid> MessageConversationIds(InboxDbContext db, string term)
    {
        if (db.Database.IsSqlite())
        {
            return db.Database.SqlQueryRaw<Guid>(
                """SELECT "ConversationId" AS "Value" FROM "MessageSearch" WHERE "MessageSearch" MATCH {0} AND "OrganizationId" = {1} ORDER BY rowid DESC LIMIT {2}""",
                Phrase(term), SqliteGuid(db.TenantId), MessageMatchLimit);
        }
        var messages = db.Database.IsNpgsql()
            ? db.Messages.Where(m => m.Text != null && EF.Functions.ILike(m.Text, LikePattern(term), "\\"))
            : db.Messages.Where(m => m.Text != null && m.Text.ToLower().Contains(term.ToLowerInvariant()));
        return messages.OrderByDescending(m => m.Timestamp).Take(MessageMatchLimit).Select(m => m.ConversationId);
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
