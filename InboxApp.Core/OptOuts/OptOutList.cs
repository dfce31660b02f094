using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.OptOuts;

/// <summary>
/// The question other features ask before a business-initiated send (campaigns): which of these numbers opted out? Batch
/// friendly (thousands of numbers per call, looked up in chunks of an index), no actor: the caller has checked its own.
/// </summary>
public sealed class OptOutList(InboxDb inboxDb)
{
    private const int Chunk = 500;

    /// <summary>
    /// The numbers of <paramref name="phones"/> (phone keys or numbers in any form) that are on the organization's list,
    /// each with a reason a person can read ("Replied STOP", "Added by a team member"). Keys are the strings given.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> FindOptedOutAsync(Guid organizationId, IReadOnlyCollection<string> phones, CancellationToken ct = default)
    {
        var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var phone in phones.Distinct(StringComparer.Ordinal))
        {
            if (PhoneKeys.Key(phone) is not { } key) continue;
            if (!byKey.TryGetValue(key, out var given)) byKey[key] = given = [];
            given.Add(phone);
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (byKey.Count == 0) return result;
        await using var db = inboxDb.For(organizationId);
        foreach (var chunk in byKey.Keys.Chunk(Chunk))
        {
            var rows = await db.Set<OptOut>().AsNoTracking().Where(o => o.RemovedAt == null && chunk.Contains(o.PhoneKey))
                .Select(o => new { o.PhoneKey, o.Source, o.Keyword }).ToListAsync(ct);
            foreach (var row in rows)
                foreach (var phone in byKey[row.PhoneKey])
                    result[phone] = Reason(row.Source, row.Keyword);
        }
        return result;
    }

    /// <summary>Whether one number (a phone key or a number in any form) is on the organization's list.</summary>
    public async Task<bool> IsOptedOutAsync(Guid organizationId, string phone, CancellationToken ct = default)
    {
        if (PhoneKeys.Key(phone) is not { } key) return false;
        await using var db = inboxDb.For(organizationId);
        return await db.Set<OptOut>().AnyAsync(o => o.PhoneKey == key && o.RemovedAt == null, ct);
    }

    public static string Reason(OptOutSource source, string? keyword) => source switch
    {
        OptOutSource.KEYWORD => keyword is null ? "Opted out by keyword" : $"Replied {keyword}",
        OptOutSource.MANUAL => "Added by a team member",
        OptOutSource.IMPORT => "Imported",
        _ => "Added through the API",
    };
}
