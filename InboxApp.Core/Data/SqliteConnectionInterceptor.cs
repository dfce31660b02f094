using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InboxApp.Core.Data;

/// <summary>
/// Prepares each SQLite connection once: sets SQLite's own busy timeout, attaches the webhook spool
/// (<see cref="SqliteWebhookSpool"/>) when there is one; and registers the search's <c>inbox_fold</c> on every open. Once per underlying SQLite handle, not per open: EF Core opens a
/// connection for every operation, and pooled handles keep these settings. Without the busy timeout a writer that finds
/// the database locked gets SQLITE_BUSY at once and is retried by Microsoft.Data.Sqlite's loop, which sleeps between
/// attempts; SQLite's busy handler instead waits in steps of a few milliseconds, so a writer queued behind a short
/// transaction continues almost at once.
/// </summary>
public sealed class SqliteConnectionInterceptor(int busyTimeoutMs, string? spoolPath) : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<object, object> Prepared = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare((SqliteConnection)connection);

    // SQLite has no asynchronous I/O: Microsoft.Data.Sqlite's async calls run synchronously anyway.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare((SqliteConnection)connection);
        return Task.CompletedTask;
    }

    private void Prepare(SqliteConnection connection)
    {
        // The search's accent folding for row tests (the FTS5 tables fold by themselves): see SearchFold. On every open:
        // Microsoft.Data.Sqlite removes a connection's functions from the handle when it returns to the pool.
        connection.CreateFunction<string?, string?>("inbox_fold", Conversations.SearchFold.Fold, isDeterministic: true);
        if (connection.Handle is not { } handle || Prepared.TryGetValue(handle, out _)) return;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA busy_timeout = {Math.Max(0, busyTimeoutMs)};";
            command.ExecuteNonQuery();
        }
        if (spoolPath is not null) SqliteWebhookSpool.Attach(connection, spoolPath);
        Prepared.AddOrUpdate(handle, handle);
    }
}
