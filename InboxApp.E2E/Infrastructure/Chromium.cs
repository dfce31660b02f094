namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. Test classes take it as <c>IClassFixture&lt;Chromium&gt;</c>, but there is one
/// browser per test run: the first fixture launches it, every other one shares it, and it is closed when the test run
/// ends (launching costs about a second of CPU each time). Never downloads a browser: the executable is
/// <c>CHROMIUM_PATH</c>, Debian's headless shell or /usr/bin/chromium (<see cref="ExecutablePath"/>).
/// <para>
/// Each fixture (one per collection, whose tests run one after another) keeps the pages its tests are done with and
/// lends them to the next tests (<see cref="LendAsync"/>, <see cref="TakeBackAsync"/>): a new tab costs Chromium a new
/// renderer process, about 1.1 s of CPU for its first page against 0.3–0.45 s for the next page in the same tab
/// (docs/performance.md). A page comes back emptied: its origin's localStorage and sessionStorage cleared, on
/// about:blank (which ends the Blazor circuit, as closing it did), its context's cookies and permissions cleared; what
/// stays is the tab's renderer and the context's HTTP cache. A page that cannot be emptied, or whose test failed, is
/// closed instead. Tests that add scripts or handlers to the page, or are about a fresh browser, open one of their own
/// (<see cref="BrowserTest.UseFreshBrowserAsync"/>).
/// </para>
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    // E2E_CHROMIUM_ARGS (space-separated) adds switches, to measure them (docs/performance.md) without a build.
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        .. (Environment.GetEnvironmentVariable("E2E_CHROMIUM_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
    ];

    private static readonly SemaphoreSlim Launching = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? shared;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// <c>CHROMIUM_PATH</c> when set; else Debian's headless shell (package <c>chromium-headless-shell</c>, the old headless
    /// mode as a browser of its own: no browser UI, fewer processes, about half the CPU of the full
    /// browser's <c>--headless</c>; docs/performance.md, session 14) when installed; else the full browser.
    /// </summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path
        : File.Exists(HeadlessShell) ? HeadlessShell
        : "/usr/bin/chromium";

    /// <summary>Debian's <c>chromium-headless-shell</c> (the binary itself: /usr/bin/chromium-headless-shell only calls it).</summary>
    public const string HeadlessShell = "/usr/lib/chromium/chromium-headless-shell";

    public async Task InitializeAsync() => Browser = await SharedAsync();

    /// <summary>Closes the pages kept for this fixture's tests; the shared browser lives until the test run ends.</summary>
    public async Task DisposeAsync()
    {
        List<IPage> pages;
        lock (idle)
        {
            pages = [.. idle.Values.SelectMany(p => p)];
            idle.Clear();
        }
        foreach (var page in pages) await CloseAsync(page);
    }

    private readonly Dictionary<string, Stack<IPage>> idle = [];

    /// <summary>
    /// A page of a browser context of its own (cookies, storage) for <paramref name="baseUrl"/>, empty (about:blank, no
    /// cookies, no storage), sized <paramref name="viewport"/>, with the default timeout: one a previous test gave back, or a
    /// new one.
    /// </summary>
    public async Task<IPage> LendAsync(string baseUrl, ViewportSize viewport, float timeout)
    {
        IPage? page = null;
        lock (idle)
        {
            if (idle.TryGetValue(baseUrl, out var pages) && pages.Count > 0) page = pages.Pop();
        }
        if (page is null) return await NewPageAsync(baseUrl, viewport, timeout);
        if (page.ViewportSize is not { } size || size.Width != viewport.Width || size.Height != viewport.Height)
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        page.Context.SetDefaultTimeout(timeout);
        page.SetDefaultTimeout(timeout);
        return page;
    }

    /// <summary>A page in a new browser context, closed (not kept) when its test gives it back.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl, ViewportSize viewport, float timeout)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = viewport });
        context.SetDefaultTimeout(timeout);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Takes back a page of <see cref="LendAsync"/>: emptied and kept for the next test when <paramref name="reuse"/>, else
    /// (or when it cannot be emptied) closed with its context.
    /// </summary>
    public async Task TakeBackAsync(string baseUrl, IPage page, bool reuse)
    {
        if (reuse && !page.IsClosed && page.Context.Pages.Count == 1)
        {
            try
            {
                if (page.Url.StartsWith(baseUrl + "/", StringComparison.Ordinal))
                    await page.EvaluateAsync("() => { localStorage.clear(); sessionStorage.clear(); }");
                await page.GotoAsync("about:blank");
                await page.Context.ClearCookiesAsync();
                await page.Context.ClearPermissionsAsync();
                lock (idle)
                {
                    if (!idle.TryGetValue(baseUrl, out var pages)) idle[baseUrl] = pages = new();
                    pages.Push(page);
                }
                return;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // Not emptied (the page crashed or hung): closed below, the next test gets a new one.
            }
        }
        await CloseAsync(page);
    }

    private static async Task CloseAsync(IPage page)
    {
        try
        {
            await page.Context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already gone with its browser.
        }
    }

    private static async Task<IBrowser> SharedAsync()
    {
        await Launching.WaitAsync();
        try
        {
            if (shared is { IsConnected: true }) return shared;
            if (!File.Exists(ExecutablePath))
                throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: apt-get install chromium-headless-shell, or set CHROMIUM_PATH.");
            playwright ??= await Playwright.CreateAsync();
            shared = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
            if (playwright is { } started && shared is { } browser)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    try
                    {
                        browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
                    }
                    catch (Exception e) when (e is PlaywrightException or AggregateException or ObjectDisposedException)
                    {
                        // Exiting anyway: Playwright's driver ends the browser when this process goes.
                    }
                    started.Dispose();
                };
            }
            return shared;
        }
        finally
        {
            Launching.Release();
        }
    }
}
