using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>The inbox on a phone (375×740): one pane at a time, a way back, and a composer that fits.</summary>
public class InboxPhoneTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output), IClassFixture<InboxServer>, IClassFixture<Chromium>
{
    protected override ViewportSize Viewport => new() { Width = 375, Height = 740 };

    private readonly InboxSeed seed = new(server);

    [Fact]
    public async Task On_a_phone_the_list_and_the_thread_show_one_at_a_time_with_a_back_link_and_a_usable_composer()
    {
        await seed.CustomerWritesAsync("Pia Phone", "Hi from my phone");
        await SignInAsAsync(UserRole.AGENT);
        var inbox = new InboxPageObject(Page);
        await inbox.GotoAsync();

        // The list alone, full width, no sideways scrolling.
        await Expect(inbox.Row("Pia Phone")).ToBeInViewportAsync();
        await Expect(Page.Locator(".thread-pane")).ToBeHiddenAsync();
        await AssertNoSidewaysScrollAsync();
        await ScreenshotAsync("list");

        // The thread alone, with a way back.
        await inbox.OpenAsync("Pia Phone");
        await Expect(inbox.List).ToBeHiddenAsync();
        var back = Page.GetByRole(AriaRole.Link, new() { Name = "Back to the list" });
        await Expect(back).ToBeInViewportAsync();
        await Expect(inbox.Message("Hi from my phone")).ToBeInViewportAsync();

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

    private async Task AssertNoSidewaysScrollAsync()
    {
        var overflow = await Page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px");
    }
}
