using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Npgsql;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Hangfire's storage for the app's database provider: SQLite apps keep it in their own file (<c>{DataDirectory}/jobs.db</c>,
/// never the app's database, so Hangfire's polling never waits for the app's writer); PostgreSQL and SQL Server apps keep it
/// in a schema of their own (<see cref="JobsOptions.Schema"/>) in the app's database, which several app instances share.
/// Creating a storage touches no server database: <see cref="PrepareSchemaAsync"/> creates or upgrades the schema once the
/// app's own migrations have run.
/// </summary>
public static class JobStorageFactory
{
    public static JobStorage Create(DatabaseProvider provider, string? connectionString, AppPaths paths, JobsOptions options) => provider switch
    {
        DatabaseProvider.Sqlite => new SQLiteStorage(SqliteFile(paths, options), new SQLiteStorageOptions
        {
            QueuePollInterval = options.PollInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
            JournalMode = SQLiteStorageOptions.JournalModes.WAL,
        }),
        DatabaseProvider.Postgres => PostgresStorage(Required(connectionString, provider), options),
        DatabaseProvider.SqlServer => new SqlServerStorage(Required(connectionString, provider), new SqlServerStorageOptions
        {
            SchemaName = options.Schema,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = options.PollInterval,
            SlidingInvisibilityTimeout = options.InvisibilityTimeout,
            SqlClientFactory = Microsoft.Data.SqlClient.SqlClientFactory.Instance,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>Creates or upgrades Hangfire's schema in the app's database (PostgreSQL, SQL Server); SQLite's file prepares itself.</summary>
    public static async Task PrepareSchemaAsync(DatabaseProvider provider, string? connectionString, JobsOptions options, CancellationToken ct)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                await using (var connection = new NpgsqlConnection(Required(connectionString, provider)))
                {
                    await connection.OpenAsync(ct);
                    PostgreSqlObjectsInstaller.Install(connection, options.Schema);
                }
                break;
            case DatabaseProvider.SqlServer:
                await using (var connection = new Microsoft.Data.SqlClient.SqlConnection(Required(connectionString, provider)))
                {
                    await connection.OpenAsync(ct);
                    SqlServerObjectsInstaller.Install(connection, options.Schema, enableHeavyMigrations: false);
                }
                break;
        }
    }

    /// <summary>The full path of Hangfire's SQLite file; its folder is created.</summary>
    public static string SqliteFile(AppPaths paths, JobsOptions options)
    {
        var file = Path.GetFullPath(Path.Combine(paths.DataDirectory, options.SqliteFile));
        if (Path.GetDirectoryName(file) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        return file;
    }

    public static string Describe(DatabaseProvider provider, JobsOptions options) => provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite ({options.SqliteFile})",
        DatabaseProvider.Postgres => $"PostgreSQL (schema {options.Schema})",
        DatabaseProvider.SqlServer => $"SQL Server (schema {options.Schema})",
        _ => provider.ToString(),
    };

    private static PostgreSqlStorage PostgresStorage(string connectionString, JobsOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.Schema,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = options.PollInterval,
            // The process running a job keeps extending its claim, so a short timeout is safe and a dead process's job comes back soon.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            // Sub-second polling (tests) is below the storage's safe defaults.
            AllowUnsafeValues = options.PollInterval < TimeSpan.FromSeconds(1) || options.InvisibilityTimeout < TimeSpan.FromMinutes(1),
        };
        // The app's Npgsql settings (automatic preparation, no reset on close): Hangfire's statements are the same text each
        // time (a worker's poll, a scheduler's lock), so the server parses and plans each once per connection instead of at
        // every poll, and a connection given back to the pool is not reset with DISCARD ALL before its next use
        // (docs/performance.md, "the test suite", session 17). The schema installer above keeps the plain string.
        var pooled = PostgresConnectionStrings.WithDefaults(connectionString);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(pooled, storageOptions, null), storageOptions);
    }

    private static string Required(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString) ? throw new InvalidOperationException($"ConnectionStrings:Inbox is required for {provider}") : connectionString;
}
