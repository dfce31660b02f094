using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InboxApp.Core.Data;

/// <summary>
/// Sets SQLite's own busy timeout on every opened connection. Without it a writer that finds the database locked gets
/// SQLITE_BUSY at once and is retried by Microsoft.Data.Sqlite's loop, which sleeps between attempts; SQLite's busy handler
/// instead waits in steps of a few milliseconds, so a writer queued behind a short transaction continues almost at once.
/// </summary>
public sealed class SqliteBusyTimeoutInterceptor(int milliseconds) : DbConnectionInterceptor
{
    private readonly string pragma = $"PRAGMA busy_timeout = {Math.Max(0, milliseconds)};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
