using Microsoft.Playwright;

namespace InboxApp.Bench;

/// <summary>
/// Debian's Chromium driven by Playwright for the inbox benchmark (never downloads a browser: <c>CHROMIUM_PATH</c> or
/// /usr/bin/chromium, as the E2E tests), with the sign-in and inbox steps the E2E tests use.
/// </summary>
public static class BenchBrowser
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: apt-get install chromium, or set CHROMIUM_PATH.");
        return playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
    }

    /// <summary>A new browser context (its own cookies) with one page, signed in through <c>/login</c> (it lands where the role lands).</summary>
    public static async Task<IPage> SignedInPageAsync(IBrowser browser, string baseUrl, string email, string password)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Agents land on the inbox, other roles on home: wait until the sign-in page is left.
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Opens <c>/inbox/{id}</c> and waits until the page is interactive and the thread shows its messages.</summary>
    public static async Task OpenConversationAsync(IPage page, Guid conversationId)
    {
        await page.GotoAsync($"/inbox/{conversationId}");
        await page.Locator("[data-testid=inbox-page][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=thread-contact]").WaitForAsync();
        await page.Locator("[data-testid=message]").First.WaitForAsync();
    }
}
