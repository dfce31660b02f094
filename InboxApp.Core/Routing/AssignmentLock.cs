using InboxApp.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Routing;

/// <summary>
/// Serializes fair assignment of one organization across every app node on the database (ADR 0033): PostgreSQL a
/// transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>), SQL Server an application lock owned by a transaction
/// (<c>sp_getapplock</c>), SQLite an exclusive lock file beside the database (a SQLite file is normally used by one node;
/// the file lock keeps a second process on the same file correct too). The lock lives on a connection of its own, held
/// for the whole drain; the drain's reads and writes use their own contexts. Closing the connection (a crash included)
/// releases it.
/// </summary>
internal static class AssignmentLock
{
    /// <summary>Lock stripes for SQLite: organizations share a lock file by the hash of their id (a collision only serializes).</summary>
    private const int SqliteStripes = 64;
    private static readonly TimeSpan SqliteRetry = TimeSpan.FromMilliseconds(5);

    public static async Task<IAsyncDisposable> AcquireAsync(InboxDb inboxDb, Guid org, CancellationToken ct)
    {
        var db = inboxDb.For(org);
        try
        {
            if (db.Database.IsNpgsql())
            {
                var tx = await db.Database.BeginTransactionAsync(ct);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key(org)})", ct);
                return new Held(db, tx, null);
            }
            if (db.Database.IsSqlServer())
            {
                var tx = await db.Database.BeginTransactionAsync(ct);
                var resource = "inbox-assignment-" + org.ToString("N");
                await db.Database.ExecuteSqlAsync($"EXEC sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1", ct);
                return new Held(db, tx, null);
            }
            if (db.Database.IsSqlite() && LockFile(db, org) is { } path)
            {
                await db.DisposeAsync();
                return new Held(null, null, await OpenExclusiveAsync(path, ct));
            }
            await db.DisposeAsync();
            return new Held(null, null, null); // in memory: one process, the caller's gate is enough
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The advisory lock key of an organization: its id folded to 64 bits, mixed with routing's own constant.</summary>
    internal static long Key(Guid org)
    {
        Span<byte> bytes = stackalloc byte[16];
        org.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]) ^ 0x526F_7574_696E_6730; // "Routing0"
    }

    private static string? LockFile(DbContext db, Guid org)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:") return null;
        var folder = Path.GetFullPath(source) + ".locks";
        Directory.CreateDirectory(folder);
        var stripe = (int)((ulong)Key(org) % SqliteStripes);
        return Path.Combine(folder, $"assignment-{stripe:D2}.lock");
    }

    /// <summary>Opens the lock file with no sharing (an exclusive flock on Unix, a share-mode lock on Windows), waiting while another holder has it.</summary>
    private static async Task<FileStream> OpenExclusiveAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException)
            {
                await Task.Delay(SqliteRetry, ct);
            }
        }
    }

    private sealed class Held(DbContext? db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? tx, FileStream? file) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (tx is not null)
            {
                try
                {
                    await tx.CommitAsync(CancellationToken.None); // releases the lock (nothing was written)
                }
                finally
                {
                    await tx.DisposeAsync();
                }
            }
            if (db is not null) await db.DisposeAsync();
            if (file is not null) await file.DisposeAsync();
        }
    }
}
