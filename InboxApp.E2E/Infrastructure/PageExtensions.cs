namespace InboxApp.E2E.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the page's circuit is live (the layout renders <c>data-interactive="true"</c> once interactive).
    /// Pages are prerendered first; a click before this point would be lost.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive='true']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Chooses a file in a Blazor <c>InputFile</c>, once Blazor listens to it: the component wires its change handler
    /// after its first interactive render (it sets <c>_blazorInputFileNextFileId</c>), and a file chosen before is lost.
    /// </summary>
    public static async Task ChooseFileAsync(this ILocator input, FilePayload file)
    {
        await input.Page.WaitForFunctionAsync("el => el._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());
        await input.SetInputFilesAsync(file);
    }

    /// <summary>The value of a cookie of the page's context, or null.</summary>
    public static async Task<string?> CookieAsync(this IPage page, string name) =>
        (await page.Context.CookiesAsync()).FirstOrDefault(c => c.Name == name)?.Value;

    /// <summary>Chooses <paramref name="option"/> in a MudSelect (found by its label): opens its list and clicks the option.</summary>
    public static async Task ChooseAsync(this ILocator select, string option)
    {
        await select.ClickAsync();
        var item = select.Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        await Expect(item).ToBeHiddenAsync();
    }
}
