using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InboxApp.Tests.Data;

public sealed class MigrationsTests(EmptyDatabaseAppFactory factory) : IClassFixture<EmptyDatabaseAppFactory>
{
    [Fact]
    public async Task Startup_applies_every_migration_to_an_empty_database_of_the_provider_under_test()
    {
        _ = factory.Server; // starts the app, which migrates its fresh database
        await using var db = factory.SystemDb();
        Assert.Equal(TestDatabase.IsPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        // The model matches the last migration: nothing left to generate.
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.True(await db.Users.AnyAsync(u => u.Email == InboxAppFactory.SuperAdminEmail));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    [InlineData("SqlServer")]
    public void Every_provider_has_a_migration_set_matching_the_model(string provider)
    {
        using InboxDbContext db = provider switch
        {
            "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
            "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
            _ => new SqlServerDesignTimeFactory().CreateDbContext([]),
        };
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed without a migration (see docs/conventions.md)");
    }

    [Fact]
    public void The_SQL_Server_migration_script_is_produced()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Users]", script);
        Assert.Contains("CREATE TABLE [Organizations]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Users_NormalizedEmail]", script);
        Assert.Contains("[__EFMigrationsHistory]", script);
    }

    [Fact]
    public void Relative_data_media_and_mail_paths_resolve_under_the_data_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "app-root");
        var paths = AppPaths.Resolve(root, new StorageOptions { DataDirectory = "data", MediaDirectory = "media" }, "mail");
        Assert.Equal(Path.Combine(root, "data"), paths.DataDirectory);
        Assert.Equal(Path.Combine(root, "data", "media"), paths.MediaDirectory);
        Assert.Equal(Path.Combine(root, "data", "mail"), paths.MailDirectory);
        var absolute = AppPaths.Resolve(root, new StorageOptions { DataDirectory = "/var/lib/inbox", MediaDirectory = "/srv/media" }, "/var/mail/inbox");
        Assert.Equal("/var/lib/inbox", absolute.DataDirectory);
        Assert.Equal("/srv/media", absolute.MediaDirectory);
        Assert.Equal("/var/mail/inbox", absolute.MailDirectory);
    }
}

public sealed class ProductionStartTests : IClassFixture<ProductionStartTests.ProductionFactory>
{
    /// <summary>The published app: Production environment, nothing configured but the database and bootstrap settings.</summary>
    public sealed class ProductionFactory : InboxAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("environment", "Production");
            builder.UseSetting("Auth:PublicBaseUrl", null);
        }
    }

    private readonly ProductionFactory factory;

    public ProductionStartTests(ProductionFactory factory) => this.factory = factory;

    [Fact]
    public async Task The_app_starts_in_production_without_smtp_and_writes_mail_to_the_data_folder()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/ready")).ShouldBe(System.Net.HttpStatusCode.OK);
        // Sign-up needs Auth:PublicBaseUrl in Production (its link); the bootstrap super admin can ask for a code.
        var email = InboxAppFactory.SuperAdminEmail;
        await (await client.PostAsync("/api/v1/auth/request-code",
            new StringContent($"{{\"email\":\"{email}\"}}", System.Text.Encoding.UTF8, "application/json"))).ShouldBe(System.Net.HttpStatusCode.OK);
        Assert.NotNull(MailReader.Latest(factory, email));
        Assert.StartsWith(factory.DataDirectory, factory.MailDirectory);
    }
}
