using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.OptOuts;

[Collection(SharedServer.Name)]
public sealed class OptOutsPageTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task A_supervisor_adds_finds_and_removes_a_number_and_saves_the_keywords()
    {
        await SignInAsAsync(UserRole.SUPERVISOR, "/settings/opt-outs");
        await Page.WaitForInteractiveAsync();
        var phone = "+4917" + Random.Shared.Next(10_000_000, 99_999_999);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Add number", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Phone number").FillAsync("12");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("phone must be a phone number");
        await dialog.GetByLabel("Phone number").FillAsync(phone);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var grid = Page.GetByTestId("opt-outs-grid");
        await Expect(grid.GetByText(phone, new() { Exact = true })).ToBeVisibleAsync();

        var search = Page.GetByRole(AriaRole.Search, new() { Name = "Filter opted-out numbers" }).GetByLabel("Search");
        await search.FillAsync("0000000000");
        await Expect(grid.GetByText("No number matches this search.")).ToBeVisibleAsync();
        await search.FillAsync(phone[^8..]);
        await Expect(grid.GetByText(phone, new() { Exact = true })).ToBeVisibleAsync();

        await Page.GetByLabel("Re-subscribe confirmation").FillAsync("Welcome back!");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save keywords" }).ClickAsync();
        await Expect(Page.GetByText("Keywords saved")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Remove {phone}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync(); // the confirmation
        await Expect(grid.GetByText(phone, new() { Exact = true })).ToHaveCountAsync(0);

        await Page.ReloadAsync();
        await Page.WaitForInteractiveAsync();
        await Expect(Page.GetByLabel("Re-subscribe confirmation")).ToHaveValueAsync("Welcome back!");
    }
}
