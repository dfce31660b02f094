using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default), <c>Postgres</c> or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite busy timeout in milliseconds (how long a writer waits for the lock).</summary>
    [Range(0, 600_000)]
    public int SqliteBusyTimeoutMs { get; set; } = 5000;

    /// <summary>Apply pending migrations at startup.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
