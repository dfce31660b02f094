using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>The sandbox simulator and the inbox together, with nothing outside the machine: an admin plays the customer, an agent answers.</summary>
[Collection(SharedServer.Third)]
public class SandboxRoundTripTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task A_customer_typed_in_the_simulator_reaches_the_agent_and_the_reply_comes_back_with_ticks()
    {
        await SignInAsAsync(UserRole.ADMIN, "/sandbox");
        await Expect(Page.GetByTestId("sandbox-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Page.GetByLabel("Customer name").FillAsync("Sandy Simulated");
        await Page.GetByLabel("First message").FillAsync("Do you ship to Lisbon?");
        await Page.GetByTestId("start-conversation").ClickAsync();
        await Expect(Page.GetByTestId("sandbox-chat")).ToContainTextAsync("Do you ship to Lisbon?");

        var agentPage = await NewSessionAsync();
        await SignInAsAsync(agentPage, Workspace.User(UserRole.AGENT), "/inbox");
        var inbox = new InboxPageObject(agentPage);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Sandy Simulated");
        await inbox.Composer.FillAsync("Yes, in 2 to 3 days");
        await inbox.SendButton.ClickAsync();

        // The simulator shows the business reply, and the agent's bubble reaches "read" through the sandbox's status webhooks.
        await Expect(Page.GetByTestId("sandbox-chat")).ToContainTextAsync("Yes, in 2 to 3 days");
        await Expect(inbox.Message("Yes, in 2 to 3 days")).ToHaveAttributeAsync("data-status", "READ", new() { Timeout = 20_000 });

        await Page.GetByLabel("Customer message").FillAsync("Great, thanks!");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send as customer" }).ClickAsync();
        await Expect(inbox.Message("Great, thanks!")).ToBeVisibleAsync();
        await ScreenshotAsync("agent-side");
    }
}
