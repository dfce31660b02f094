namespace InboxApp.E2E.Pages;

/// <summary>The inbox (<c>/inbox</c>): the conversation list, the open thread and its composer.</summary>
public sealed class InboxPageObject(IPage page)
{
    public ILocator Rows => page.GetByTestId("conversation-row");

    public ILocator Row(string contactName) => Rows.Filter(new() { HasText = contactName });

    public ILocator Thread => page.GetByTestId("thread");

    public ILocator Messages => page.GetByTestId("message");

    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });

    public ILocator Composer => page.GetByLabel("Message", new() { Exact = true });

    public ILocator SendButton => page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });

    public async Task GotoAsync(string path = "/inbox")
    {
        await page.GotoAsync(path);
        await Expect(page.GetByTestId("inbox-page")).ToHaveAttributeAsync("data-interactive", "true");
    }

    public async Task OpenAsync(string contactName)
    {
        await Row(contactName).ClickAsync();
        await Expect(page.GetByTestId("thread-contact")).ToHaveTextAsync(contactName);
    }
}
