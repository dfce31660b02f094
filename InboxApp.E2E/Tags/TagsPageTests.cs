using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Tags;

[Collection(SharedServer.Name)]
public sealed class TagsPageTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task An_admin_creates_renames_and_deletes_a_tag()
    {
        await SignInAsAsync(UserRole.ADMIN, "/settings/tags");
        await Page.WaitForInteractiveAsync();
        var name = $"Refund {Guid.NewGuid().ToString("N")[..6]}";

        await Page.GetByRole(AriaRole.Button, new() { Name = "New tag", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Green" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Green" })).ToHaveAttributeAsync("aria-checked", "true");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var grid = Page.GetByTestId("tags-grid");
        await Expect(grid.GetByText(name, new() { Exact = true })).ToBeVisibleAsync();

        // A second tag with the same name is refused in the dialog, and nothing is added.
        await Page.GetByRole(AriaRole.Button, new() { Name = "New tag", Exact = true }).ClickAsync();
        await dialog.GetByLabel("Name").FillAsync(name.ToUpperInvariant());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(grid.GetByText(name.ToUpperInvariant(), new() { Exact = true })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Edit {name}" }).ClickAsync();
        await dialog.GetByLabel("Name").FillAsync(name + " done");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(grid.GetByText(name + " done", new() { Exact = true })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name} done" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync(); // the confirmation
        await Expect(grid.GetByText(name + " done", new() { Exact = true })).ToHaveCountAsync(0);

        // Still gone after a reload: the page wrote through the service, not only its own list.
        await Page.ReloadAsync();
        await Page.WaitForInteractiveAsync();
        await Expect(Page.GetByText(name + " done", new() { Exact = true })).ToHaveCountAsync(0);
    }
}
