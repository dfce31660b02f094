using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Pricing;

/// <summary>
/// The stored region membership (<see cref="PriceRegionCountry"/>: country → region market) as the read paths use it
/// (estimates, recorded costs, the campaign wizard), kept in memory. A change made on this node
/// (<see cref="PricingService.UpdateRegionAsync"/>) drops the copy at once; other nodes of a multi-instance deployment
/// read the table again when their copy is older than <see cref="Lifetime"/>, so a change reaches every node within that
/// time (in-process events reach only the node that saved, and the outbox delivers an event to one node only). Reading the
/// table costs one query of about 120 short rows.
/// </summary>
public sealed class PriceRegionMembership(InboxDb inboxDb, TimeProvider clock)
{
    /// <summary>How long another node may price with the membership it read before a change.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(IReadOnlyDictionary<string, string> ByCountry, DateTimeOffset LoadedAt, long Generation);

    private Snapshot? current;
    private long generation;

    /// <summary>Country (ISO 3166-1 alpha-2) → region market, for every country in a region.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetAsync(CancellationToken ct = default)
    {
        var seen = Volatile.Read(ref current);
        var gen = Interlocked.Read(ref generation);
        if (seen is not null && seen.Generation == gen && clock.GetUtcNow() - seen.LoadedAt < Lifetime) return seen.ByCountry;

        var loadedAt = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var rows = await db.Set<PriceRegionCountry>().AsNoTracking().Select(c => new { c.Country, c.Market }).ToListAsync(ct);
        var map = rows.ToDictionary(r => r.Country, r => r.Market, StringComparer.Ordinal);
        // Keep it only when no change was made meanwhile (a read that began before a save must not outlive it).
        if (Interlocked.Read(ref generation) == gen) Volatile.Write(ref current, new Snapshot(map, loadedAt, gen));
        return map;
    }

    /// <summary>Forget the copy: the next read loads the table (called after a change is saved on this node).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref current, null);
    }
}
