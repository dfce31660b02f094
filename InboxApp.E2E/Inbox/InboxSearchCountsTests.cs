using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>A search for a frequent term: its counts stop at a limit, and the inbox shows them as "2+".</summary>
public class InboxSearchCountsTests(FrequentSearchServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output), IClassFixture<FrequentSearchServer>, IClassFixture<Chromium>
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task A_frequent_terms_counts_show_that_more_match()
    {
        var now = DateTimeOffset.UtcNow;
        await Seed.CustomerWritesAsync("Ada Parcel", "Where is my parcel?", now.AddMinutes(-3));
        await Seed.CustomerWritesAsync("Bo Parcel", "My parcel is late", now.AddMinutes(-2));
        await Seed.CustomerWritesAsync("Cy Parcel", "Parcel arrived broken", now.AddMinutes(-1));
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();

        await inbox.SearchAsync("parcel");
        // The list is whole; the counts stopped at two and say so.
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Cy Parcel", "Bo Parcel", "Ada Parcel"]);
        await Expect(inbox.AllPill).ToHaveTextAsync("All 2+");
        await Expect(inbox.UnreadPill).ToHaveTextAsync("Unread 2+");
        await Expect(inbox.NeedsActionPill).ToHaveTextAsync("Needs action 2+");
        await Expect(inbox.StatusTab("ALL")).ToHaveTextAsync(new Regex(@"All\s*2\+"));

        // A search the counts cover whole is exact.
        await inbox.SearchAsync("arrived broken");
        await Expect(inbox.ContactNames).ToHaveTextAsync(["Cy Parcel"]);
        await Expect(inbox.AllPill).ToHaveTextAsync("All 1");
    }
}
