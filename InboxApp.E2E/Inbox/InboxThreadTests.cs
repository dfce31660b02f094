using System.Diagnostics;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>The open thread: older pages on scroll up, day dividers, reply quotes, reactions and inbound media.</summary>
[Collection(SharedServer.Second)]
public class InboxThreadTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task Older_messages_load_when_scrolling_up_under_day_dividers()
    {
        // 60 messages over three days in one delivery: 20 the day before yesterday, 20 yesterday, 20 today.
        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(1, 60).Select(i =>
            InboxSeed.Text($"Older message {i:D2}", now.AddDays(-(60 - i) / 20).AddSeconds(i - 61))).ToArray();
        await Seed.CustomerSendsAsync(InboxSeed.NewWaId(), "Olga Older", messages);
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Olga Older");

        // The newest page (50), scrolled to the end.
        await Expect(inbox.Messages).ToHaveCountAsync(50);
        await Expect(inbox.Message("Older message 60")).ToBeInViewportAsync();
        await Expect(inbox.Message("Older message 10")).ToHaveCountAsync(0);
        await Expect(inbox.DayDividers).ToHaveCountAsync(3);
        await Expect(inbox.DayDividers.Nth(1)).ToHaveTextAsync("Yesterday");
        await Expect(inbox.DayDividers.Nth(2)).ToHaveTextAsync("Today");
        await ScreenshotAsync("newest-page");

        await InboxPageObject.ScrollAsync(inbox.MessageList, toTop: true);
        await Expect(inbox.Messages).ToHaveCountAsync(60);
        await Expect(inbox.Message("Older message 01")).ToBeAttachedAsync();
        await Expect(inbox.MessageList.GetByRole(AriaRole.Button, new() { Name = "Load older messages" })).ToHaveCountAsync(0);
        // Still three days, in order; the oldest day's messages sit under its divider.
        await Expect(inbox.DayDividers).ToHaveCountAsync(3);
        var order = await inbox.Messages.Locator(".body").AllTextContentsAsync();
        Assert.Equal(Enumerable.Range(1, 60).Select(i => $"Older message {i:D2}"), order.Select(t => t.Trim()));
    }

    [Fact]
    public async Task Replies_quote_the_message_they_answer_and_a_reaction_shows_on_its_bubble()
    {
        var waId = await Seed.CustomerWritesAsync("Rita Reply", "Which size fits me?");
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Rita Reply");

        // The agent replies to the question: the sent bubble quotes it.
        var question = inbox.Message("Which size fits me?").And(Page.Locator(".bubble.in"));
        await question.HoverAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Reply to this message" }).ClickAsync();
        await Expect(Page.GetByTestId("replying-to")).ToContainTextAsync("Which size fits me?");
        await Expect(inbox.Composer).ToBeFocusedAsync();
        await inbox.Composer.FillAsync("Size M fits you");
        await inbox.Composer.PressAsync("Enter");
        var answer = inbox.Message("Size M fits you");
        await Expect(answer.GetByTestId("quoted")).ToHaveTextAsync("Which size fits me?");
        await Expect(Page.GetByTestId("replying-to")).ToHaveCountAsync(0);

        // The agent reacts to the question.
        await question.HoverAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "React with 👍" }).ClickAsync();
        await Expect(question.GetByTestId("reactions")).ToHaveTextAsync("👍");

        // The customer quotes our answer: the inbound bubble shows it.
        var answerWamid = await WamidAsync("Size M fits you");
        await Seed.CustomerSendsAsync(waId, "Rita Reply", InboxSeed.Text("Great, ordering now", DateTimeOffset.UtcNow, answerWamid));
        await Expect(inbox.Message("Great, ordering now").And(Page.Locator(".bubble.in")).GetByTestId("quoted")).ToHaveTextAsync("Size M fits you");
        await ScreenshotAsync("quotes-and-reaction");
    }

    [Fact]
    public async Task Inbound_media_that_could_not_be_downloaded_shows_the_failed_state_and_retries_on_request()
    {
        // Offline, media cannot come from WhatsApp: the sandbox number has nothing to download, so the download fails.
        var waId = InboxSeed.NewWaId();
        var now = DateTimeOffset.UtcNow;
        await Seed.CustomerSendsAsync(waId, "Mia Media",
            InboxSeed.Media("image", "image/jpeg", "The broken part", null, now.AddSeconds(-1)),
            InboxSeed.Media("document", "application/pdf", null, "invoice-7.pdf", now));
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Mia Media");

        var image = Page.Locator("[data-testid=message][data-type=IMAGE]");
        await Expect(image).ToContainTextAsync("The broken part");
        await Expect(image.GetByTestId("media-failed")).ToContainTextAsync("could not be downloaded");
        var document = Page.Locator("[data-testid=message][data-type=DOCUMENT]");
        await Expect(document.GetByTestId("media-failed")).ToContainTextAsync("could not be downloaded");
        await ScreenshotAsync("media-failed");

        var attempts = await MediaAttemptsAsync("The broken part");
        await image.GetByRole(AriaRole.Button, new() { Name = "Retry download" }).ClickAsync();
        // The retry ran another download (which fails again on a sandbox number) and the bubble shows the outcome.
        await WaitUntilAsync(async () => await MediaAttemptsAsync("The broken part") > attempts);
        await Expect(image.GetByTestId("media-failed")).ToBeVisibleAsync();
        await Expect(Page.Locator(".rz-notification-item")).ToHaveCountAsync(0);
    }

    private async Task<string> WamidAsync(string text)
    {
        await using var db = Server.Services.GetRequiredService<InboxDb>().For(Workspace.OrganizationId);
        string? wamid = null;
        await WaitUntilAsync(async () => (wamid = await db.Messages.Where(m => m.Text == text).Select(m => m.WaMessageId).FirstOrDefaultAsync()) is not null);
        return wamid!;
    }

    private async Task<int> MediaAttemptsAsync(string caption)
    {
        await using var db = Server.Services.GetRequiredService<InboxDb>().For(Workspace.OrganizationId);
        return await db.Messages.Where(m => m.Caption == caption).Select(m => m.MediaAttempts).FirstAsync();
    }

    /// <summary>Polls a server-side condition (as Expect does for the page) for up to 15 s.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException("The condition did not hold within 15 s");
            await Task.Delay(100);
        }
    }
}
