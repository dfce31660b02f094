using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Data;

/// <summary>
/// On SQLite, the webhook deliveries (the "spool": raw deliveries stored before Meta gets its 200) live in a database file
/// of their own, <c>inbox-webhooks.db</c> beside <c>inbox.db</c>, attached to every connection as <c>webhooks</c>.
/// <para>
/// Why: SQLite has one writer per database file. In one file, acknowledging a delivery had to wait while the webhook worker
/// wrote the messages of the previous hundred (40–60 ms), which set the acknowledgement's p99. In two files the two
/// writers do not meet: the acknowledgement commits to the spool while processing commits to the main file.
/// </para>
/// <para>
/// Queries need no change: SQLite resolves an unqualified table name in <c>main</c> first, then in the attached databases,
/// so <c>"WebhookDeliveries"</c> finds the spool's table. Migrations, however, create and alter tables in <c>main</c>:
/// <see cref="DatabaseInitializer"/> moves the table back into <c>main</c> before it applies migrations and into the spool
/// afterwards (<see cref="MoveOutAsync"/>, <see cref="MoveInAsync"/>), so the EF model and migrations stay as they are.
/// Writers that must not lock both files use deferred transactions (<see cref="SqliteWrites"/>): SQLite's
/// <c>BEGIN IMMEDIATE</c> takes the write lock of every attached file at once.
/// </para>
/// An in-memory database has no spool (nothing to keep apart); PostgreSQL and SQL Server lock rows, not files, and keep
/// the table where it is.
/// </summary>
public static class SqliteWebhookSpool
{
    public const string Schema = "webhooks";
    public const string Table = "WebhookDeliveries";

    private const string IsAttachedSql = $"SELECT count(*) FROM pragma_database_list WHERE name = '{Schema}'";

    /// <summary>The spool file for a SQLite connection string, or null for an in-memory database.</summary>
    public static string? PathFor(string connectionString)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (b.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(b.DataSource) || b.DataSource == ":memory:") return null;
        var main = Path.GetFullPath(b.DataSource);
        return Path.Combine(Path.GetDirectoryName(main)!, Path.GetFileNameWithoutExtension(main) + "-webhooks.db");
    }

    /// <summary>Attaches the spool to a freshly opened connection (<see cref="SqliteConnectionInterceptor"/> calls it once per handle).</summary>
    public static void Attach(SqliteConnection connection, string spoolPath)
    {
        using var command = connection.CreateCommand();
        // A handle attached before this process met it (or by someone else) is fine as it is.
        command.CommandText = IsAttachedSql;
        if (Convert.ToInt64(command.ExecuteScalar()) > 0) return;
        command.CommandText = $"ATTACH DATABASE $path AS {Schema}; PRAGMA {Schema}.journal_mode = WAL;";
        command.Parameters.AddWithValue("$path", spoolPath);
        command.ExecuteNonQuery();
    }

    /// <summary>Whether the connection's spool is attached (false for an in-memory database).</summary>
    public static async Task<bool> IsAttachedAsync(InboxDbContext db, CancellationToken ct) =>
        await ScalarAsync(db, IsAttachedSql, ct) > 0;

    /// <summary>Moves the deliveries table, its rows and its indexes from <c>main</c> into the spool, if it is in <c>main</c>.</summary>
    public static Task<bool> MoveInAsync(InboxDbContext db, ILogger logger, CancellationToken ct) => MoveAsync(db, "main", Schema, logger, ct);

    /// <summary>Moves the deliveries table back into <c>main</c> (for migrations), if it is in the spool.</summary>
    public static Task<bool> MoveOutAsync(InboxDbContext db, ILogger logger, CancellationToken ct) => MoveAsync(db, Schema, "main", logger, ct);

    private static async Task<bool> MoveAsync(InboxDbContext db, string from, string to, ILogger logger, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!await IsAttachedAsync(db, ct)) return false;
            var definitions = new List<(string Type, string Name, string Sql)>();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = $"SELECT type, name, sql FROM {from}.sqlite_master WHERE tbl_name = '{Table}' AND sql IS NOT NULL ORDER BY type DESC";
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) definitions.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
            if (!definitions.Any(d => d.Type == "table")) return false;

            // The table first (its definition names it, quoted, right after CREATE TABLE), the rows, then the indexes.
            var script = new List<string>();
            foreach (var (_, _, sql) in definitions.Where(d => d.Type == "table"))
                script.Add(Qualify(sql, $"CREATE TABLE \"{Table}\"", $"CREATE TABLE {to}.\"{Table}\""));
            script.Add($"INSERT INTO {to}.\"{Table}\" SELECT * FROM {from}.\"{Table}\"");
            script.Add($"DROP TABLE {from}.\"{Table}\"");
            foreach (var (_, name, sql) in definitions.Where(d => d.Type == "index"))
                script.Add(Qualify(sql, $"INDEX \"{name}\"", $"INDEX {to}.\"{name}\""));

            await using var transaction = connection.BeginTransaction();
            foreach (var statement in script)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            logger.LogInformation("Moved {Table} from {From} to {To}", Table, from, to);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Qualify(string sql, string unqualified, string qualified) =>
        sql.Contains(unqualified, StringComparison.Ordinal)
            ? sql.Replace(unqualified, qualified, StringComparison.Ordinal)
            : throw new InvalidOperationException($"Unexpected definition in sqlite_master: {sql}");

    private static async Task<long> ScalarAsync(InboxDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}

/// <summary>Which SQLite file a deferred write transaction writes (<see cref="SqliteWrites"/>).</summary>
public enum SqliteWriteTarget
{
    /// <summary>The main file: the transaction takes <see cref="SqliteWriteLane"/>.</summary>
    Main,
    /// <summary>The webhook spool only (<see cref="SqliteWebhookSpool"/>): its writers take turns through the webhook write gate instead.</summary>
    WebhookSpool,
}

/// <summary>
/// Write transactions on SQLite that lock only the file they write: <c>BEGIN</c> (deferred) takes a file's write lock at
/// its first write there, while <c>BEGIN IMMEDIATE</c> locks every attached file at once. A transaction on the main file
/// holds <see cref="SqliteWriteLane"/> from its start to its commit, so no other writer of this process can commit between
/// its reads and its writes. The events raised meanwhile are published after the lane is given back, so a listener that
/// writes does not wait behind the transaction that raised them. On other databases these are the ordinary calls.
/// </summary>
public static class SqliteWrites
{
    /// <summary><see cref="DbContext.SaveChangesAsync(CancellationToken)"/> in a deferred transaction on SQLite.</summary>
    public static async Task<int> SaveChangesDeferredAsync(this DbContext db, CancellationToken ct, SqliteWriteTarget target = SqliteWriteTarget.Main)
    {
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null) return await db.SaveChangesAsync(ct);
        // The durable listeners' interest answers are read before the write lane is taken, not while holding it.
        if (db is InboxDbContext inbox) await inbox.PrepareOutboxAsync(ct);
        return await db.InDeferredTransactionAsync(() => db.SaveChangesAsync(ct), ct, target);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it: deferred on SQLite, an ordinary one elsewhere.</summary>
    public static async Task<T> InDeferredTransactionAsync<T>(this DbContext db, Func<Task<T>> work, CancellationToken ct,
        SqliteWriteTarget target = SqliteWriteTarget.Main)
    {
        if (!db.Database.IsSqlite())
        {
            await using var ordinary = await db.Database.BeginTransactionAsync(ct);
            var done = await work();
            await ordinary.CommitAsync(ct); // the events raised meanwhile are published by EventTransactionInterceptor
            return done;
        }
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var lane = target == SqliteWriteTarget.Main ? LaneOf(db) : null;
        using var exempt = target == SqliteWriteTarget.WebhookSpool ? SqliteWriteLane.Exempt(connection) : null;
        if (lane is not null) await lane.AcquireAsync(connection, ct);
        var laneHeld = lane is not null;
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var transaction = connection.BeginTransaction(deferred: true);
                await db.Database.UseTransactionAsync(transaction, ct);
                T result;
                try
                {
                    result = await work();
                    await transaction.CommitAsync(ct);
                }
                catch
                {
                    (db as InboxDbContext)?.DiscardUncommitted();
                    throw;
                }
                await db.Database.UseTransactionAsync(null, CancellationToken.None);
                if (laneHeld)
                {
                    lane!.Release(connection);
                    laneHeld = false;
                }
                // Committed on the connection, not through EF Core's transaction: publish the raised events here.
                (db as InboxDbContext)?.PublishCommitted();
                return result;
            }
            finally
            {
                await db.Database.UseTransactionAsync(null, CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
        finally
        {
            if (laneHeld) lane!.Release(connection);
        }
    }

    private static SqliteWriteLane? LaneOf(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteLaneInterceptor>().FirstOrDefault()?.Lane;
}
