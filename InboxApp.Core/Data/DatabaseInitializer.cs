using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Data;

/// <summary>
/// Applies this provider's migrations at startup; SQLite is switched to WAL first, and its webhook deliveries are kept in
/// the spool file (moved out of it while migrations run, since migrations work on the main file).
/// </summary>
public sealed class DatabaseInitializer(InboxDb inboxDb, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = inboxDb.System();
        if (db.Database.IsSqlite())
        {
            var cs = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var dir = Path.GetDirectoryName(Path.GetFullPath(cs.DataSource));
            if (!string.IsNullOrEmpty(dir) && cs.Mode != SqliteOpenMode.Memory) Directory.CreateDirectory(dir);
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        if (!options.Value.MigrateOnStartup) return;
        // The history is read once: what the baseline's adoption needs and what is pending come from it.
        var known = db.Database.GetMigrations().ToList();
        var applied = await MigrationBaseline.AdoptAsync(db, known, (await db.Database.GetAppliedMigrationsAsync(ct)).ToList(), logger, ct);
        var pending = known.Where(m => !applied.Contains(m)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            if (db.Database.IsSqlite()) await SqliteWebhookSpool.MoveOutAsync(db, logger, ct);
            await db.Database.MigrateAsync(ct);
        }
        if (db.Database.IsSqlite()) await SqliteWebhookSpool.MoveInAsync(db, logger, ct);
        await Conversations.SearchIndexes.EnsureAsync(db, logger, ct);
    }
}
