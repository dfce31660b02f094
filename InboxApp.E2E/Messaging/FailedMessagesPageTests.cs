using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Messaging;

[Collection(SharedServer.Third)]
public sealed class FailedMessagesPageTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task A_list_that_cannot_load_says_so_in_a_snackbar_and_resetting_the_filters_brings_it_back()
    {
        await SignInAsAsync(UserRole.ADMIN, "/settings/failed-messages");
        await Page.WaitForInteractiveAsync();
        var grid = Page.GetByTestId("failed-grid");
        // The demo organization has one message WhatsApp refused.
        await Expect(grid).ToContainTextAsync("Priya Sharma");
        var reset = Page.GetByRole(AriaRole.Button, new() { Name = "Reset filters" });
        await Expect(reset).ToBeDisabledAsync();

        // "From" after "To": the service refuses the filter, and the grid reports it instead of failing.
        await Page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-12-10");
        await Page.GetByLabel("From", new() { Exact = true }).PressAsync("Tab");
        await Page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-12-01");
        await Page.GetByLabel("To", new() { Exact = true }).PressAsync("Tab");

        await Expect(Page.Locator(".mud-snackbar").Filter(new() { HasText = "Could not load failed messages" })).ToBeVisibleAsync();
        await Expect(grid).ToContainTextAsync("Could not load failed messages. Try again in a moment.");

        await reset.ClickAsync();
        await Expect(grid).ToContainTextAsync("Priya Sharma");
        await Expect(Page.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }
}
