using System.Reflection;
using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// Base of the browser tests: a fresh browser context and page per test against the class's server, and a screenshot
/// of the final state in <c>artifacts/screenshots/</c> when a test fails (when it threw: an assertion, a Playwright
/// timeout). <c>E2E_SCREENSHOTS=all</c> takes it after every test, passed or failed, to review the pages; a full-page
/// screenshot costs Chromium about a tenth of a second of CPU, which over every test of a run adds up.
/// </summary>
public abstract partial class BrowserTest : IAsyncLifetime
{
    private readonly InboxServer server;
    private readonly Chromium chromium;
    private readonly ITestOutputHelper output;
    private readonly List<IBrowserContext> contexts = [];
    private readonly TestFlow flow = new();
    private IBrowserContext? context;

    protected BrowserTest(InboxServer server, Chromium chromium, ITestOutputHelper output)
    {
        this.server = server;
        this.chromium = chromium;
        this.output = output;
        // xunit builds the test class and then runs its test in the same asynchronous flow: what the test throws there is
        // seen below. Exceptions the test catches itself (a retried click) count too: a screenshot too many, never one less.
        CurrentTest.Value = flow;
    }

    private static readonly AsyncLocal<TestFlow?> CurrentTest = new();

    private static readonly bool ScreenshotEveryTest =
        string.Equals(Environment.GetEnvironmentVariable("E2E_SCREENSHOTS"), "all", StringComparison.OrdinalIgnoreCase);

    static BrowserTest()
    {
        AppDomain.CurrentDomain.FirstChanceException += (_, _) =>
        {
            if (CurrentTest.Value is { } running) running.Threw = true;
        };
    }

    private sealed class TestFlow
    {
        public volatile bool Threw;
    }

    protected InboxServer Server => server;

    private Workspace? workspace;

    /// <summary>
    /// True for a class that works in a <see cref="Workspace"/> of its own on the shared server (a copy of the demo
    /// organization): <see cref="SignInAsAsync"/> then signs in its users, and <see cref="Workspace"/> names them.
    /// </summary>
    protected virtual bool WorkspaceOfItsOwn => false;

    /// <summary>The class's own copy of the demo organization (only with <see cref="WorkspaceOfItsOwn"/>).</summary>
    protected Workspace Workspace => workspace ?? throw new InvalidOperationException($"{GetType().Name} works in the demo organization: override WorkspaceOfItsOwn");

    private InboxApp.E2E.Inbox.InboxSeed? seed;

    /// <summary>Customers and API calls in the class's <see cref="Workspace"/>.</summary>
    protected InboxApp.E2E.Inbox.InboxSeed Seed => seed ??= new(server, Workspace);

    protected IPage Page { get; private set; } = null!;

    /// <summary>Desktop by default; phone-width tests pass their own.</summary>
    protected virtual ViewportSize Viewport => new() { Width = 1280, Height = 800 };

    public virtual async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        if (WorkspaceOfItsOwn) workspace = await server.WorkspaceForAsync(GetType());
        context = await chromium.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, ViewportSize = Viewport });
        context.SetDefaultTimeout(15_000);
        Page = await context.NewPageAsync();
        // Browser errors (failed circuit, script errors) go to the test output, to explain a failure.
        Page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") Log($"[browser {message.Type}] {message.Text}");
        };
        Page.PageError += (_, error) => Log($"[page error] {error}");
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400) Log($"[http {response.Status}] {response.Request.Method} {response.Url}");
        };
    }

    public virtual async Task DisposeAsync()
    {
        if (context is null) return;
        try
        {
            if (ScreenshotEveryTest || flow.Threw)
                await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"{GetType().Name}.{TestName()}.png"), FullPage = true });
        }
        catch (PlaywrightException e)
        {
            Log($"No screenshot: {e.Message}");
        }
        foreach (var other in contexts) await other.CloseAsync();
        await context.CloseAsync();
    }

    protected LoginPage Login => new(Page);

    protected ShellPage Shell => new(Page);

    /// <summary>
    /// Signs in as the demo user of <paramref name="role"/> (of the class's <see cref="Workspace"/> when it has one; the
    /// super admin for SUPER_ADMIN) and waits for where that role lands (the inbox for an agent, home for the others). The
    /// first time per server and user this goes through the login page; the session's cookies are then saved on the server
    /// fixture and later tests start from them (a saved sign-in, like Playwright's storage state), unless that session
    /// has ended meanwhile (signed out), when the login page is used again. Tests of signing in use <see cref="Login"/>.
    /// </summary>
    protected async Task<(string Email, string Name)> SignInAsAsync(UserRole role)
    {
        var (email, name, password) = role == UserRole.SUPER_ADMIN
            ? (InboxServer.SuperAdminEmail, "Super Admin", InboxServer.SuperAdminPassword)
            : workspace is { } own
                ? (own.User(role).Email, own.User(role).Name, InboxServer.DemoPassword)
                : (InboxServer.Demo(role).Email, InboxServer.Demo(role).Name, InboxServer.DemoPassword);
        if (server.SavedSignIns.TryGetValue(email, out var saved))
        {
            await Page.Context.AddCookiesAsync(saved);
            await Page.GotoAsync(LandingPath(role));
            if (Page.Url == server.BaseUrl + LandingPath(role))
            {
                await Shell.ExpectSignedInAsAsync(name);
                return (email, name);
            }
            await Page.Context.ClearCookiesAsync();
        }
        await Login.GotoAsync();
        await Login.SignInAsync(email, password);
        await Expect(Page).ToHaveURLAsync(server.BaseUrl + LandingPath(role));
        await Shell.ExpectSignedInAsAsync(name);
        server.SavedSignIns[email] = (await Page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires,
            HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }).ToList();
        return (email, name);
    }

    /// <summary>Where a sign-in without a return address lands for <paramref name="role"/>.</summary>
    protected static string LandingPath(UserRole role) => role == UserRole.AGENT ? "/inbox" : "/";

    /// <summary>A second, independent browser session (another person) in the same browser.</summary>
    protected async Task<IPage> NewSessionAsync()
    {
        var other = await chromium.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, ViewportSize = Viewport });
        contexts.Add(other);
        return await other.NewPageAsync();
    }

    /// <summary>Saves a screenshot of an intermediate state.</summary>
    protected Task ScreenshotAsync(string state) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"{GetType().Name}.{TestName()}.{state}.png"), FullPage = true });

    // Browser events can arrive after the test finished, when xunit no longer accepts output.
    private void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test is over; nobody reads this line any more.
        }
    }

    // xunit 2 gives the running test to its output helper only; read it from there for the file name.
    private string TestName()
    {
        var test = output.GetType().GetField("test", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(output) as ITest;
        var name = test?.TestCase.TestMethod.Method.Name ?? "test";
        return UnsafeFileChars().Replace(name, "_");
    }

    [GeneratedRegex(@"[^A-Za-z0-9_.-]")]
    private static partial Regex UnsafeFileChars();
}

/// <summary>The screenshot folder: <c>artifacts/screenshots/</c> under the repository root.</summary>
public static class Screenshots
{
    public static readonly string Folder = Create();

    private static string Create()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InboxApp.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
