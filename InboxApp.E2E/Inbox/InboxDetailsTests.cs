using System.Text.RegularExpressions;
using InboxApp.Core.Bootstrap;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>The details panel and the thread's actions, as a supervisor: contact, tags, category, follow-up, assignment, bot, resolve.</summary>
[Collection(SharedServer.Third)]
public class InboxDetailsTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task A_supervisor_edits_the_contact_tags_category_and_follow_up_in_the_details_panel()
    {
        await Seed.PostAsync("tags", new { name = "VIP e2e", color = "#dc2626" });
        await Seed.CustomerWritesAsync("Dana Details", "I need help with my account");
        var id = await Seed.ConversationIdAsync("Dana Details");
        await SignInAsAsync(UserRole.SUPERVISOR, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Dana Details");
        await inbox.OpenDetailsAsync();
        var panel = inbox.SidePanel;

        // Contact name: the header and the list row show the new name.
        await panel.GetByLabel("Name", new() { Exact = true }).FillAsync("Dana Renamed");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Expect(inbox.ThreadContact).ToHaveTextAsync("Dana Renamed");
        await Expect(inbox.Row("Dana Renamed")).ToBeVisibleAsync();
        await Expect(inbox.Row("Dana Details")).ToHaveCountAsync(0);

        // Tag added, then removed.
        await panel.GetByLabel("Add a tag").ChooseAsync("VIP e2e");
        var tag = panel.Locator(".tag").Filter(new() { HasText = "VIP e2e" });
        await Expect(tag).ToBeVisibleAsync();
        await Expect(panel.GetByLabel("Add a tag")).ToHaveValueAsync("");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Remove tag VIP e2e" }).ClickAsync();
        await Expect(tag).ToHaveCountAsync(0);

        // Category.
        await panel.GetByLabel("Category", new() { Exact = true }).FillAsync("Billing");
        await panel.GetByLabel("Category", new() { Exact = true }).PressAsync("Tab");
        await Expect(panel.GetByLabel("Category", new() { Exact = true })).ToHaveValueAsync("Billing");

        // Follow-up set, then cleared.
        await panel.GetByLabel("Note").FillAsync("Call back about the refund");
        await panel.GetByLabel("Due").FillAsync("2031-05-04T10:30");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Set follow-up" }).ClickAsync();
        await Expect(panel.GetByTestId("follow-up")).ToContainTextAsync("Call back about the refund");
        await Expect(panel.GetByTestId("follow-up")).ToContainTextAsync("due 4 May 2031 10:30");
        await ScreenshotAsync("details");
        var saved = await Seed.GetAsync($"conversations/{id}");
        Assert.Equal("Billing", (string?)saved["category"]);
        Assert.Equal("Call back about the refund", (string?)saved["followUp"]?["note"]);
        Assert.Empty(saved["tags"]!.AsArray());
        await panel.GetByRole(AriaRole.Button, new() { Name = "Clear follow-up" }).ClickAsync();
        await Expect(panel.GetByTestId("follow-up")).ToHaveCountAsync(0);
        Assert.Null((await Seed.GetAsync($"conversations/{id}"))["followUp"]);
    }

    [Fact]
    public async Task A_supervisor_assigns_to_an_online_agent_returns_to_the_bot_with_a_summary_resolves_undoes_and_reopens()
    {
        await Seed.CustomerWritesAsync("Hugo Handoff", "Can I change my delivery address?");
        var id = await Seed.ConversationIdAsync("Hugo Handoff");
        // "Return to bot" is offered only to an organization with a bot.
        await Seed.SwitchBotAsync(true);
        try
        {
            await AssignReturnToBotResolveAndReopenAsync(id);
        }
        finally
        {
            await Seed.SwitchBotAsync(false);
        }
    }

    private async Task AssignReturnToBotResolveAndReopenAsync(Guid id)
    {
        await SignInAsAsync(UserRole.SUPERVISOR, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Hugo Handoff");

        // Blair comes online in the inbox: the picker shows it live.
        var blair = Workspace.SecondAgent;
        ILocator Option(string name) => Page.GetByRole(AriaRole.Option, new() { Name = name, Exact = true });
        await Page.GetByTestId("assign-picker").ClickAsync();
        await Expect(Option($"{blair.Name} · offline")).ToBeVisibleAsync();
        var blairPage = await NewSessionAsync();
        await SignInAsAsync(blairPage, blair, "/inbox");
        await new InboxPageObject(blairPage).ExpectInteractiveAsync();
        await Expect(Option($"{blair.Name} · online")).ToBeVisibleAsync();
        await Expect(Option("Sam Supervisor · online")).ToBeVisibleAsync();

        await Option($"{blair.Name} · online").ClickAsync();
        await Expect(Page.GetByTestId("thread-assignee")).ToHaveTextAsync(blair.Name);
        await Expect(inbox.Row("Hugo Handoff").GetByTestId("row-assignee")).ToHaveTextAsync(blair.Name);

        // Back to the bot with a handoff summary.
        await Page.GetByTestId("thread").GetByRole(AriaRole.Button, new() { Name = "Return to bot" }).ClickAsync();
        var handoff = Page.GetByTestId("handoff");
        await handoff.GetByLabel("Summary for the bot (optional)").FillAsync("Wants to change the address of order 5521");
        await handoff.GetByRole(AriaRole.Button, new() { Name = "Return to bot" }).ClickAsync();
        await Expect(inbox.ThreadStatus).ToHaveTextAsync("Bot");
        await Expect(handoff).ToHaveCountAsync(0);
        Assert.Equal("Wants to change the address of order 5521", (string?)(await Seed.GetAsync($"conversations/{id}"))["handoffSummary"]);
        await ScreenshotAsync("bot");

        // Resolve says so and can be undone: the conversation is back with the bot.
        await Page.GetByTestId("resolve").ClickAsync();
        await Expect(inbox.ThreadStatus).ToHaveTextAsync("Resolved");
        var snackbar = Page.Locator(".mud-snackbar").Filter(new() { HasText = "Conversation resolved" });
        await Expect(snackbar).ToBeVisibleAsync();
        await snackbar.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Expect(inbox.ThreadStatus).ToHaveTextAsync("Bot");
        Assert.Equal("BOT_HANDLING", (string?)(await Seed.GetAsync($"conversations/{id}"))["status"]);

        // Resolve again: it leaves the Active tab for the Resolved one.
        await Page.GetByTestId("resolve").ClickAsync();
        await Expect(inbox.ThreadStatus).ToHaveTextAsync("Resolved");
        await Expect(inbox.Row("Hugo Handoff")).ToHaveCountAsync(0);
        await inbox.StatusTab("CLOSED").ClickAsync();
        await Expect(inbox.Row("Hugo Handoff")).ToBeVisibleAsync();
        await Expect(inbox.Row("Hugo Handoff")).ToContainTextAsync("Resolved");
        await Expect(Page.GetByTestId("resolve")).ToHaveCountAsync(0);

        // A resolved conversation can be reopened.
        await Page.GetByTestId("reopen").ClickAsync();
        await Expect(inbox.ThreadStatus).ToHaveTextAsync("Open");
        await Expect(Page.GetByTestId("resolve")).ToBeVisibleAsync();
    }
}
