using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: <c>INBOX_TEST_DB=Sqlite</c> (default) or <c>Postgres</c>. Each app host gets its own
/// database, copied from a template that is migrated once per test run (<see cref="CopySqliteTemplate"/>,
/// <see cref="CreatePostgresDatabase"/>): the app's <c>DatabaseInitializer</c> then finds nothing to migrate and its search
/// indexes in place, and Hangfire's storage prepared (SQLite <c>jobs.db</c>, PostgreSQL schema <c>hangfire</c>). On PostgreSQL databases are made through <c>INBOX_TEST_PG</c> (a role with CREATEDB; <c>./test.sh</c>
/// sets it up); names are unique per run, as other runs may share the server.
/// </summary>
public static class TestDatabase
{
    private static readonly Lock PostgresCreate = new();
    private static readonly Lazy<string> SqliteTemplate = new(CreateSqliteTemplate);
    private static readonly Lazy<string> PostgresTemplate = new(CreatePostgresTemplate);

    /// <summary>
    /// How a host's database is copied from the template: <c>STRATEGY = FILE_COPY</c> (the template's files copied as
    /// they are, between two checkpoints) instead of PostgreSQL 15's default <c>WAL_LOG</c> (every page of the template
    /// read through shared buffers, written to the WAL and left dirty in shared buffers) when the server runs without
    /// fsync, as test.sh's throw-away server does: its checkpoints then write to the page cache only
    /// (docs/performance.md, "the test suite", session 17). A server with fsync (a shared cluster) keeps its default, and
    /// servers before 15 know no <c>STRATEGY</c>.
    /// </summary>
    private static readonly Lazy<string> CopyStrategy = new(() =>
        Query("SELECT (current_setting('server_version_num')::int >= 150000 AND current_setting('fsync') = 'off')::text")[0] == "true"
            ? " STRATEGY = FILE_COPY"
            : "");

    public static string Provider => Environment.GetEnvironmentVariable("INBOX_TEST_DB") is { Length: > 0 } p ? p : "Sqlite";

    public static bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("INBOX_TEST_PG") is { Length: > 0 } cs
            ? cs
            : "Host=127.0.0.1;Port=5432;Username=inbox_test;Password=inbox_test;Database=postgres";

    /// <summary>The app's SQLite files (<c>inbox.db</c> and its webhook spool <c>inbox-webhooks.db</c>) in a data folder.</summary>
    private static readonly string[] SqliteFiles = ["inbox.db", "inbox-webhooks.db"];

    /// <summary>Hangfire's SQLite file with its tables made (<see cref="JobsOptions.SqliteFile"/>'s default), copied with the others.</summary>
    private static readonly string SqliteJobsFile = new JobsOptions().SqliteFile;

    /// <summary>
    /// Puts a migrated SQLite database (the app's default <c>inbox.db</c> and its webhook spool) into
    /// <paramref name="dataDirectory"/>: a copy of this run's template.
    /// </summary>
    public static void CopySqliteTemplate(string dataDirectory)
    {
        var template = SqliteTemplate.Value;
        Directory.CreateDirectory(dataDirectory);
        foreach (var file in SqliteFiles.SelectMany(f => new[] { f, f + "-wal" }))
            if (File.Exists(Path.Combine(template, file))) File.Copy(Path.Combine(template, file), Path.Combine(dataDirectory, file));
    }

    /// <summary>
    /// Puts Hangfire's SQLite file with its tables made (<c>jobs.db</c>, from this run's template) into
    /// <paramref name="dataDirectory"/> unless it has one: a host with jobs then starts without creating them. Call it only
    /// for a host whose jobs are on (with jobs off the app makes no <c>jobs.db</c>).
    /// </summary>
    public static void CopySqliteJobsTemplate(string dataDirectory)
    {
        var template = SqliteTemplate.Value;
        Directory.CreateDirectory(dataDirectory);
        if (File.Exists(Path.Combine(dataDirectory, SqliteJobsFile))) return;
        foreach (var file in new[] { SqliteJobsFile, SqliteJobsFile + "-wal" })
            if (File.Exists(Path.Combine(template, file))) File.Copy(Path.Combine(template, file), Path.Combine(dataDirectory, file));
    }

    /// <summary>
    /// Creates a PostgreSQL database and returns its connection string: a copy of this run's migrated template, or an empty
    /// database when <paramref name="migrated"/> is false (for tests of the migrations themselves).
    /// </summary>
    public static string CreatePostgresDatabase(string name, bool migrated = true)
    {
        var sql = migrated ? $"CREATE DATABASE \"{name}\" TEMPLATE \"{PostgresTemplate.Value}\"{CopyStrategy.Value}" : $"CREATE DATABASE \"{name}\"";
        // PostgreSQL refuses to copy a template that another session is copying at the same moment ("source database is
        // being accessed by other users"): one copy at a time in this process.
        lock (PostgresCreate) Execute(sql);
        return ConnectionString(name, pooling: true);
    }

    /// <summary>
    /// Drops a test database, retrying briefly: several test classes finish at once and PostgreSQL may refuse a drop while
    /// another one runs. A database that still cannot be dropped is left behind (its name is random) rather than failing
    /// the test class that used it. Only this database's own connection pool is cleared, never another class's.
    /// </summary>
    public static void DropPostgresDatabase(string name)
    {
        using (var pooled = new NpgsqlConnection(ConnectionString(name, pooling: true))) NpgsqlConnection.ClearPool(pooled);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                Thread.Sleep(200 * attempt);
            }
            catch (PostgresException e)
            {
                Console.Error.WriteLine($"Test database {name} was left behind: {e.SqlState} {e.MessageText}");
                return;
            }
        }
    }

    /// <summary>
    /// Closes the pooled handles of one SQLite database as the app opens it (<see cref="InboxDbContextBuilder"/>), and
    /// only those: clearing every pool would close the handles of app hosts of other test classes running meanwhile.
    /// </summary>
    public static void ClearSqlitePool(string connectionString, int busyTimeoutMs)
    {
        using var pooled = new SqliteConnection(SqliteConnectionStrings.WithDefaults(connectionString, busyTimeoutMs));
        SqliteConnection.ClearPool(pooled);
    }

    private static string ConnectionString(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = database, Pooling = pooling, MaxPoolSize = 20 }.ConnectionString;

    private static void Execute(string sql)
    {
        using var conn = new NpgsqlConnection(PostgresAdminConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }

    private static List<string> Query(string sql)
    {
        using var conn = new NpgsqlConnection(PostgresAdminConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        using var reader = cmd.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>Migrates an empty database the way the app does at startup (migrations, webhook spool, search indexes).</summary>
    private static void Migrate(DatabaseProvider provider, string connectionString)
    {
        var inboxDb = new InboxDb(InboxDbContextBuilder.CreateFactory(provider, connectionString, new DatabaseOptions().SqliteBusyTimeoutMs));
        new DatabaseInitializer(inboxDb, Options.Create(new DatabaseOptions { Provider = provider }), NullLogger<DatabaseInitializer>.Instance)
            .InitializeAsync().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Prepares Hangfire's storage the way a host's job server does when it starts (<see cref="JobServer"/>), so that hosts
    /// copied from the template find it ready: PostgreSQL's schema (the installer then finds nothing to do), SQLite's
    /// <c>jobs.db</c> in <paramref name="sqliteFolder"/> (copied into each host's data folder).
    /// </summary>
    private static void PrepareJobStorage(DatabaseProvider provider, string? connectionString, string? sqliteFolder)
    {
        var jobs = new JobsOptions();
        if (provider == DatabaseProvider.Postgres)
        {
            JobStorageFactory.PrepareSchemaAsync(provider, connectionString, jobs, CancellationToken.None).GetAwaiter().GetResult();
            return;
        }
        var storage = JobStorageFactory.Create(provider, null, new AppPaths(sqliteFolder!, sqliteFolder!, sqliteFolder!), jobs);
        (storage as IDisposable)?.Dispose();
        using var file = new SqliteConnection($"Data Source={Path.Combine(sqliteFolder!, SqliteJobsFile)};Pooling=False");
        file.Open();
        using var checkpoint = file.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    /// <summary>
    /// Templates are named for the machine and the test process that made them (<c>{prefix}{machine}_{pid}_{random}</c>),
    /// so that a run can remove those left behind by test processes that ended without cleaning up (a test host is often
    /// killed rather than exited), never one that another run still uses.
    /// </summary>
    private static string TemplateName(string prefix) =>
        $"{prefix}{Machine}_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..12]}";

    private static readonly string Machine =
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Environment.MachineName)))[..8];

    /// <summary>Whether a template of <paramref name="prefix"/> was made on this machine by a process that has ended.</summary>
    private static bool IsAbandoned(string name, string prefix)
    {
        var parts = name[prefix.Length..].Split('_');
        if (parts.Length != 3 || parts[0] != Machine || !int.TryParse(parts[1], out var pid) || pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }

    private const string SqliteTemplatePrefix = "template_";
    private const string PostgresTemplatePrefix = "inbox_template_";

    private static string CreateSqliteTemplate()
    {
        var root = Path.Combine(Path.GetTempPath(), "inbox-tests");
        Directory.CreateDirectory(root);
        foreach (var old in Directory.GetDirectories(root, SqliteTemplatePrefix + "*"))
        {
            if (!IsAbandoned(Path.GetFileName(old), SqliteTemplatePrefix)) continue;
            try { Directory.Delete(old, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        var folder = Path.Combine(root, TemplateName(SqliteTemplatePrefix));
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, SqliteFiles[0])}";
        Migrate(DatabaseProvider.Sqlite, connectionString);
        PrepareJobStorage(DatabaseProvider.Sqlite, null, folder);
        // Close the template's pooled handles (only its own pool): the last close checkpoints the WAL into the files.
        ClearSqlitePool(connectionString, new DatabaseOptions().SqliteBusyTimeoutMs);
        foreach (var file in SqliteFiles)
            if (!File.Exists(Path.Combine(folder, file))) throw new InvalidOperationException($"The SQLite template has no {file}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return folder;
    }

    private static string CreatePostgresTemplate()
    {
        foreach (var old in Query($"SELECT datname FROM pg_database WHERE starts_with(datname, '{PostgresTemplatePrefix}')"))
            if (IsAbandoned(old, PostgresTemplatePrefix)) DropPostgresDatabase(old);
        var name = TemplateName(PostgresTemplatePrefix);
        Execute($"CREATE DATABASE \"{name}\"");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgresDatabase(name);
        // Unpooled: no connection to the template may stay open, or PostgreSQL refuses to copy it.
        Migrate(DatabaseProvider.Postgres, ConnectionString(name, pooling: false));
        PrepareJobStorage(DatabaseProvider.Postgres, ConnectionString(name, pooling: false), null);
        return name;
    }
}
