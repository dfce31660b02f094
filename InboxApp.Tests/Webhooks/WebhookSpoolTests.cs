using System.Data.Common;
using System.Net;
using InboxApp.Core.Data;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>Acknowledging a delivery does not wait for message processing: on SQLite the deliveries have their own file.</summary>
public sealed class WebhookSpoolTests(NoJobsAppFactory factory) : IClassFixture<NoJobsAppFactory>
{
    [Fact]
    public async Task A_delivery_is_acknowledged_while_a_long_transaction_holds_the_message_tables()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var wamid = $"wamid.spool-{Guid.NewGuid():N}";
        var body = Messages(metaId, Array(Contact("15557001234", "Held Customer")),
            Array(Text(wamid, "15557001234", "sent while processing is stuck", DateTimeOffset.UtcNow)));

        // What a long processing commit does to the database: SQLite's write lock on the main file (the busy timeout is
        // 5 s, longer than this test waits), or PostgreSQL's locks on the tables processing writes.
        await using (var holder = await HoldMessageTablesAsync())
        {
            using var answered = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            var response = await factory.CreateClient().SendAsync(Signed(body), answered.Token);
            await response.ShouldBe(HttpStatusCode.OK);
            await using var db = factory.SystemDb();
            Assert.False(await db.Messages.AnyAsync(m => m.WaMessageId == wamid));
        }

        await factory.DrainWebhooksAsync();
        await using var after = factory.SystemDb();
        Assert.Equal(1, await after.Messages.CountAsync(m => m.WaMessageId == wamid && m.OrganizationId == admin.OrganizationId));
    }

    [Fact]
    public async Task On_sqlite_the_deliveries_live_in_their_own_file_and_move_back_into_the_main_one_for_migrations()
    {
        var dir = Path.Combine(Path.GetTempPath(), "inbox-spool-" + Guid.NewGuid().ToString("N"));
        var main = Path.Combine(dir, "inbox.db");
        try
        {
            var inboxDb = new InboxDb(InboxDbContextBuilder.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={main}", 5000));
            await new DatabaseInitializer(inboxDb, Options.Create(new DatabaseOptions()), NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
            Assert.True(File.Exists(Path.Combine(dir, "inbox-webhooks.db")));
            Assert.Equal((0, 0), await LocationAsync(inboxDb, "main"));
            var (tables, indexes) = await LocationAsync(inboxDb, SqliteWebhookSpool.Schema);
            Assert.Equal(1, tables);
            Assert.True(indexes >= 4, $"the table's indexes moved with it ({indexes})");

            // Stored and read through the ordinary model, unqualified.
            var delivery = new WebhookDelivery { Payload = "{}", ReceivedAt = DateTimeOffset.UtcNow };
            await using (var db = inboxDb.System())
            {
                db.WebhookDeliveries.Add(delivery);
                await db.SaveChangesDeferredAsync(CancellationToken.None);
            }

            await using (var db = inboxDb.System())
                Assert.True(await SqliteWebhookSpool.MoveOutAsync(db, NullLogger.Instance, CancellationToken.None));
            Assert.Equal((1, indexes), await LocationAsync(inboxDb, "main"));
            Assert.Equal((0, 0), await LocationAsync(inboxDb, SqliteWebhookSpool.Schema));
            await using (var db = inboxDb.System())
            {
                Assert.Equal(delivery.Id, (await db.WebhookDeliveries.SingleAsync()).Id);
                Assert.False(await SqliteWebhookSpool.MoveOutAsync(db, NullLogger.Instance, CancellationToken.None));
            }

            // The next start puts it back, rows and all.
            await new DatabaseInitializer(inboxDb, Options.Create(new DatabaseOptions()), NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
            Assert.Equal((1, indexes), await LocationAsync(inboxDb, SqliteWebhookSpool.Schema));
            await using (var db = inboxDb.System())
                Assert.Equal(WebhookDeliveryStatus.PENDING, (await db.WebhookDeliveries.SingleAsync(d => d.Id == delivery.Id)).Status);
        }
        finally
        {
            TestDatabase.ClearSqlitePool($"Data Source={main}", 5000);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Every_sqlite_connection_keeps_its_busy_timeout_and_the_spool_across_pooled_reuse()
    {
        var dir = Path.Combine(Path.GetTempPath(), "inbox-spool-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Both are set once per SQLite handle, not on every open: a reused pooled handle must still have them.
            var inboxDb = new InboxDb(InboxDbContextBuilder.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, "inbox.db")}", 4321));
            await new DatabaseInitializer(inboxDb, Options.Create(new DatabaseOptions()), NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
            for (var open = 0; open < 3; open++)
            {
                await using var db = inboxDb.System();
                await db.Database.OpenConnectionAsync();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA busy_timeout";
                Assert.Equal(4321L, Convert.ToInt64(await command.ExecuteScalarAsync()));
                Assert.True(await SqliteWebhookSpool.IsAttachedAsync(db, CancellationToken.None));
                Assert.Equal(0, await db.WebhookDeliveries.CountAsync());
            }
        }
        finally
        {
            TestDatabase.ClearSqlitePool($"Data Source={Path.Combine(dir, "inbox.db")}", 4321);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_in_memory_sqlite_database_has_no_spool()
    {
        Assert.Null(SqliteWebhookSpool.PathFor("Data Source=inbox;Mode=Memory;Cache=Shared"));
        Assert.Null(SqliteWebhookSpool.PathFor("Data Source=:memory:"));
        Assert.Equal(Path.GetFullPath("/data/x/app-webhooks.db"), SqliteWebhookSpool.PathFor("Data Source=/data/x/app.db"));
    }

    /// <summary>How many tables and indexes named for the deliveries the schema (main or the spool) holds.</summary>
    private static async Task<(long Tables, long Indexes)> LocationAsync(InboxDb inboxDb, string schema)
    {
        await using var db = inboxDb.System();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT count(*) FILTER (WHERE type = 'table'), count(*) FILTER (WHERE type = 'index' AND sql IS NOT NULL) " +
            $"FROM {schema}.sqlite_master WHERE tbl_name = '{SqliteWebhookSpool.Table}'";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<DbConnection> HoldMessageTablesAsync()
    {
        await using var db = factory.SystemDb();
        var connectionString = db.Database.GetConnectionString()!;
        DbConnection connection;
        string hold;
        if (TestDatabase.IsPostgres)
        {
            connection = new NpgsqlConnection(connectionString);
            hold = "BEGIN; LOCK TABLE \"Messages\", \"Conversations\", \"Contacts\" IN EXCLUSIVE MODE;";
        }
        else
        {
            // A plain connection to the main file only (nothing attached): BEGIN IMMEDIATE takes its write lock.
            connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            hold = "BEGIN IMMEDIATE;";
        }
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = hold;
        await command.ExecuteNonQueryAsync();
        return connection; // disposing it ends the transaction (rolled back) and releases the locks
    }
}
