using System.Net;
using InboxApp.Core.Bootstrap;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port) for a browser, on a fresh database of the provider under test
/// (<c>INBOX_TEST_DB</c>, a copy of the run's migrated template), with its data folder in a temporary directory and the Acme demo organization seeded.
/// Shared by the classes of a collection (<see cref="SharedServer"/>), each class in the demo organization or in a
/// <see cref="Workspace"/> of its own; a subclass with other settings is a class fixture (<c>IClassFixture</c>).
/// </summary>
public class InboxServer : WebApplicationFactory<Program>
{
    public const string SuperAdminEmail = "root@inboxapp.test";
    public const string SuperAdminPassword = "Root-Password-1";

    /// <summary>The platform app secret webhooks are signed with (<c>WhatsApp:AppSecret</c>).</summary>
    public const string WhatsAppAppSecret = "e2e-app-secret";

    /// <summary>Password of every demo user (<see cref="BootstrapService.DemoUsers"/>).</summary>
    public static readonly string DemoPassword = new DemoOptions().Password;

    private readonly string? postgresDatabase;
    private readonly string? connectionString;

    public InboxServer()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "inbox-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        if (TestDatabase.IsPostgres)
        {
            postgresDatabase = "inbox_e2e_" + Guid.NewGuid().ToString("N");
            connectionString = TestDatabase.CreatePostgresDatabase(postgresDatabase);
        }
        else
        {
            TestDatabase.CopySqliteTemplate(DataDirectory);
            TestDatabase.CopySqliteJobsTemplate(DataDirectory);
        }
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address");
        BaseUrl = addresses.First().TrimEnd('/');
    }

    /// <summary>The server's root, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>Cookies of a user's signed-in session by email, saved by <see cref="BrowserTest"/> for later tests.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Microsoft.Playwright.Cookie>> SavedSignIns { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Lazy<Task<Workspace>>> workspaces = new();

    /// <summary>The <see cref="Workspace"/> of <paramref name="testClass"/> on this server, made the first time a test of the class asks.</summary>
    public Task<Workspace> WorkspaceForAsync(Type testClass) =>
        workspaces.GetOrAdd(testClass, _ => new Lazy<Task<Workspace>>(() => Workspace.CreateAsync(Services))).Value;

    /// <summary>Where the app writes outgoing mail as .eml files (no SMTP server is configured).</summary>
    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public static (string Email, string Name) Demo(UserRole role)
    {
        var user = BootstrapService.DemoUsers.First(u => u.Role == role);
        return (user.Email, user.Name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: static web assets of packages (MudBlazor's _content/) are served from the NuGet cache only in
        // Development when the app runs from its build output; other environments expect a publish folder.
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Bootstrap:SuperAdminEmail", SuperAdminEmail);
        builder.UseSetting("Bootstrap:SuperAdminPassword", SuperAdminPassword);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("WhatsApp:AppSecret", WhatsAppAppSecret);
        builder.UseSetting("Api:AuthRequestsPerMinute", "100000");
        builder.UseSetting("Api:AuthRequestsPerAccountPerMinute", "100000");
        builder.UseSetting("Api:RefreshRequestsPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Hangfire looks for new and scheduled jobs every second instead of every 15 s (a campaign's send starts at once).
        builder.UseSetting("Jobs:PollInterval", "00:00:01");
        if (TestDatabase.IsPostgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Inbox", connectionString);
        }
        // Cheap but real password hashes (the app's default is 100,000 iterations, about 50 ms a hash).
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (postgresDatabase is not null) TestDatabase.DropPostgresDatabase(postgresDatabase);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The server with every search term frequent and search counts stopping at two matches.</summary>
public sealed class FrequentSearchServer : InboxServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Search:RareMatchLimit", "0");
        builder.UseSetting("Search:CountLimit", "2");
    }
}
