using System.Reflection;
using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// Base of the browser tests: an empty page in a browser context of its own per test against the class's server (lent by
/// the <see cref="Chromium"/> fixture: a tab an earlier test of the collection used, emptied; see there), and a screenshot
/// of the final state in <c>artifacts/screenshots/</c> when a test fails (when it threw: an assertion, a Playwright
/// timeout). <c>E2E_SCREENSHOTS=all</c> takes it after every test, passed or failed, to review the pages; a full-page
/// screenshot costs Chromium about a tenth of a second of CPU, which over every test of a run adds up.
/// </summary>
public abstract partial class BrowserTest : IAsyncLifetime
{
    private readonly InboxServer server;
    private readonly Chromium chromium;
    private readonly ITestOutputHelper output;
    private readonly List<IPage> sessions = [];
    private readonly TestFlow flow = new();
    private IPage? lent;
    private IPage? fresh;
    private SharedPage? shared;

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

    private CpuLog.Sample cpuBefore;

    public virtual async Task InitializeAsync()
    {
        if (CpuLog.Enabled) cpuBefore = CpuLog.Take();
        SetDefaultExpectTimeout(15_000);
        if (WorkspaceOfItsOwn) workspace = await server.WorkspaceForAsync(GetType());
        lent = await chromium.LendAsync(server.BaseUrl, Viewport, Timeout);
        Page = lent;
        Listen(Page);
    }

    private const float Timeout = 15_000;

    /// <summary>
    /// Makes <see cref="Page"/> a page in a new browser context, closed when the test ends instead of being lent to the next
    /// one: for a test about a fresh browser (every asset fetched, nothing cached) or that adds scripts or handlers to its
    /// page (<c>AddInitScriptAsync</c>, <c>Page.Console +=</c>). Call it first.
    /// </summary>
    protected async Task UseFreshBrowserAsync()
    {
        if (fresh is not null) return;
        fresh = await chromium.NewPageAsync(server.BaseUrl, Viewport, Timeout);
        Page = fresh;
        Listen(Page);
    }

    /// <summary>
    /// Makes <see cref="Page"/> the page of <paramref name="sharedPage"/> (the class's fixture), opened with
    /// <paramref name="open"/> by the first test that asks and shared by the class's tests after it (see <see cref="SharedPage"/>).
    /// Call it first. If the test fails, the page is closed and the next test opens it again.
    /// </summary>
    protected async Task UseSharedPageAsync(SharedPage sharedPage, Func<IPage, Task> open)
    {
        Page = await sharedPage.GetAsync(() => chromium.NewPageAsync(server.BaseUrl, Viewport, Timeout), open);
        shared = sharedPage;
        Listen(Page);
    }

    // Browser errors (failed circuit, script errors) go to the test output, to explain a failure.
    private void Listen(IPage page)
    {
        page.Console += OnConsole;
        page.PageError += OnPageError;
        page.Response += OnResponse;
    }

    private void StopListening(IPage page)
    {
        page.Console -= OnConsole;
        page.PageError -= OnPageError;
        page.Response -= OnResponse;
    }

    private void OnConsole(object? sender, IConsoleMessage message)
    {
        if (message.Type is "error" or "warning") Log($"[browser {message.Type}] {message.Text}");
    }

    private void OnPageError(object? sender, string error) => Log($"[page error] {error}");

    private void OnResponse(object? sender, IResponse response)
    {
        if (response.Status >= 400) Log($"[http {response.Status}] {response.Request.Method} {response.Url}");
    }

    public virtual async Task DisposeAsync()
    {
        if (lent is null) return;
        try
        {
            if (ScreenshotEveryTest || flow.Threw)
                await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"{GetType().Name}.{TestName()}.png"), FullPage = true });
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Log($"No screenshot: {e.Message}");
        }
        // A failed test's pages are closed, not lent again: whatever state it left them in ends with them.
        var reuse = !flow.Threw;
        StopListening(lent);
        await chromium.TakeBackAsync(server.BaseUrl, lent, reuse);
        if (fresh is not null) await chromium.TakeBackAsync(server.BaseUrl, fresh, reuse: false);
        if (shared is not null)
        {
            StopListening(Page);
            if (!reuse) await shared.DiscardAsync();
        }
        foreach (var other in sessions) await chromium.TakeBackAsync(server.BaseUrl, other, reuse);
        if (CpuLog.Enabled) CpuLog.Write($"{GetType().Name}.{TestName()}", cpuBefore, CpuLog.Take());
    }

    protected LoginPage Login => new(Page);

    protected ShellPage Shell => new(Page);

    /// <summary>
    /// Signs in as the demo user of <paramref name="role"/> (of the class's <see cref="Workspace"/> when it has one; the
    /// super admin for SUPER_ADMIN) and waits for <paramref name="path"/> (by default where that role lands: the inbox for
    /// an agent, home for the others) to show them signed in. The first time per server and user this goes through the
    /// login page (and then to <paramref name="path"/>); the session's cookies are then saved on the server fixture and
    /// later tests start from them, opening <paramref name="path"/> directly (a saved sign-in, like Playwright's storage
    /// state: one page load instead of the landing page and then the test's page), unless that session has ended
    /// meanwhile (signed out), when the login page is used again. Tests of signing in use <see cref="Login"/>.
    /// </summary>
    protected Task<(string Email, string Name)> SignInAsAsync(UserRole role, string? path = null)
    {
        var (email, name, password) = role == UserRole.SUPER_ADMIN
            ? (InboxServer.SuperAdminEmail, "Super Admin", InboxServer.SuperAdminPassword)
            : workspace is { } own
                ? (own.User(role).Email, own.User(role).Name, InboxServer.DemoPassword)
                : (InboxServer.Demo(role).Email, InboxServer.Demo(role).Name, InboxServer.DemoPassword);
        return SignInAsync(Page, email, name, password, role, path);
    }

    /// <summary>
    /// Signs <paramref name="user"/> of the class's <see cref="Workspace"/> in on <paramref name="page"/> (a second person's
    /// session, <see cref="NewSessionAsync"/>) the way <see cref="SignInAsAsync(UserRole, string?)"/> does: through the login
    /// page the first time per server and user, from the saved session afterwards, opening <paramref name="path"/> directly.
    /// </summary>
    protected Task<(string Email, string Name)> SignInAsAsync(IPage page, WorkspaceUser user, string? path = null) =>
        SignInAsync(page, user.Email, user.Name, InboxServer.DemoPassword, user.Role, path);

    private async Task<(string Email, string Name)> SignInAsync(IPage page, string email, string name, string password, UserRole role, string? path)
    {
        var target = path ?? LandingPath(role);
        var shell = new ShellPage(page);
        if (server.SavedSignIns.TryGetValue(email, out var saved))
        {
            await page.Context.AddCookiesAsync(saved);
            await page.GotoAsync(target);
            if (page.Url == server.BaseUrl + target)
            {
                await shell.ExpectSignedInAsAsync(name);
                return (email, name);
            }
            await page.Context.ClearCookiesAsync();
        }
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(email, password);
        await Expect(page).ToHaveURLAsync(server.BaseUrl + LandingPath(role));
        await shell.ExpectSignedInAsAsync(name);
        server.SavedSignIns[email] = (await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires,
            HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }).ToList();
        if (target != LandingPath(role))
        {
            await page.GotoAsync(target);
            await Expect(page).ToHaveURLAsync(server.BaseUrl + target);
            await shell.ExpectSignedInAsAsync(name);
        }
        return (email, name);
    }

    /// <summary>Where a sign-in without a return address lands for <paramref name="role"/>.</summary>
    protected static string LandingPath(UserRole role) => role == UserRole.AGENT ? "/inbox" : "/";

    /// <summary>A second, independent browser session (another person: a browser context of its own) in the same browser.</summary>
    protected async Task<IPage> NewSessionAsync()
    {
        var other = await chromium.LendAsync(server.BaseUrl, Viewport, Timeout);
        sessions.Add(other);
        return other;
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
