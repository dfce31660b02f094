using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.QuickReplies;

[Collection(SharedServer.Name)]
public sealed class QuickRepliesPageTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task An_admin_creates_finds_edits_and_deletes_a_quick_reply()
    {
        await SignInAsAsync(UserRole.ADMIN, "/settings/quick-replies");
        await Page.WaitForInteractiveAsync();
        var shortcut = $"refund{Guid.NewGuid().ToString("N")[..6]}";

        await Page.GetByRole(AriaRole.Button, new() { Name = "New quick reply", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Shortcut (agents type /shortcut)").FillAsync(shortcut);
        await dialog.GetByLabel("Title").FillAsync("Refund on its way");
        await dialog.GetByLabel("Text").FillAsync("Hi {{contact.name}}, your refund is on its way.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var grid = Page.GetByTestId("quick-replies-grid");
        var row = grid.GetByRole(AriaRole.Row).Filter(new() { HasText = "/" + shortcut });
        await Expect(row).ToContainTextAsync("Refund on its way");

        // The same shortcut again is refused in the dialog.
        await Page.GetByRole(AriaRole.Button, new() { Name = "New quick reply", Exact = true }).ClickAsync();
        await dialog.GetByLabel("Shortcut (agents type /shortcut)").FillAsync(shortcut);
        await dialog.GetByLabel("Title").FillAsync("Duplicate");
        await dialog.GetByLabel("Text").FillAsync("Duplicate");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(1);

        // Search narrows the list to it.
        await Page.GetByLabel("Search quick replies").FillAsync(shortcut);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(grid.GetByRole(AriaRole.Row).Filter(new() { HasText = "/" })).ToHaveCountAsync(1);

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Edit /{shortcut}" }).ClickAsync();
        await dialog.GetByLabel("Title").FillAsync("Refund sent");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Refund sent");

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Delete /{shortcut}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync(); // the confirmation
        await Expect(row).ToHaveCountAsync(0);
        await Page.ReloadAsync();
        await Page.WaitForInteractiveAsync();
        await Expect(Page.GetByText("/" + shortcut)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_editor_inserts_a_known_placeholder_and_refuses_a_misspelt_one()
    {
        await SignInAsAsync(UserRole.ADMIN, "/settings/quick-replies");
        await Page.WaitForInteractiveAsync();
        var shortcut = $"hello{Guid.NewGuid().ToString("N")[..6]}";

        await Page.GetByRole(AriaRole.Button, new() { Name = "New quick reply", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        // The caret starts in the shortcut; it never leaves a field typed into meanwhile (FocusOnOpen).
        await Expect(dialog.GetByLabel("Shortcut (agents type /shortcut)")).ToBeFocusedAsync();
        await dialog.GetByLabel("Shortcut (agents type /shortcut)").FillAsync(shortcut);
        await dialog.GetByLabel("Title").FillAsync("Hello");
        await Expect(dialog.GetByLabel("Shortcut (agents type /shortcut)")).ToHaveValueAsync(shortcut);
        var text = dialog.GetByLabel("Text", new() { Exact = true });
        await text.FillAsync("Hi {{contact_name}}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert).Filter(new() { HasText = "{{contact_name}}" }).First).ToBeVisibleAsync();

        await text.FillAsync("Hi");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Insert {{contact.name}}" }).ClickAsync();
        await Expect(text).ToHaveValueAsync("Hi {{contact.name}}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByTestId("quick-replies-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = "/" + shortcut })).ToContainTextAsync("Hi {{contact.name}}");
    }
}
