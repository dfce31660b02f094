using System.Data;
using InboxApp.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Several reads that must show one moment (a page of recipients and the counts beside it): one REPEATABLE READ
/// transaction on PostgreSQL and SQL Server (PostgreSQL's is a snapshot), one deferred read transaction on SQLite (in WAL
/// mode its first read fixes the snapshot; it is begun on the connection itself, so it does not wait for the write lane
/// that EF Core's transactions take there).
/// </summary>
internal static class CampaignSnapshot
{
    public static async Task<T> ReadAsync<T>(InboxDbContext db, Func<Task<T>> reads, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var tx = sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true);
                await db.Database.UseTransactionAsync(tx, ct);
                try
                {
                    var result = await reads();
                    await tx.CommitAsync(ct);
                    return result;
                }
                finally
                {
                    await db.Database.UseTransactionAsync(null, ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        await using (var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            var result = await reads();
            await tx.CommitAsync(ct);
            return result;
        }
    }
}
