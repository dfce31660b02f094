using System.Net;
using InboxApp.Core.Conversations;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Conversations;

/// <summary>
/// The list's search, run twice: with the default plan (the small inboxes of these tests hold rare terms only, answered from
/// their matches) and with every term frequent (<see cref="FrequentTermSearchTests"/>: rows are tested one by one in a
/// window of three, counts stop at two). Lists must not depend on the plan.
/// </summary>
public abstract class ConversationSearchTests(InboxAppFactory factory) : ConversationListTestBase(factory)
{
    [Fact]
    public async Task Search_finds_conversations_by_contact_name_profile_name_username_phone_and_message_text()
    {
        var inbox = await InboxAsync();
        var byProfile = await CustomerWritesAsync(inbox, "5511987654321", "Good morning", inbox.Start, profileName: "Mariana Souza");
        var byUsername = await CustomerWritesAsync(inbox, "14155550111", "Hi there", inbox.Start.AddMinutes(1), username: "surfer_joe");
        var byText = await CustomerWritesAsync(inbox, "14155550122", "My parcel 100% arrived broken", inbox.Start.AddMinutes(2));
        var byName = await CustomerWritesAsync(inbox, "14155550133", "Hello", inbox.Start.AddMinutes(3));
        await using (var db = Db(inbox.Admin))
        {
            var contactId = (await db.Conversations.SingleAsync(c => c.Id == byName)).ContactId;
            await db.Contacts.Where(c => c.Id == contactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Dr. Zacharias"));
        }
        // An older message of the conversation counts too, not only the preview.
        await CustomerWritesAsync(inbox, "14155550122", "Thanks", inbox.Start.AddMinutes(4));

        Assert.Equal([byProfile], await IdsAsync(inbox.Admin, "?search=mariana"));
        Assert.Equal([byUsername], await IdsAsync(inbox.Admin, "?search=SURFER"));
        Assert.Equal([byName], await IdsAsync(inbox.Admin, "?search=zachar"));
        Assert.Equal([byText], await IdsAsync(inbox.Admin, "?search=PARCEL"));
        Assert.Equal([byText], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("100% arr")));
        Assert.Equal([byProfile], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("+55 11 98765")));
        Assert.Equal([byText, byName, byUsername], await IdsAsync(inbox.Admin, "?search=4155550"));
        Assert.Empty(await IdsAsync(inbox.Admin, "?search=nothing-like-this"));
        Assert.Empty(await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("%")));
        // Two letters: contact fields only ("Hi there" is a message text, "Dr. Zacharias" a name).
        Assert.Equal([byName], await IdsAsync(inbox.Admin, "?search=Dr"));
        Assert.Empty(await IdsAsync(inbox.Admin, "?search=Hi"));
        Assert.Equal([byText], await IdsAsync(inbox.Admin, "?search=parcel&subFilter=unread"));
    }

    [Fact]
    public async Task A_phone_number_is_found_by_any_run_of_its_digits_with_or_without_a_plus()
    {
        var inbox = await InboxAsync();
        var german = await CustomerWritesAsync(inbox, "4915112345678", "Hallo", inbox.Start);
        var brazilian = await CustomerWritesAsync(inbox, "5511987654321", "Oi", inbox.Start.AddMinutes(1));

        Assert.Equal([german], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("+49")));
        Assert.Equal([german], await IdsAsync(inbox.Admin, "?search=49"));
        Assert.Equal([german], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("+4915")));
        Assert.Equal([german], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("151 123")));
        Assert.Equal([brazilian, german], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("+1")));
        Assert.Equal([brazilian], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("+55")));
    }

    [Fact]
    public async Task A_searched_list_pages_through_every_match_in_order()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 7);
        await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Something else", inbox.Start.AddMinutes(30));
        var newestFirst = Enumerable.Reverse(ids).ToList();

        Assert.Equal(newestFirst, await AllPagesAsync(inbox.Admin, "?search=number&limit=3"));
    }

    [Fact]
    public async Task Another_organizations_matches_are_neither_listed_nor_counted()
    {
        var mine = await InboxAsync();
        var theirs = await InboxAsync();
        foreach (var i in Enumerable.Range(0, 3)) await CustomerWritesAsync(theirs, MessagingTestData.NewWaId(), $"Refund request {i}", theirs.Start.AddMinutes(i));
        var match = await CustomerWritesAsync(mine, MessagingTestData.NewWaId(), "Refund please", mine.Start, profileName: "Refund Fan");
        await CustomerWritesAsync(mine, MessagingTestData.NewWaId(), "Hello", mine.Start.AddMinutes(1));

        Assert.Equal([match], await IdsAsync(mine.Admin, "?search=refund"));
        Assert.Equal((1, 1, 1), Figures(await CountsAsync(mine.Admin, "?search=refund")));
        Assert.Empty(await IdsAsync(mine.Admin, "?search=request"));
        Assert.Equal((0, 0, 0, true), await CountsAsync(mine.Admin, "?search=request"));
    }

    [Fact]
    public async Task A_search_with_letters_outside_ASCII_finds_them_in_any_case()
    {
        var inbox = await InboxAsync();
        var match = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Confirmação do pedido", inbox.Start);
        await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Confirmed", inbox.Start.AddMinutes(1));

        Assert.Equal([match], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("CONFIRMAção")));
        Assert.Equal([match], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("CONFIRMAÇÃO")));
        Assert.Equal([match], await IdsAsync(inbox.Admin, "?search=confirmacao"));
    }

    [Fact]
    public async Task Search_ignores_accents_in_contact_names_and_message_text_in_both_directions()
    {
        var inbox = await InboxAsync();
        var chloe = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Bonjour", inbox.Start, profileName: "Chloé Dubois");
        var jose = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Hola", inbox.Start.AddMinutes(1), profileName: "jose perez");
        var muller = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Hallo", inbox.Start.AddMinutes(2));
        var munich = await CustomerWritesAsync(inbox, "4915112345678", "Grüße aus München", inbox.Start.AddMinutes(3));
        var cafe = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Meet me at the cafe", inbox.Start.AddMinutes(4));
        await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Nothing to see", inbox.Start.AddMinutes(5), profileName: "Chris Dale");
        await using (var db = Db(inbox.Admin))
        {
            var contactId = (await db.Conversations.SingleAsync(c => c.Id == muller)).ContactId;
            await db.Contacts.Where(c => c.Id == contactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Hans Müller"));
        }
        // Another organization's accented twins stay its own.
        var theirs = await InboxAsync();
        var theirChloe = await CustomerWritesAsync(theirs, MessagingTestData.NewWaId(), "Meet me at the café", theirs.Start, profileName: "Chloe Martin");

        // Without the accent, in any case, finds the accented name or text.
        Assert.Equal([chloe], await IdsAsync(inbox.Admin, "?search=chloe"));
        Assert.Equal([chloe], await IdsAsync(inbox.Admin, "?search=CHLOE"));
        Assert.Equal([muller], await IdsAsync(inbox.Admin, "?search=muller"));
        Assert.Equal([munich], await IdsAsync(inbox.Admin, "?search=munchen"));
        // With the accent, finds the plain name or text.
        Assert.Equal([jose], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("José")));
        Assert.Equal([cafe], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("CAFÉ")));
        Assert.Equal([chloe], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("chloé dub")));
        // Two letters search the contact fields only, folded too.
        Assert.Equal([muller], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("MÜ")));
        // Digits still find the phone.
        Assert.Equal([munich], await IdsAsync(inbox.Admin, "?search=" + Uri.EscapeDataString("+49 151")));
        Assert.Equal([], await IdsAsync(inbox.Admin, "?search=martin"));
        // And the other organization finds only its own.
        Assert.Equal([theirChloe], await IdsAsync(theirs.Admin, "?search=" + Uri.EscapeDataString("chloé")));
        Assert.Equal([theirChloe], await IdsAsync(theirs.Admin, "?search=cafe"));
    }

    protected static (int All, int Unread, int NeedsAction) Figures((int All, int Unread, int NeedsAction, bool Complete) counts) =>
        (counts.All, counts.Unread, counts.NeedsAction);
}

[Collection(SharedApp.Second)]
public sealed class RareTermSearchTests(NoJobsAppFactory factory) : ConversationSearchTests(factory)
{
    [Fact]
    public async Task A_rare_terms_counts_are_exact()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 5);
        await UpdateAsync(inbox.Admin, ids[1], c => c.UnreadCount = 0);
        Assert.Equal((5, 4, 5, true), await CountsAsync(inbox.Admin, "?search=number"));
    }

    [Fact]
    public async Task A_side_found_frequent_is_not_probed_again_until_the_memo_expires()
    {
        var inbox = await InboxAsync();
        foreach (var i in Enumerable.Range(0, 3)) await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), $"Where is my parcel {i}?", inbox.Start.AddMinutes(i));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var memo = new SearchProbeMemo(clock);
        await using var db = Db(inbox.Admin);

        var first = await ConversationQuerySearch.ProbeAsync(db, "parcel", 2, memo, CancellationToken.None);
        Assert.Equal([], first.ContactIds);
        Assert.Null(first.MessageConversationIds);
        // The messages change: the word is gone. The memo still answers "frequent" (in any case), which a row test handles
        // exactly; a fresh memo probes and finds nothing.
        await db.Messages.ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, "Thanks"));
        Assert.Null((await ConversationQuerySearch.ProbeAsync(db, "PARCEL", 2, memo, CancellationToken.None)).MessageConversationIds);
        Assert.Equal([], (await ConversationQuerySearch.ProbeAsync(db, "parcel", 2, new SearchProbeMemo(clock), CancellationToken.None)).MessageConversationIds);
        // Another organization's probe of the same word is its own.
        var other = await InboxAsync();
        await using (var otherDb = Db(other.Admin))
            Assert.Equal([], (await ConversationQuerySearch.ProbeAsync(otherDb, "parcel", 2, memo, CancellationToken.None)).MessageConversationIds);
        clock.Advance(SearchProbeMemo.Lifetime);
        Assert.Equal([], (await ConversationQuerySearch.ProbeAsync(db, "parcel", 2, memo, CancellationToken.None)).MessageConversationIds);
    }
}

public sealed class FrequentSearchFactory : InboxAppFactory
{
    public FrequentSearchFactory()
    {
        WithoutJobs();
        With("Search:RareMatchLimit", "0");
        With("Search:WalkWindow", "3");
        With("Search:CountLimit", "2");
    }
}

[RunsLong(15)]
public sealed class FrequentTermSearchTests(FrequentSearchFactory factory) : ConversationSearchTests(factory), IClassFixture<FrequentSearchFactory>
{
    [Fact]
    public async Task A_frequent_terms_counts_stop_at_the_limit_or_the_window_and_say_so()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 5); // newest first: 4, 3, 2, 1, 0
        await UpdateAsync(inbox.Admin, ids[4], c => c.UnreadCount = 0);
        await UpdateAsync(inbox.Admin, ids[3], c => c.Category = "narrow");
        await UpdateAsync(inbox.Admin, ids[0], c => { c.Category = "narrow"; c.UnreadCount = 0; });

        // Two matches are the limit: the newest two, flagged as a lower bound.
        Assert.Equal((2, 1, 2, false), await CountsAsync(inbox.Admin, "?search=number"));
        // "number 1" matches one row, but only the window (4, 3, 2) was tested and more rows lie beyond: 0 so far.
        Assert.Equal((0, 0, 0, false), await CountsAsync(inbox.Admin, "?search=number%201"));
        // A filter with no more rows than the window is counted whole: exact.
        Assert.Equal((2, 1, 2, true), await CountsAsync(inbox.Admin, "?search=number&category=narrow"));
        Assert.Equal((1, 0, 1, true), await CountsAsync(inbox.Admin, "?search=number%200&category=narrow"));
        // The list still finds what the counts did not reach (the set query answers when the window cannot settle a page).
        Assert.Equal([ids[1]], await IdsAsync(inbox.Admin, "?search=number%201"));
    }

    [Fact]
    public async Task The_row_test_checks_each_conversations_contact_and_messages()
    {
        var inbox = await InboxAsync();
        var byText = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "My parcel arrived", inbox.Start);
        var byName = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Hello", inbox.Start.AddMinutes(1));
        await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Nothing to see", inbox.Start.AddMinutes(2));
        await using var db = Db(inbox.Admin);
        var contactId = (await db.Conversations.SingleAsync(c => c.Id == byName)).ContactId;
        await db.Contacts.Where(c => c.Id == contactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Parcel Express"));
        var all = db.Conversations.AsNoTracking().OrderByDescending(c => c.LastMessageAt);
        var frequent = new SearchProbe(null, null);

        Assert.Equal([byName, byText], await all.Where(ConversationQuerySearch.Test(db, "PARCEL", frequent)).Select(c => c.Id).ToListAsync());
        // Two letters test the contact only ("My parcel" has "My", but in a message).
        Assert.Equal([byName], await all.Where(ConversationQuerySearch.Test(db, "ex", frequent)).Select(c => c.Id).ToListAsync());
        // A side the probe read whole is tested by its ids: here no contact, and the message of one conversation.
        Assert.Equal([byText], await all.Where(ConversationQuerySearch.Test(db, "PARCEL", new SearchProbe([], [byText]))).Select(c => c.Id).ToListAsync());
    }
}
