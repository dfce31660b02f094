using System.Collections.Concurrent;

namespace InboxApp.Core.Conversations;

/// <summary>
/// Which search terms an organization's probe found frequent lately, per side (contacts, messages), so the next page,
/// count or live refresh of the same search skips that side's probe (for "order" on PostgreSQL the message probe reads
/// about 2,700 messages: 5–7 ms). Only "frequent" is remembered: a frequent side is tested row by row, which is exact
/// whatever changed since (at worst slower, if the term became rare); a rare side's matches are read afresh every time.
/// </summary>
public sealed class SearchProbeMemo(TimeProvider clock)
{
    /// <summary>How long a term stays known as frequent.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Terms remembered at most (all organizations); past it the expired ones go, then all.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<(Guid Org, string Term, bool Messages), DateTimeOffset> frequent = new();

    public bool IsFrequent(Guid org, string term, bool messages) =>
        frequent.TryGetValue((org, Normalize(term), messages), out var until) && until > clock.GetUtcNow();

    public void RememberFrequent(Guid org, string term, bool messages)
    {
        var now = clock.GetUtcNow();
        if (frequent.Count >= Capacity)
        {
            foreach (var entry in frequent.Where(e => e.Value <= now)) frequent.TryRemove(entry.Key, out _);
            if (frequent.Count >= Capacity) frequent.Clear();
        }
        frequent[(org, Normalize(term), messages)] = now + Lifetime;
    }

    /// <summary>Both databases search without regard to case and accents, so "Chloé" and "chloe" are one term.</summary>
    private static string Normalize(string term) => SearchFold.Fold(term)!;
}
