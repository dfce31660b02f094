using InboxApp.Core.Identity;
using InboxApp.E2E.Inbox;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Templates;

/// <summary>An agent answers a conversation whose 24-hour window has closed with one of the demo's approved templates.</summary>
[Collection(SharedServer.Name)]
public sealed class TemplateComposerTests(InboxServer server, Chromium chromium, ITestOutputHelper output) : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task An_agent_answers_a_closed_window_with_a_template_prefilled_from_the_contact()
    {
        var name = "Tess Template " + Random.Shared.Next(1000, 9999);
        await Seed.CustomerWritesAsync(name, "Any news about my refund?", DateTimeOffset.UtcNow.AddHours(-26));
        var conversationId = await Seed.ConversationIdAsync(name);
        await SignInAsAsync(UserRole.AGENT);
        var inbox = new InboxPageObject(Page);
        await inbox.GotoAsync($"/inbox/{conversationId}");
        await Expect(inbox.ThreadContact).ToHaveTextAsync(name);

        var picker = Page.GetByRole(AriaRole.Region, new() { Name = "Send a template" });
        await Expect(Page.GetByTestId("composer-closed")).ToBeVisibleAsync();
        await Expect(inbox.Composer).ToHaveCountAsync(0);
        await picker.GetByLabel("Template", new() { Exact = true }).ChooseAsync("follow_up (en_US)");
        await Expect(picker.GetByLabel("Body {{1}}")).ToHaveValueAsync(name);
        var preview = picker.GetByRole(AriaRole.Figure, new() { Name = "Template preview" });
        await Expect(preview).ToContainTextAsync($"Hello {name}, we are following up on your recent conversation with us.");
        await picker.GetByLabel("Body {{1}}").FillAsync("Tess");
        await Expect(preview).ToContainTextAsync("Hello Tess, we are following up");
        await ScreenshotAsync("template-picker");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Send template" }).ClickAsync();

        await Expect(inbox.Message("Hello Tess, we are following up on your recent conversation with us.")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("composer-closed")).ToBeVisibleAsync();
    }
}
