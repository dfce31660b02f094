using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InboxApp.Core.Data;

/// <summary>
/// Prepares every opened SQLite connection: sets SQLite's own busy timeout, and attaches the webhook spool
/// (<see cref="SqliteWebhookSpool"/>) when there is one. Without the busy timeout a writer that finds the database locked
/// gets SQLITE_BUSY at once and is retried by Microsoft.Data.Sqlite's loop, which sleeps between attempts; SQLite's busy
/// handler instead waits in steps of a few milliseconds, so a writer queued behind a short transaction continues almost at once.
/// </summary>
public sealed class SqliteConnectionInterceptor(int busyTimeoutMs, string? spoolPath) : DbConnectionInterceptor
{
    private readonly string pragma = $"PRAGMA busy_timeout = {Math.Max(0, busyTimeoutMs)};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = pragma;
            command.ExecuteNonQuery();
        }
        if (spoolPath is not null) SqliteWebhookSpool.Attach((SqliteConnection)connection, spoolPath);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        // SQLite has no asynchronous I/O: Microsoft.Data.Sqlite's async calls run synchronously anyway.
        if (spoolPath is not null) SqliteWebhookSpool.Attach((SqliteConnection)connection, spoolPath);
    }
}
