namespace InboxApp.E2E.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the page's circuit is live (the layout renders <c>data-interactive="true"</c> once interactive).
    /// Pages are prerendered first; a click before this point would be lost.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive='true']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>The value of a cookie of the page's context, or null.</summary>
    public static async Task<string?> CookieAsync(this IPage page, string name) =>
        (await page.Context.CookiesAsync()).FirstOrDefault(c => c.Name == name)?.Value;
}
