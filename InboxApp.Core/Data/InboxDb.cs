using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Data;

/// <summary>
/// Creates one <see cref="InboxDbContext"/> per operation (dispose it when done). <see cref="For"/> gives a context
/// that sees and writes only one organization's rows; <see cref="System"/> is for the few places that are not
/// inside one organization (sign-in, the super admin console, webhooks, jobs, bootstrap).
/// </summary>
public sealed class InboxDb(Func<InboxDbContext> create, Events.EventDispatcher? dispatcher = null)
{
    public InboxDbContext For(Guid organizationId)
    {
        if (organizationId == Guid.Empty) throw new ArgumentException("An organization is required.", nameof(organizationId));
        var db = create();
        db.TenantId = organizationId;
        db.Dispatcher = dispatcher;
        return db;
    }

    public InboxDbContext System()
    {
        var db = create();
        db.IsSystem = true;
        db.Dispatcher = dispatcher;
        return db;
    }
}

/// <summary>Builds the provider-specific context from configuration.</summary>
public static class InboxDbContextBuilder
{
    public static Func<InboxDbContext> CreateFactory(DatabaseProvider provider, string connectionString, int busyTimeoutMs)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
            {
                var sqlite = SqliteConnectionStrings.WithDefaults(connectionString, busyTimeoutMs);
                var options = new DbContextOptionsBuilder<SqliteInboxDbContext>()
                    .UseSqlite(sqlite, o => o.MigrationsAssembly(typeof(InboxDb).Assembly.FullName))
                    .AddInterceptors(new SqliteConnectionInterceptor(busyTimeoutMs, SqliteWebhookSpool.PathFor(sqlite)))
                    .AddInterceptors(SqliteWriteLaneInterceptor.For(sqlite, busyTimeoutMs))
                    .Options;
                return () => new SqliteInboxDbContext(options);
            }
            case DatabaseProvider.Postgres:
            {
                var options = new DbContextOptionsBuilder<PostgresInboxDbContext>()
                    .UseNpgsql(PostgresConnectionStrings.WithDefaults(connectionString))
                    .Options;
                return () => new PostgresInboxDbContext(options);
            }
            case DatabaseProvider.SqlServer:
            {
                var options = new DbContextOptionsBuilder<SqlServerInboxDbContext>()
                    .UseSqlServer(connectionString)
                    .Options;
                return () => new SqlServerInboxDbContext(options);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider");
        }
    }
}

public static class SqliteConnectionStrings
{
    /// <summary>Adds the busy timeout (so writers wait instead of failing with "database is locked") and shared cache off.</summary>
    public static string WithDefaults(string connectionString, int busyTimeoutMs)
    {
        var b = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (busyTimeoutMs > 0) b.DefaultTimeout = Math.Max(1, busyTimeoutMs / 1000);
        b.Pooling = true;
        return b.ToString();
    }
}

public static class PostgresConnectionStrings
{
    /// <summary>The server-side statements kept per pooled connection (<c>Max Auto Prepare</c>) unless the connection string sets it.</summary>
    public const int MaxAutoPrepare = 128;

    /// <summary>
    /// Npgsql's settings for the app's EF Core connections, unless the connection string sets them: <b>automatic
    /// preparation</b> (<c>Max Auto Prepare</c>: a statement run a few times on a pooled connection is parsed and planned
    /// once by the server, then only bound and executed; EF Core's SQL is the same text for the same query) and <b>no reset
    /// on close</b> (a connection given back to the pool is not reset with <c>DISCARD ALL</c>/<c>RESET ALL</c>, sent with the
    /// next use's first command: the app sets no session state).
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) b.MaxAutoPrepare = MaxAutoPrepare;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }
}
