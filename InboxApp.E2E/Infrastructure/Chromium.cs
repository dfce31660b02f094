namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. Test classes take it as <c>IClassFixture&lt;Chromium&gt;</c>, but there is one
/// browser per test run: the first fixture launches it, every other one shares it, and it is closed when the test run
/// ends (launching costs about a second of CPU each time). Isolation comes from the browser context each test opens
/// (cookies, storage). Never downloads a browser: the executable is <c>CHROMIUM_PATH</c> or /usr/bin/chromium.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private static readonly SemaphoreSlim Launching = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? shared;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync() => Browser = await SharedAsync();

    /// <summary>Nothing to do per class: the shared browser lives until the test run ends.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IBrowser> SharedAsync()
    {
        await Launching.WaitAsync();
        try
        {
            if (shared is { IsConnected: true }) return shared;
            if (!File.Exists(ExecutablePath))
                throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: apt-get install chromium, or set CHROMIUM_PATH.");
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
