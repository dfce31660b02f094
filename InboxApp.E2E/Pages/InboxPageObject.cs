namespace InboxApp.E2E.Pages;

/// <summary>The inbox (<c>/inbox</c>): the conversation list, the open thread and its composer.</summary>
public sealed class InboxPageObject(IPage page)
{
    public ILocator Rows => page.GetByTestId("conversation-row");

    public ILocator Row(string contactName) => Rows.Filter(new() { HasText = contactName });

    public ILocator Thread => page.GetByTestId("thread");

    public ILocator Messages => page.GetByTestId("message");

    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });

    /// <summary>The reply box once its keys are attached (Enter sends): pressing Enter any earlier would only add a new line.</summary>
    public ILocator Composer => page.Locator("textarea[aria-label='Message'][data-keys='on']");

    public ILocator SendButton => page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });

    public ILocator List => page.GetByTestId("conversation-list");

    public ILocator StatusTab(string key) => page.GetByTestId("status-tab-" + key);

    public ILocator Search => page.GetByLabel("Search conversations");

    public ILocator AssignedFilter => page.GetByLabel("Assigned to", new() { Exact = true });

    public ILocator SortPicker => page.GetByLabel("Sort", new() { Exact = true });

    public ILocator UnreadPill => page.GetByTestId("pill-unread");

    public ILocator NeedsActionPill => page.GetByTestId("pill-needs-action");

    public ILocator AllPill => page.GetByRole(AriaRole.Group, new() { Name = "Show" }).GetByRole(AriaRole.Button).First;

    public ILocator ContactNames => Rows.Locator(".contact-name");

    public ILocator UnreadBadge(string contactName) => Row(contactName).Locator(".unread-badge");

    public ILocator ThreadContact => page.GetByTestId("thread-contact");

    public ILocator ThreadStatus => page.GetByTestId("thread-status");

    public ILocator MessageList => page.GetByTestId("messages");

    public ILocator DayDividers => MessageList.GetByRole(AriaRole.Separator);

    public ILocator SidePanel => page.GetByTestId("side-panel");

    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Types into the search box and commits it (the list searches on change).</summary>
    public async Task SearchAsync(string text)
    {
        await Search.FillAsync(text);
        await Search.PressAsync("Enter");
    }

    public async Task GotoAsync(string path = "/inbox")
    {
        await page.GotoAsync(path);
        await ExpectInteractiveAsync();
    }

    /// <summary>Waits until the inbox the page is on is interactive.</summary>
    public Task ExpectInteractiveAsync() =>
        Expect(page.GetByTestId("inbox-page")).ToHaveAttributeAsync("data-interactive", "true");

    public async Task OpenAsync(string contactName)
    {
        await Row(contactName).ClickAsync();
        await Expect(page.GetByTestId("thread-contact")).ToHaveTextAsync(contactName);
    }

    /// <summary>Opens the details panel beside the thread.</summary>
    public async Task OpenDetailsAsync()
    {
        await page.GetByTestId("thread").GetByRole(AriaRole.Button, new() { Name = "Details", Exact = true }).ClickAsync();
        await Expect(SidePanel).ToBeVisibleAsync();
    }

    /// <summary>The inbox fills the screen below the header and no further: the composer is on screen without scrolling the page.</summary>
    public static async Task ExpectFitsScreenAsync(IPage page)
    {
        var edges = await page.GetByTestId("inbox-page").EvaluateAsync<double[]>("e => [e.getBoundingClientRect().bottom, innerHeight]");
        var (bottom, height) = (edges[0], edges[1]);
        Assert.True(bottom <= height, $"The inbox ends at {bottom}px, below the screen's {height}px");
    }

    /// <summary>Scrolls a scroll container (the list, the messages) to its top or bottom, as a reader would.</summary>
    public static Task ScrollAsync(ILocator container, bool toTop) =>
        container.EvaluateAsync(toTop ? "el => el.scrollTop = 0" : "el => el.scrollTop = el.scrollHeight");
}
