using Npgsql;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: <c>INBOX_TEST_DB=Sqlite</c> (default) or <c>Postgres</c>. On PostgreSQL each
/// factory gets its own fresh database, made through <c>INBOX_TEST_PG</c> (a role with CREATEDB; <c>./test.sh</c> sets it up).
/// </summary>
public static class TestDatabase
{
    public static string Provider => Environment.GetEnvironmentVariable("INBOX_TEST_DB") is { Length: > 0 } p ? p : "Sqlite";

    public static bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("INBOX_TEST_PG") is { Length: > 0 } cs
            ? cs
            : "Host=127.0.0.1;Port=5432;Username=inbox_test;Password=inbox_test;Database=postgres";

    /// <summary>Creates an empty PostgreSQL database and returns its connection string.</summary>
    public static string CreatePostgresDatabase(string name)
    {
        using var conn = new NpgsqlConnection(PostgresAdminConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        cmd.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>
    /// Drops a test database, retrying briefly: several test classes finish at once and PostgreSQL may refuse a drop while
    /// another one runs. A database that still cannot be dropped is left behind (its name is random) rather than failing
    /// the test class that used it.
    /// </summary>
    public static void DropPostgresDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var conn = new NpgsqlConnection(PostgresAdminConnectionString);
                conn.Open();
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                cmd.ExecuteNonQuery();
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
}
