using System.Text.RegularExpressions;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>The conversation list: tabs, filters, pills, search, sort, infinite scroll, unread badges and live arrivals.</summary>
[Collection(SharedServer.Second)]
public class InboxListTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task Search_sort_assignee_filter_pills_and_status_tabs_each_change_the_rows()
    {
        var now = DateTimeOffset.UtcNow;
        await Seed.CustomerWritesAsync("Quinn Filters", "Where is my refund? ref-quinn-7731", now.AddMinutes(-2));
        await Seed.CustomerWritesAsync("Rory Filters", "I have an invoice question", now.AddMinutes(-1));
        await Seed.PostAsync($"conversations/{await Seed.ConversationIdAsync("Quinn Filters")}/assign", new { userId = await UserIdAsync(UserRole.AGENT) });
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();

        // Search by contact name, then by message text.
        await inbox.SearchAsync("Filters");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Rory Filters", "Quinn Filters"]);
        await inbox.SearchAsync("ref-quinn-7731");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Quinn Filters"]);
        await inbox.SearchAsync("Filters");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Rory Filters", "Quinn Filters"]);

        // Sort.
        await inbox.SortPicker.ChooseAsync("Oldest");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Quinn Filters", "Rory Filters"]);
        await inbox.SortPicker.ChooseAsync("Newest");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Rory Filters", "Quinn Filters"]);

        // Mine / Unassigned.
        await inbox.AssignedFilter.ChooseAsync("Mine");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Quinn Filters"]);
        await inbox.AssignedFilter.ChooseAsync("Unassigned");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Rory Filters"]);
        await inbox.AssignedFilter.ChooseAsync("Everyone");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Rory Filters", "Quinn Filters"]);

        // Unread and needs-action pills: Rory is answered (read, last message ours), Quinn is not.
        await Expect(inbox.UnreadPill).ToHaveTextAsync("Unread 2");
        await inbox.OpenAsync("Rory Filters");
        await inbox.Composer.FillAsync("Let me look at that invoice");
        await inbox.Composer.PressAsync("Enter");
        await Expect(inbox.Message("Let me look at that invoice")).ToBeVisibleAsync();
        await Expect(inbox.UnreadPill).ToHaveTextAsync("Unread 1");
        await inbox.UnreadPill.ClickAsync();
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Quinn Filters"]);
        await Expect(inbox.NeedsActionPill).ToHaveTextAsync("Needs action 1");
        await inbox.NeedsActionPill.ClickAsync();
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Quinn Filters"]);
        await inbox.AllPill.ClickAsync();
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Rory Filters", "Quinn Filters"]);
        await ScreenshotAsync("filtered");

        // Status tabs with their counts: Quinn resolved moves from Active to Resolved.
        await Expect(inbox.StatusTab("ACTIVE").GetByTestId("tab-count")).ToHaveTextAsync("2");
        await Seed.PostAsync($"conversations/{await Seed.ConversationIdAsync("Quinn Filters")}/resolve", new { });
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Rory Filters"]);
        await Expect(inbox.StatusTab("ACTIVE").GetByTestId("tab-count")).ToHaveTextAsync("1");
        await Expect(inbox.StatusTab("CLOSED").GetByTestId("tab-count")).ToHaveTextAsync("1");
        await inbox.StatusTab("CLOSED").ClickAsync();
        await Expect(inbox.StatusTab("CLOSED")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Quinn Filters"]);
        await inbox.StatusTab("ALL").ClickAsync();
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Rory Filters", "Quinn Filters"]);
    }

    [Fact]
    public async Task A_new_conversation_appears_on_top_live_counts_in_the_tab_title_and_its_badge_clears_when_opened()
    {
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        // The title counts the unread conversations the Unread pill counts, from the first render on.
        await Expect(inbox.UnreadPill).ToHaveTextAsync(new Regex(@"^Unread \d+$"));
        var before = int.Parse((await inbox.UnreadPill.TextContentAsync())!.Split(' ')[1]);
        await Expect(Page).ToHaveTitleAsync(Title(before));

        var waId = InboxSeed.NewWaId();
        var now = DateTimeOffset.UtcNow;
        await Seed.CustomerSendsAsync(waId, "Uma Unread", InboxSeed.Text("Hello?", now.AddSeconds(-1)), InboxSeed.Text("Anyone there?", now));
        await Expect(inbox.ContactNames.First).ToHaveTextAsync("Uma Unread");
        await Expect(inbox.UnreadBadge("Uma Unread")).ToHaveTextAsync("2");
        await Expect(inbox.Row("Uma Unread")).ToContainTextAsync("Anyone there?");
        await Expect(Page).ToHaveTitleAsync(Title(before + 1));
        await ScreenshotAsync("new-unread");

        await inbox.OpenAsync("Uma Unread");
        await Expect(inbox.UnreadBadge("Uma Unread")).ToHaveCountAsync(0);
        await Expect(inbox.Row("Uma Unread")).Not.ToHaveClassAsync(new Regex(@"\bunread\b"));
        await Expect(Page).ToHaveTitleAsync(Title(before));
    }

    [Fact]
    public async Task Scrolling_to_the_end_of_the_list_loads_the_next_page()
    {
        await Seed.SimulateCustomersAsync("Scroll Person", 55);
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        // A page is 50 rows; the 55 new customers and the demo ones need a second.
        await Expect(inbox.Rows).ToHaveCountAsync(50);
        Assert.True(await inbox.Rows.Filter(new() { HasText = "Scroll Person" }).CountAsync() < 55);

        await InboxPageObject.ScrollAsync(inbox.List, toTop: false);
        await Expect(inbox.Rows.Filter(new() { HasText = "Scroll Person" })).ToHaveCountAsync(55);
        Assert.True(await inbox.Rows.CountAsync() > 55);
        await ScreenshotAsync("second-page");
    }

    private Task<Guid> UserIdAsync(UserRole role) => Task.FromResult(Workspace.User(role).Id);

    /// <summary>"(3) Inbox · InboxApp", or just "Inbox · InboxApp" with nothing unread.</summary>
    private static string Title(int unread) => unread > 0 ? $"({unread}) Inbox · InboxApp" : "Inbox · InboxApp";
}
