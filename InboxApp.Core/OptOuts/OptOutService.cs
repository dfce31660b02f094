using System.Globalization;
using System.Text;
using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.OptOuts;

/// <summary>
/// The organization's suppression list: every member reads it; supervisors and admins (and API keys) add, import, remove and
/// export numbers and change the keywords. Customers put themselves on it by keyword (<see cref="OptOutKeywordListener"/>).
/// </summary>
public sealed class OptOutService(InboxDb inboxDb, TimeProvider clock)
{
    public const int MaxImport = 10_000;

    public async Task<OptOutPage> ListAsync(Actor actor, string? search, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var query = db.Set<OptOut>().AsNoTracking().Where(o => o.RemovedAt == null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
            var upper = term.ToUpperInvariant();
            var keyword = OptOutKeywords.Normalize(term) ?? upper; // keywords are stored folded ("ARRÊT" is kept as ARRET)
            query = digits.Length >= 3 && digits.Length * 2 >= term.Count(c => !char.IsWhiteSpace(c))
                ? query.Where(o => o.Phone.Contains(digits) || o.PhoneKey.Contains(digits))
                : query.Where(o => (o.Keyword != null && o.Keyword.Contains(keyword)) || (o.Note != null && o.Note.ToUpper().Contains(upper)));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new OptOutPage(await ToDtosAsync(db, rows, ct), total);
    }

    /// <summary>Puts one number on the list (MANUAL, or API for an API key). 409 when it is on the list already.</summary>
    public async Task<OptOutDto> AddAsync(Actor actor, string? phone, string? note, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        var (e164, key) = Number(phone) ?? throw InboxException.Invalid("phone", "phone must be a phone number in international form, for example +4915112345678");
        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (cleanNote is { Length: > OptOut.MaxNoteLength }) throw InboxException.Invalid("note", $"note must be at most {OptOut.MaxNoteLength} characters");
        await using var db = inboxDb.For(actor.Org);
        var row = await db.Set<OptOut>().FirstOrDefaultAsync(o => o.PhoneKey == key, ct);
        if (row is { IsActive: true }) throw InboxException.Conflict("This number is on the opt-out list already");
        var contactId = await ContactIdAsync(db, key, ct);
        row = Activate(db, row, key, e164, contactId, actor.ApiKeyId is null ? OptOutSource.MANUAL : OptOutSource.API, null, null, cleanNote, actor.UserId, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw InboxException.Conflict("This number is on the opt-out list already");
        }
        return (await ToDtosAsync(db, [row], ct))[0];
    }

    /// <summary>Puts many numbers on the list (IMPORT): those on it already are counted, not changed; what is not a number is listed.</summary>
    public async Task<OptOutImportResult> ImportAsync(Actor actor, IReadOnlyList<string> phones, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        if (phones.Count == 0) throw InboxException.Invalid("phones", "phones must name at least one number");
        if (phones.Count > MaxImport) throw InboxException.Invalid("phones", $"at most {MaxImport} numbers per import");
        var invalid = new List<string>();
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var phone in phones)
        {
            if (Number(phone) is { } n) numbers.TryAdd(n.Key, n.E164);
            else invalid.Add(phone ?? "");
        }
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var existing = new Dictionary<string, OptOut>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Keys.Chunk(500))
            foreach (var row in await db.Set<OptOut>().Where(o => chunk.Contains(o.PhoneKey)).ToListAsync(ct))
                existing[row.PhoneKey] = row;
        var contacts = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Keys.Chunk(500))
            foreach (var c in await db.Contacts.Where(c => c.PhoneKey != null && chunk.Contains(c.PhoneKey)).Select(c => new { c.PhoneKey, c.Id }).ToListAsync(ct))
                contacts.TryAdd(c.PhoneKey!, c.Id);
        int added = 0, already = 0;
        foreach (var (key, e164) in numbers)
        {
            existing.TryGetValue(key, out var row);
            if (row is { IsActive: true })
            {
                already++;
                continue;
            }
            Activate(db, row, key, e164, contacts.TryGetValue(key, out var id) ? id : null, OptOutSource.IMPORT, null, null, null, actor.UserId, now);
            added++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw InboxException.Conflict("Some of these numbers were added meanwhile; import again");
        }
        return new OptOutImportResult(added, already, invalid);
    }

    /// <summary>Takes a number off the list. 404 for a number not on it (or another organization's).</summary>
    public async Task RemoveAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var removed = await db.Set<OptOut>().Where(o => o.Id == id && o.RemovedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.RemovedAt, clock.GetUtcNow())
            .SetProperty(o => o.RemovedById, actor.UserId)
            .SetProperty(o => o.RemovedByMessageId, (Guid?)null), ct);
        if (removed == 0) throw InboxException.NotFound("Opt-out");
    }

    /// <summary>The whole list as CSV (phone, country, source, keyword, note, added at), newest first.</summary>
    public async Task<string> ExportCsvAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var rows = await db.Set<OptOut>().AsNoTracking().Where(o => o.RemovedAt == null).OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id).ToListAsync(ct);
        var csv = new StringBuilder("phone,country,source,keyword,note,addedAt\n");
        foreach (var o in rows)
            csv.Append(Csv("+" + o.Phone)).Append(',').Append(Csv(PhoneKeys.Country(o.Phone))).Append(',').Append(o.Source).Append(',')
                .Append(Csv(o.Keyword)).Append(',').Append(Csv(o.Note)).Append(',')
                .Append(o.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        return csv.ToString();
    }

    public async Task<OptOutSettingsDto> GetSettingsAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        return await OptOutSettingsStore.LoadAsync(db, ct);
    }

    /// <summary>Saves the keywords and confirmation texts. Keywords are checked (length, count, no word in both lists).</summary>
    public async Task<OptOutSettingsDto> UpdateSettingsAsync(Actor actor, bool keywordsEnabled, IReadOnlyList<string>? stopKeywords,
        IReadOnlyList<string>? startKeywords, string? optOutReply, string? optInReply, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        var stop = Keywords("stopKeywords", stopKeywords, required: true);
        var start = Keywords("startKeywords", startKeywords, required: false);
        var both = OptOutKeywords.MatchSet(stop).Intersect(OptOutKeywords.MatchSet(start)).ToList();
        if (both.Count > 0) throw InboxException.Invalid("startKeywords", $"{both[0]} cannot be an opt-out and a re-subscribe keyword");
        var outReply = Reply("optOutReply", optOutReply);
        var inReply = Reply("optInReply", optInReply);
        await using var db = inboxDb.For(actor.Org);
        var row = await db.Set<OptOutSettings>().FirstOrDefaultAsync(ct);
        if (row is null) db.Add(row = new OptOutSettings { OrganizationId = actor.Org });
        row.KeywordsEnabled = keywordsEnabled;
        row.StopKeywords = OptOutKeywords.Join(stop);
        row.StartKeywords = OptOutKeywords.Join(start);
        row.OptOutReply = outReply;
        row.OptInReply = inReply;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedById = actor.UserId;
        db.InterestChanged<OptOutKeywordListener>(); // keywords on or off: the next messages are (or are not) checked
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw InboxException.Conflict("The settings were saved meanwhile; reload and try again");
        }
        return await OptOutSettingsStore.LoadAsync(db, ct);
    }

    /// <summary>Whether the contact's number is on the list (for the contact panel).</summary>
    public async Task<bool> IsContactOptedOutAsync(Actor actor, Guid contactId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => new { c.PhoneKey, c.Phone, c.WaId }).FirstOrDefaultAsync(ct);
        var key = contact is null ? null : contact.PhoneKey ?? PhoneKeys.Key(contact.Phone ?? contact.WaId);
        return key is not null && await db.Set<OptOut>().AnyAsync(o => o.PhoneKey == key && o.RemovedAt == null, ct);
    }

    /// <summary>Makes a new row, or an earlier removed one active again with this entry's details.</summary>
    internal static OptOut Activate(InboxDbContext db, OptOut? row, string key, string e164, Guid? contactId, OptOutSource source, string? keyword,
        Guid? messageId, string? note, Guid? addedById, DateTimeOffset now)
    {
        if (row is null) db.Add(row = new OptOut { PhoneKey = key, Phone = e164 });
        row.Phone = e164;
        row.ContactId = contactId ?? row.ContactId;
        row.Source = source;
        row.Keyword = keyword;
        row.MessageId = messageId;
        row.Note = note;
        row.AddedById = addedById;
        row.CreatedAt = now;
        row.RemovedAt = null;
        row.RemovedById = null;
        row.RemovedByMessageId = null;
        return row;
    }

    /// <summary>E.164 digits (without "+") and the matching key of a possible international number.</summary>
    internal static (string E164, string Key)? Number(string? phone)
    {
        if (PhoneKeys.E164(phone) is not { } e164 || PhoneKeys.Key(e164) is not { } key) return null;
        return (e164[1..], key);
    }

    private static async Task<Guid?> ContactIdAsync(InboxDbContext db, string key, CancellationToken ct) =>
        await db.Contacts.Where(c => c.PhoneKey == key).OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);

    private static async Task<IReadOnlyList<OptOutDto>> ToDtosAsync(InboxDbContext db, IReadOnlyList<OptOut> rows, CancellationToken ct)
    {
        var contactIds = rows.Where(r => r.ContactId is not null).Select(r => r.ContactId!.Value).Distinct().ToList();
        var userIds = rows.Where(r => r.AddedById is not null).Select(r => r.AddedById!.Value).Distinct().ToList();
        var contacts = contactIds.Count == 0 ? [] : await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.Select(o => new OptOutDto(o.Id, "+" + o.Phone, o.PhoneKey, PhoneKeys.Country(o.Phone), o.ContactId,
            o.ContactId is { } c && contacts.TryGetValue(c, out var contact) ? contact.DisplayName : null, o.Source, o.Keyword, o.Note, o.AddedById,
            o.AddedById is { } u && users.TryGetValue(u, out var name) ? name : null, o.CreatedAt)).ToList();
    }

    private static List<string> Keywords(string field, IReadOnlyList<string>? keywords, bool required)
    {
        var list = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, i) in (keywords ?? []).Select((w, i) => (w, i)))
        {
            var trimmed = word?.Trim() ?? "";
            if (OptOutKeywords.Normalize(trimmed) is not { } folded)
                throw InboxException.Invalid($"{field}[{i}]", $"a keyword must have 1 to {OptOutKeywords.MaxKeywordLength} characters");
            if (seen.Add(folded)) list.Add(trimmed.ToUpperInvariant());
        }
        if (required && list.Count == 0) throw InboxException.Invalid(field, "name at least one keyword");
        if (list.Count > OptOutKeywords.MaxKeywords) throw InboxException.Invalid(field, $"at most {OptOutKeywords.MaxKeywords} keywords");
        return list;
    }

    private static string Reply(string field, string? text)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length > OptOutSettings.MaxReplyLength) throw InboxException.Invalid(field, $"{field} must be at most {OptOutSettings.MaxReplyLength} characters");
        return clean;
    }

    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // A cell starting with = + - @ (or a tab or carriage return before one) would run as a formula in a spreadsheet.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !(value[0] == '+' && value.Length > 1 && value.Skip(1).All(char.IsAsciiDigit))) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
