using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Contacts;

/// <summary>
/// The organization's contacts: a searchable list, lookup by WhatsApp id and edits by agents (who talk to them). A contact
/// belongs to one phone number; a WhatsApp id names one person, so its phone variants (Brazil's ninth digit) and its
/// contacts on several numbers of the organization resolve to one: the most recently updated.
/// </summary>
public sealed class ContactService(InboxDb inboxDb, TimeProvider clock)
{
    public const int MaxSearchLength = 100;

    public async Task<ContactPage> ListAsync(Actor actor, string? search, string? cursor, int limit, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT); // every member; never a shared inbox link (its reads are its own, by number)
        var after = Cursor.Decode<ContactCursorKey>(cursor);
        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (term is { Length: > MaxSearchLength }) throw InboxException.Invalid("search", $"search must be at most {MaxSearchLength} characters");
        await using var db = inboxDb.For(actor.Org);
        var query = db.Contacts.AsNoTracking();
        if (term is not null)
        {
            var ids = ConversationQuerySearch.ContactIds(db, term);
            query = query.Where(c => ids.Contains(c.Id));
        }
        if (after is not null)
        {
            var (at, id) = (after.At, after.Id);
            query = query.Where(c => c.UpdatedAt < at || (c.UpdatedAt == at && c.Id.CompareTo(id) < 0));
        }
        var rows = await query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(limit + 1).ToListAsync(ct);
        var next = rows.Count > limit ? Cursor.Encode(new ContactCursorKey(rows[limit - 1].UpdatedAt, rows[limit - 1].Id)) : null;
        if (rows.Count > limit) rows.RemoveRange(limit, rows.Count - limit);
        return new ContactPage(await ToDtosAsync(db, rows, ct), limit, next);
    }

    public async Task<ContactDto> GetAsync(Actor actor, string waId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT); // every member; never a shared inbox link (its reads are its own, by number)
        await using var db = inboxDb.For(actor.Org);
        var contact = await FindAsync(db, waId, tracking: false, ct) ?? throw InboxException.NotFound("Contact");
        return (await ToDtosAsync(db, [contact], ct))[0];
    }

    public async Task<ContactDto> UpdateAsync(Actor actor, string waId, ContactChanges changes, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT); // every member; never a shared inbox link (its reads are its own, by number)
        await using var db = inboxDb.For(actor.Org);
        var contact = await FindAsync(db, waId, tracking: true, ct) ?? throw InboxException.NotFound("Contact");
        if (changes.Name is { } name) contact.Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (changes.Category is { } category) contact.Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (changes.Attributes is { } attributes) contact.AttributesJson = ContactAttributes.Merge(contact.AttributesJson, attributes);
        if (db.ChangeTracker.HasChanges())
        {
            contact.UpdatedAt = clock.GetUtcNow();
            var conversationIds = await db.Conversations.Where(c => c.ContactId == contact.Id).Select(c => c.Id).ToListAsync(ct);
            foreach (var conversationId in conversationIds) db.Raise(new ContactUpdated(actor.Org, conversationId, contact.Id));
            await db.SaveChangesAsync(ct);
        }
        return (await ToDtosAsync(db, [contact], ct))[0];
    }

    /// <summary>
    /// The contact a WhatsApp id (or BSUID) names: by identifier, wa_id or BSUID, or by the phone key shared by the number's
    /// variants; the most recently updated when several numbers of the organization know that person.
    /// </summary>
    private static async Task<Contact?> FindAsync(InboxDbContext db, string waId, bool tracking, CancellationToken ct)
    {
        var value = waId.Trim();
        if (value.Length is 0 or > 128) return null;
        var key = PhoneKeys.Key(value);
        var digitsOnly = value.TrimStart('+').All(char.IsAsciiDigit);
        var contacts = tracking ? db.Contacts : db.Contacts.AsNoTracking();
        var matches = key is not null && digitsOnly
            ? contacts.Where(c => c.Identifier == value || c.WaId == value || c.Bsuid == value || c.PhoneKey == key)
            : contacts.Where(c => c.Identifier == value || c.WaId == value || c.Bsuid == value);
        return await matches.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
    }

    private static async Task<List<ContactDto>> ToDtosAsync(InboxDbContext db, IReadOnlyList<Contact> contacts, CancellationToken ct)
    {
        if (contacts.Count == 0) return [];
        var ids = contacts.Select(c => c.Id).ToList();
        var conversations = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.ContactId))
            .Select(c => new { c.Id, c.ContactId, c.LastMessageAt }).ToListAsync(ct);
        var byContact = conversations.ToLookup(c => c.ContactId);
        return contacts.Select(c =>
        {
            var own = byContact[c.Id].ToList();
            var last = own.OrderByDescending(x => x.LastMessageAt).ThenByDescending(x => x.Id).FirstOrDefault();
            return new ContactDto(c.Id, c.PhoneNumberId, c.Identifier, c.WaId, c.Bsuid, c.Phone, c.Username, c.ProfileName, c.Name, c.DisplayName,
                c.Category, ContactAttributes.Parse(c.AttributesJson), own.Count, last?.Id, c.CreatedAt, c.UpdatedAt);
        }).ToList();
    }
}
