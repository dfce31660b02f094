using System.Text.RegularExpressions;
using InboxApp.Core.Bootstrap;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>Two agents in two browsers on the live inbox: what one does, or what WhatsApp sends, shows up for the other without reloading.</summary>
[Collection(SharedServer.Second)]
public class LiveInboxTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;


    private async Task CustomerWritesAsync(string name, string text, DateTimeOffset? at = null) =>
        await CustomerWebhook.PostTextAsync(Server, Workspace.SandboxMetaId, "4477009" + Random.Shared.Next(10_000, 99_999), name, text, at ?? DateTimeOffset.UtcNow);

    private async Task<IPage> SecondAgentAsync()
    {
        var page = await NewSessionAsync();
        await SignInAsAsync(page, Workspace.SecondAgent, "/inbox");
        return page;
    }

    [Fact]
    public async Task Two_agents_see_inbound_messages_replies_ticks_typing_and_takeover_live()
    {
        var (_, alexName) = await SignInAsAsync(UserRole.AGENT, "/inbox");
        var alex = new InboxPageObject(Page);
        await alex.ExpectInteractiveAsync();
        var blairPage = await SecondAgentAsync();
        var blair = new InboxPageObject(blairPage);
        await blair.ExpectInteractiveAsync();

        await CustomerWritesAsync("Zoe Webhook", "Hi, my parcel never arrived");
        await Expect(alex.Row("Zoe Webhook")).ToBeVisibleAsync();
        await Expect(blair.Row("Zoe Webhook")).ToBeVisibleAsync();
        await ScreenshotAsync("inbound-in-list");

        await alex.OpenAsync("Zoe Webhook");
        await blair.OpenAsync("Zoe Webhook");
        await Expect(alex.Message("my parcel never arrived")).ToBeVisibleAsync();

        // Blair sees Alex viewing, then typing.
        await Expect(blairPage.GetByTestId("viewer").Filter(new() { HasText = alexName })).ToContainTextAsync("is viewing");
        await alex.Composer.PressSequentiallyAsync("Sorry to hear that");
        await Expect(blairPage.GetByTestId("viewer").Filter(new() { HasText = alexName })).ToContainTextAsync("is typing");
        await ScreenshotAsync("typing");

        await alex.Composer.PressSequentiallyAsync(", let me check *right now*");
        await alex.Composer.PressAsync("Enter");
        await Expect(alex.Composer).ToHaveValueAsync("");
        var sentForBlair = blair.Message("let me check");
        await Expect(sentForBlair).ToBeVisibleAsync();
        await Expect(sentForBlair.Locator("strong")).ToHaveTextAsync("right now");
        // Sandbox status webhooks move the ticks on, for both agents.
        await Expect(sentForBlair).ToHaveAttributeAsync("data-status", "READ", new() { Timeout = 20_000 });
        await Expect(alex.Message("let me check")).ToHaveAttributeAsync("data-status", "READ");
        await ScreenshotAsync("read");

        await Page.GetByTestId("take-over").ClickAsync();
        await Expect(blairPage.GetByTestId("thread-assignee")).ToHaveTextAsync(alexName);
        await Expect(blair.Row("Zoe Webhook").GetByTestId("row-assignee")).ToHaveTextAsync(alexName);
    }

    [Fact]
    public async Task A_conversation_outside_the_24_hour_window_shows_the_closed_state_and_no_free_text()
    {
        await CustomerWritesAsync("Old Customer", "Are you there?", DateTimeOffset.UtcNow.AddHours(-30));
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Old Customer");

        await Expect(Page.GetByTestId("window-closed")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("composer-closed")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Message", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(inbox.Row("Old Customer")).ToContainTextAsync("Window closed");
    }

    [Fact]
    public async Task A_failed_message_shows_the_whatsapp_error_and_an_admin_retries_it()
    {
        await CustomerWritesAsync("Fran Failure", "Can you call me?");
        await SignInAsAsync(UserRole.ADMIN, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Fran Failure");
        await ArmNextFailureAsync("Fran Failure");

        await inbox.Composer.FillAsync("Calling you in five minutes");
        await inbox.SendButton.ClickAsync();
        var sent = inbox.Message("Calling you in five minutes");
        await Expect(sent).ToHaveAttributeAsync("data-status", "FAILED", new() { Timeout = 20_000 });
        await Expect(sent.GetByTestId("message-error")).ToContainTextAsync("131026");
        await ScreenshotAsync("failed");

        await sent.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(sent).ToHaveAttributeAsync("data-status", new Regex("SENT|DELIVERED|READ"), new() { Timeout = 20_000 });
        await Expect(sent.GetByTestId("message-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Keyboard_shortcuts_have_a_help_overlay_and_move_between_conversations()
    {
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await Page.Keyboard.PressAsync("?");
        await Expect(Page.GetByTestId("shortcuts-help")).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.GetByTestId("shortcuts-help")).ToHaveCountAsync(0);

        await Page.Keyboard.PressAsync("j");
        await Expect(Page).ToHaveURLAsync(new Regex("/inbox/[0-9a-f-]{36}$"));
        var first = Page.Url;
        await Expect(Page.GetByTestId("thread")).ToBeVisibleAsync();
        await Page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 300 } });
        await Page.Keyboard.PressAsync("j");
        await Expect(Page).Not.ToHaveURLAsync(first);
    }

    private async Task ArmNextFailureAsync(string contactName)
    {
        var services = Server.Services;
        await using var db = services.GetRequiredService<InboxDb>().For(Workspace.OrganizationId);
        var conversation = await db.Conversations.Include(c => c.Contact).FirstAsync(c => c.Contact!.ProfileName == contactName);
        await services.GetRequiredService<InboxApp.Core.Channels.Sandbox.SandboxService>()
            .ArmFailureAsync(Workspace.Admin, conversation.Id, null, 131026);
    }
}
