using InboxApp.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh database of the provider under test (see <see cref="TestDatabase"/>: a copy of the run's
/// migrated template), with its data folder (media, mail, job store) in a temporary directory. Tests make their own
/// organizations. Either one factory per test class (<c>IClassFixture&lt;InboxAppFactory&gt;</c>, for a class that needs a
/// host of its own) or the host shared by a collection (<c>[Collection(SharedApp.Name)]</c> with <see cref="NoJobsAppFactory"/>, see <see cref="SharedApp"/>).
/// Passwords are hashed with <see cref="TestPasswordHashIterations"/> iterations in test hosts: the hashes are still real
/// PBKDF2 hashes that sign-in verifies, only cheaper.
/// </summary>
public class InboxAppFactory : WebApplicationFactory<Program>
{
    public const string SuperAdminEmail = "root@inboxapp.test";
    public const string SuperAdminPassword = "Root-Password-1";
    public const string WhatsAppAppSecret = "test-app-secret";
    public const string WhatsAppVerifyToken = "test-verify-token";

    /// <summary>PBKDF2 iterations of password hashes in test hosts (the app's default is 100,000, about 50 ms a hash).</summary>
    public const int TestPasswordHashIterations = 1;

    private readonly string? postgresDatabase;
    private readonly string? connectionString;
    private readonly Dictionary<string, string?> settings = new();
    private bool ownsData = true;
    private readonly bool fromTemplate;

    public InboxAppFactory() : this(migrated: true)
    {
    }

    /// <summary>
    /// A factory on a database copied from the run's migrated template, or (<paramref name="migrated"/> false) on an empty
    /// database that the app migrates when it starts, for tests of the migrations themselves.
    /// </summary>
    protected InboxAppFactory(bool migrated)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        fromTemplate = migrated;
        if (TestDatabase.IsPostgres)
        {
            postgresDatabase = "inbox_test_" + Guid.NewGuid().ToString("N");
            connectionString = TestDatabase.CreatePostgresDatabase(postgresDatabase, migrated);
        }
        else if (migrated)
        {
            TestDatabase.CopySqliteTemplate(DataDirectory);
        }
    }

    /// <summary>The same app restarted: a new factory on <paramref name="previous"/>'s data folder, database and settings.</summary>
    private InboxAppFactory(InboxAppFactory previous)
    {
        DataDirectory = previous.DataDirectory;
        postgresDatabase = previous.postgresDatabase;
        connectionString = previous.connectionString;
        fromTemplate = previous.fromTemplate;
        foreach (var (key, value) in previous.settings) settings[key] = value;
    }

    /// <summary>
    /// Another app node running beside this one on the same database and data folder (this factory keeps ownership).
    /// Both run a Hangfire server on the shared job storage; Hangfire hands each job to one of them.
    /// </summary>
    public InboxAppFactory SecondNode() => new InboxAppFactory(this) { ownsData = false };

    public string DataDirectory { get; }

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    /// <summary>The mails this host sent, by recipient (also written to <see cref="MailDirectory"/>).</summary>
    public TestMailbox Mail { get; } = new();

    /// <summary>Extra configuration for this factory; set before the first client is created.</summary>
    public InboxAppFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        CountHost();
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Bootstrap:SuperAdminEmail", SuperAdminEmail);
        builder.UseSetting("Bootstrap:SuperAdminPassword", SuperAdminPassword);
        builder.UseSetting("Api:AuthRequestsPerMinute", "100000");
        builder.UseSetting("Api:AuthRequestsPerAccountPerMinute", "100000");
        builder.UseSetting("Api:RefreshRequestsPerMinute", "100000");
        builder.UseSetting("SharedInboxLinks:RequestsPerMinutePerClient", "100000");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Auth:PublicBaseUrl", "http://inbox.test");
        builder.UseSetting("WhatsApp:AppSecret", WhatsAppAppSecret);
        builder.UseSetting("WhatsApp:VerifyToken", WhatsAppVerifyToken);
        // Hangfire: two workers (each idle worker looks for a job every 100 ms: a query, on SQLite under a lock, the largest
        // idle cost of a test host; the classes about concurrent jobs set 4), the schedulers (delayed, retried, recurring
        // jobs: a distributed lock per look) every 500 ms, and a stopping host waits a second at most for running jobs.
        builder.UseSetting("Jobs:PollInterval", "00:00:00.100");
        builder.UseSetting("Jobs:SchedulePollInterval", "00:00:00.500");
        builder.UseSetting("Jobs:WorkerCount", "2");
        builder.UseSetting("Jobs:ShutdownTimeout", "00:00:01");
        // The sandbox's template review (its APPROVED/REJECTED webhook) after 50 ms instead of the app's 1 s: about 30 tests
        // wait for an approved template (campaigns, templates), and each waited the whole second (session 15). The review
        // still arrives as a webhook after the submit's answer; a factory may set its own.
        builder.UseSetting("Sandbox:TemplateReviewDelayMs", "50");
        if (TestDatabase.IsPostgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Inbox", connectionString);
        }
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        // Hangfire's SQLite file from the template too (settings are known only now: with jobs off the app makes none).
        if (fromTemplate && !TestDatabase.IsPostgres && !string.Equals(settings.GetValueOrDefault("Jobs:Enabled"), "false", StringComparison.OrdinalIgnoreCase)
            && !settings.ContainsKey("Jobs:SqliteFile"))
            TestDatabase.CopySqliteJobsTemplate(DataDirectory);
        builder.ConfigureTestServices(services =>
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashIterations);
            Mail.Capture(services);
        });
    }

    /// <summary>
    /// With <c>INBOX_TEST_HOST_LOG</c> set to a file, every host started appends a line to it (its factory's type), so a run
    /// can count its hosts (docs/performance.md, "the test suite", session 15).
    /// </summary>
    private void CountHost()
    {
        if (Environment.GetEnvironmentVariable("INBOX_TEST_HOST_LOG") is not { Length: > 0 } log) return;
        lock (HostLogLock) File.AppendAllText(log, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {GetType().FullName}{Environment.NewLine}");
    }

    private static readonly Lock HostLogLock = new();

    /// <summary>
    /// No Hangfire in this host (<c>Jobs:Enabled=false</c>): for a host of its own whose classes send no campaign and
    /// trigger no job. Saves the job server's start (storage, recurring-job registration) and its idle polling for the
    /// host's life (docs/performance.md, "the test suite", session 13). A host that needs jobs keeps them (the default).
    /// </summary>
    public InboxAppFactory WithoutJobs() => With("Jobs:Enabled", "false");

    /// <summary>A context that sees every organization, for assertions on stored rows.</summary>
    public InboxDbContext SystemDb() => Services.GetRequiredService<InboxDb>().System();

    /// <summary>Stops this app and starts it again on the same data (data folder and database); the returned factory now owns the data.</summary>
    public InboxAppFactory Restart()
    {
        ownsData = false;
        Dispose();
        return new InboxAppFactory(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !ownsData) return;
        if (postgresDatabase is not null) TestDatabase.DropPostgresDatabase(postgresDatabase);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The app on an empty database, which it migrates when it starts (for tests of the migrations themselves).</summary>
public sealed class EmptyDatabaseAppFactory() : InboxAppFactory(migrated: false);

/// <summary>
/// The plain test app without Hangfire (<see cref="InboxAppFactory.WithoutJobs"/>): for a class with a host of its own that
/// runs no job, and the fixture of the shared hosts <see cref="SharedApp.Name"/> and <see cref="SharedApp.Second"/>.
/// </summary>
public sealed class NoJobsAppFactory : InboxAppFactory
{
    public NoJobsAppFactory() => WithoutJobs();
}
