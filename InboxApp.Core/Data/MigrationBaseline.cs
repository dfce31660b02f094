using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Data;

/// <summary>
/// The migrations of each provider were squashed into one, <c>Baseline</c> (docs/decisions/0048). A database migrated
/// before that holds the old migrations' ids in its history and none of the ids this version knows. When the old history
/// ends with the last migration before the squash, the database has the schema the baseline creates: its history is
/// rewritten to the baseline and the migrations after it apply as usual. A database stopped at an older migration is
/// refused, before anything is changed, with what to do.
/// </summary>
public static class MigrationBaseline
{
    /// <summary>The last commit with the migrations from before the squash: it brings an older database up to them.</summary>
    public const string LastCommitBeforeSquash = "b2f30e9";

    /// <summary>The last migration of the provider before the squash.</summary>
    public static string LastBeforeSquash(InboxDbContext db) => db switch
    {
        SqliteInboxDbContext => "20261205101822_PriceRegionCountries",
        PostgresInboxDbContext => "20261205101836_PriceRegionCountries",
        _ => "20261205101849_PriceRegionCountries",
    };

    /// <summary>
    /// Rewrites a history from before the squash to the baseline; does nothing for any other database. Takes the
    /// migrations this version knows and the ids the history holds (read once by the caller); returns the history's ids
    /// afterwards.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> AdoptAsync(InboxDbContext db, IReadOnlyCollection<string> known,
        IReadOnlyCollection<string> applied, ILogger logger, CancellationToken ct)
    {
        if (!IsFromBeforeSquash(known, applied)) return applied;
        var history = db.GetService<IHistoryRepository>();
        // Several instances may start on one database at once: the one holding migrations' own lock (in a transaction, as
        // PostgreSQL's is a table lock) rewrites it, the others then find the baseline.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var dbLock = await history.AcquireDatabaseLockAsync(ct);
        var locked = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (!IsFromBeforeSquash(known, locked)) return locked;
        var last = LastBeforeSquash(db);
        if (!locked.Contains(last, StringComparer.Ordinal))
            throw new InvalidOperationException(
                $"This database was migrated by an InboxApp from before its migrations were squashed, and only up to {locked.Max(StringComparer.Ordinal)}. " +
                $"Start InboxApp at commit {LastCommitBeforeSquash} on it once (it applies the migrations up to {last}), then this version " +
                "(docs/operations.md, \"Upgrading\").");
        var baseline = known.Min(StringComparer.Ordinal)!;
        // EF Core's own scripts for its history table (the ids are the table's and the assembly's).
        var rewrite = string.Concat(locked.Select(history.GetDeleteScript)) + history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion()));
        await db.Database.ExecuteSqlRawAsync(rewrite, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("The database's {Count} migration(s) from before the squash are recorded as {Baseline}", locked.Count, baseline);
        return [baseline];
    }

    private static bool IsFromBeforeSquash(IReadOnlyCollection<string> known, IEnumerable<string> applied)
    {
        var any = false;
        foreach (var id in applied)
        {
            if (known.Contains(id)) return false;
            any = true;
        }
        return any;
    }
}
