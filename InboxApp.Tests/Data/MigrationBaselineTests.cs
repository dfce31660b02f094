using InboxApp.Core.Data;
using InboxApp.Core.Organizations;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.Data;

/// <summary>
/// Databases migrated before the migrations were squashed into one per provider (<see cref="MigrationBaseline"/>): each
/// test has an empty database of the provider under test, migrated by <see cref="DatabaseInitializer"/> as at startup.
/// </summary>
public sealed class MigrationBaselineTests : IDisposable
{
    private readonly DatabaseProvider provider = TestDatabase.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
    private readonly string? postgresDatabase;
    private readonly string? folder;
    private readonly string connectionString;

    public MigrationBaselineTests()
    {
        if (TestDatabase.IsPostgres)
        {
            postgresDatabase = "inbox_baseline_" + Guid.NewGuid().ToString("N")[..12];
            connectionString = TestDatabase.CreatePostgresDatabase(postgresDatabase, migrated: false);
        }
        else
        {
            folder = Path.Combine(Path.GetTempPath(), "inbox-baseline-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "inbox.db")}";
        }
    }

    public void Dispose()
    {
        if (postgresDatabase is not null) TestDatabase.DropPostgresDatabase(postgresDatabase);
        if (folder is null) return;
        TestDatabase.ClearSqlitePool(connectionString, new DatabaseOptions().SqliteBusyTimeoutMs);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task A_database_migrated_up_to_the_last_migration_before_the_squash_is_recorded_as_the_baseline_and_keeps_its_rows()
    {
        // The schema the old migrations left is the baseline's (ADR 0048); the migrations after it are what the upgrade adds.
        await using (var db = Db().System()) await db.Database.MigrateAsync(db.Database.GetMigrations().First());
        var orgId = await AddOrganizationAsync();
        await using (var db = Db().System())
        {
            await RewriteHistoryAsync(db, "20261122030724_Initial", "20261204213705_SearchFoldsAccents", MigrationBaseline.LastBeforeSquash(db));
            Assert.Equal(3, (await db.Database.GetAppliedMigrationsAsync()).Count());
        }

        await InitializeAsync(); // would fail creating the tables again if the old history were not recognised

        await using (var db = Db().System())
        {
            var migrations = db.Database.GetMigrations().ToList();
            Assert.EndsWith("_Baseline", migrations[0]);
            Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal("Baseline org", (await db.Organizations.SingleAsync(o => o.Id == orgId)).Name);
        }
        await InitializeAsync(); // and the next start finds nothing to do
    }

    [Fact]
    public async Task A_database_stopped_at_an_older_migration_is_refused_with_the_commit_to_upgrade_through_and_left_as_it_was()
    {
        await InitializeAsync();
        var older = new[] { "20261122030724_Initial", "20261202145917_ListIndexes" };
        await using (var db = Db().System()) await RewriteHistoryAsync(db, older);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(InitializeAsync);

        Assert.Contains(MigrationBaseline.LastCommitBeforeSquash, refused.Message);
        Assert.Contains("20261202145917_ListIndexes", refused.Message);
        await using (var db = Db().System()) Assert.Equal(older, await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task A_new_database_gets_the_baseline_and_no_history_is_rewritten()
    {
        await InitializeAsync();
        await using var db = Db().System();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(InboxApp.Core.Pricing.PriceCard.Seed().Length, await db.Set<InboxApp.Core.Pricing.MarketPrice>().CountAsync()); // the price card the model seeds
    }

    private InboxDb Db() => new(InboxDbContextBuilder.CreateFactory(provider, connectionString, new DatabaseOptions().SqliteBusyTimeoutMs));

    private Task InitializeAsync() =>
        new DatabaseInitializer(Db(), Options.Create(new DatabaseOptions { Provider = provider }), NullLogger<DatabaseInitializer>.Instance).InitializeAsync();

    private async Task<Guid> AddOrganizationAsync()
    {
        await using var db = Db().System();
        var org = new Organization { Name = "Baseline org", Slug = "baseline-" + Guid.NewGuid().ToString("N")[..8] };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    /// <summary>Makes the history what an InboxApp from before the squash left: these ids and no other.</summary>
    private static async Task RewriteHistoryAsync(InboxDbContext db, params string[] ids)
    {
        var history = db.GetService<IHistoryRepository>();
        var sql = string.Concat((await db.Database.GetAppliedMigrationsAsync()).Select(history.GetDeleteScript))
            + string.Concat(ids.Select(id => history.GetInsertScript(new HistoryRow(id, "10.0.0"))));
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
