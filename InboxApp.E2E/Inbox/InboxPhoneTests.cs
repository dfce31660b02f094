using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>The inbox on a phone (375×740): one pane at a time, a way back, and a composer that fits.</summary>
[Collection(SharedServer.Third)]
public class InboxPhoneTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    protected override ViewportSize Viewport => new() { Width = 375, Height = 740 };

    [Fact]
    public async Task On_a_phone_the_list_and_the_thread_show_one_at_a_time_with_a_back_link_and_a_usable_composer()
    {
        await Seed.CustomerWritesAsync("Pia Phone", "Hi from my phone");
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();

        // The list alone, full width, no sideways scrolling.
        await Expect(inbox.Row("Pia Phone")).ToBeInViewportAsync();
        await Expect(Page.Locator(".thread-pane")).ToBeHiddenAsync();
        await AssertNoSidewaysScrollAsync();
        await ScreenshotAsync("list");

        // The status tabs scroll sideways inside their row instead of widening the page.
        var tabs = Page.GetByTestId("status-tabs");
        var widths = await tabs.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] > widths[1], $"The tabs ({widths[0]}px) should overflow their {widths[1]}px row and scroll");
        await inbox.StatusTab("ALL").ScrollIntoViewIfNeededAsync();
        await Expect(inbox.StatusTab("ALL")).ToBeInViewportAsync();
        await AssertNoSidewaysScrollAsync();

        // The thread alone, with a way back that is easy to hit.
        await inbox.OpenAsync("Pia Phone");
        await Expect(inbox.List).ToBeHiddenAsync();
        var back = Page.GetByRole(AriaRole.Link, new() { Name = "Back to the list" });
        await Expect(back).ToBeInViewportAsync();
        var box = await back.BoundingBoxAsync();
        Assert.True(box is { Width: >= 44, Height: >= 44 }, $"The back arrow is {box?.Width}×{box?.Height}px, less than 44×44");
        await Expect(inbox.Message("Hi from my phone")).ToBeInViewportAsync();
        // Little chrome before the first message: the messages start in the upper half of the screen.
        var messagesTop = await inbox.MessageList.EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(messagesTop < 740 * 0.5, $"The messages start {messagesTop}px down a 740px screen");

        // The details cover the thread and close again.
        await inbox.OpenDetailsAsync();
        await inbox.SidePanel.GetByRole(AriaRole.Button, new() { Name = "Close details" }).ClickAsync();
        await Expect(inbox.SidePanel).ToHaveCountAsync(0);

        // The composer fits the screen and sends.
        await Expect(inbox.Composer).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(inbox.SendButton).ToBeInViewportAsync(new() { Ratio = 1 });
        await InboxPageObject.ExpectFitsScreenAsync(Page);
        await inbox.Composer.FillAsync("Replying from a small screen");
        await inbox.SendButton.ClickAsync();
        await Expect(inbox.Message("Replying from a small screen")).ToBeInViewportAsync();
        await AssertNoSidewaysScrollAsync();
        await ScreenshotAsync("thread");

        await back.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/inbox$"));
        await Expect(inbox.Row("Pia Phone")).ToBeInViewportAsync();
        await Expect(Page.Locator(".thread-pane")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_phone_the_filters_fold_behind_a_button_so_the_list_starts_high_and_its_targets_are_44_px()
    {
        await Seed.CustomerWritesAsync("Flo Fold", "Where are my filters?");
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();

        // Four pickers used to fill the screen down to about 520 px; folded, the newest conversation is in the upper half.
        await Expect(Page.GetByLabel("Assigned to")).ToBeHiddenAsync();
        await Expect(inbox.Row("Flo Fold")).ToBeInViewportAsync();
        var rowTop = await inbox.Row("Flo Fold").EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(rowTop < 740 * 0.5, $"The first conversation starts {rowTop}px down a 740px screen");
        var small = await Page.Locator(".list-pane button:visible").EvaluateAllAsync<string[]>(
            "els => els.map(e => [e.innerText.trim(), e.getBoundingClientRect()]).filter(([, r]) => r.height < 44).map(([t, r]) => `${t}: ${r.height}px`)");
        Assert.Empty(small);

        var toggle = Page.GetByRole(AriaRole.Button, new() { Name = "Filters" });
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(Page.GetByLabel("Assigned to")).ToBeVisibleAsync();
        await Page.GetByLabel("Assigned to").ChooseAsync("Unassigned");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Filters (1)" })).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync();
    }

    private async Task AssertNoSidewaysScrollAsync()
    {
        var overflow = await Page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px");
    }
}
