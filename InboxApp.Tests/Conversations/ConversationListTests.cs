using System.Net;
using System.Text.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Tags;
using InboxApp.Core.Teams;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Conversations;

[Collection(SharedApp.Second)]
public sealed class ConversationListTests(NoJobsAppFactory factory) : ConversationListTestBase(factory)
{
    [Fact]
    public async Task Every_member_lists_the_organizations_conversations_newest_first_with_contact_and_preview()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 3);
        var agent = await Factory.AddMemberAsync(inbox.Admin, "AGENT");
        var supervisor = await Factory.AddMemberAsync(inbox.Admin, "SUPERVISOR");

        foreach (var who in new[] { inbox.Admin, agent, supervisor })
            Assert.Equal([ids[2], ids[1], ids[0]], await IdsAsync(who, ""));
        var response = await agent.Client.GetAsync("/api/v1/conversations?limit=2");
        var json = await response.Json();
        var first = json.GetProperty("data")[0];
        Assert.Equal("Message number 2", first.GetProperty("lastMessagePreview").GetString());
        Assert.Equal("OPEN", first.GetProperty("status").GetString());
        Assert.StartsWith("Customer ", first.GetProperty("contact").GetProperty("displayName").GetString());
        Assert.Equal(1, first.GetProperty("unreadCount").GetInt32());
        Assert.Equal(2, json.GetProperty("meta").GetProperty("pagination").GetProperty("limit").GetInt32());
        Assert.True(json.GetProperty("meta").GetProperty("pagination").GetProperty("hasMore").GetBoolean());
        await (await Factory.CreateClient().GetAsync("/api/v1/conversations")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Each_filter_keeps_only_the_matching_conversations()
    {
        var inbox = await InboxAsync();
        var agent = await Factory.AddMemberAsync(inbox.Admin, "AGENT");
        var ids = await ConversationsAsync(inbox, 6);
        var team = new Team { Name = "Billing", NormalizedName = "billing" };
        var tag = new Tag { Name = "VIP", NormalizedName = "vip", Color = "#ff0000" };
        await using (var db = Db(inbox.Admin))
        {
            db.Teams.Add(team);
            db.Tags.Add(tag);
            db.ConversationTags.Add(new ConversationTag { ConversationId = ids[1], TagId = tag.Id });
            db.ConversationTags.Add(new ConversationTag { ConversationId = ids[4], TagId = tag.Id });
            await db.SaveChangesAsync();
        }
        await UpdateAsync(inbox.Admin, ids[0], c => { c.Status = ConversationStatus.CLOSED; c.AssigneeId = agent.UserId; });
        await UpdateAsync(inbox.Admin, ids[1], c => { c.AssigneeId = inbox.Admin.UserId; c.TeamId = team.Id; c.Category = "billing"; });
        await UpdateAsync(inbox.Admin, ids[2], c => { c.Status = ConversationStatus.HUMAN_HANDLING; c.AssigneeId = agent.UserId; c.Origin = ConversationOrigin.CAMPAIGN; });
        await UpdateAsync(inbox.Admin, ids[3], c => { c.UnreadCount = 0; c.LastMessageDirection = MessageDirection.OUTBOUND; c.WaitingSince = null; c.TeamId = team.Id; });
        await UpdateAsync(inbox.Admin, ids[4], c => { c.UnreadCount = 0; c.Category = "sales"; });

        Assert.Equal([ids[0]], await IdsAsync(agent, "?status=CLOSED"));
        Assert.Equal([ids[2]], await IdsAsync(agent, "?status=human_handling"));
        Assert.Equal([ids[2], ids[0]], await IdsAsync(agent, "?assignedTo=me"));
        Assert.Equal([ids[1]], await IdsAsync(inbox.Admin, "?assignedTo=me"));
        Assert.Equal([ids[2], ids[0]], await IdsAsync(inbox.Admin, $"?assignedTo={agent.UserId}"));
        Assert.Equal([ids[5], ids[4], ids[3]], await IdsAsync(agent, "?assignedTo=unassigned"));
        Assert.Equal([ids[3], ids[1]], await IdsAsync(agent, $"?teamId={team.Id}"));
        Assert.Equal([ids[1]], await IdsAsync(agent, "?category=billing"));
        Assert.Equal([ids[4], ids[1]], await IdsAsync(agent, $"?tag={tag.Id}"));
        Assert.Equal([ids[2]], await IdsAsync(agent, "?origin=CAMPAIGN"));
        Assert.Equal([ids[5], ids[4], ids[3], ids[1], ids[0]], await IdsAsync(agent, "?origin=INBOUND&limit=10"));
        Assert.Equal([ids[5], ids[2], ids[1], ids[0]], await IdsAsync(agent, "?subFilter=unread"));
        Assert.Equal([ids[5], ids[4], ids[2], ids[1], ids[0]], await IdsAsync(agent, "?subFilter=needs_action"));
        Assert.Equal([ids[1]], await IdsAsync(agent, $"?teamId={team.Id}&subFilter=unread&tag={tag.Id}&status=OPEN"));

        var tagged = (await (await agent.Client.GetAsync($"/api/v1/conversations?tag={tag.Id}")).Data()).EnumerateArray().Last();
        Assert.Equal("VIP", tagged.GetProperty("tags")[0].GetProperty("name").GetString());
        Assert.Equal("Billing", tagged.GetProperty("team").GetProperty("name").GetString());
        Assert.Equal(inbox.Admin.UserId, tagged.GetProperty("assignee").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_walked_page_keeps_the_rows_that_pass_in_order_and_gives_way_when_its_window_cannot_settle_the_page()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 8); // newest first: 7, 6, 5, 4, 3, 2, 1, 0
        foreach (var i in new[] { 6, 4, 1 }) await UpdateAsync(inbox.Admin, ids[i], c => c.Category = "walk");
        await using var db = Db(inbox.Admin);
        var all = db.Conversations.AsNoTracking();
        var four = ids[4];
        Task<List<Conversation>?> WalkAsync(ConversationSort sort, ConversationCursorKey? after, int take, int window) =>
            ConversationKeyset.WalkAsync(all, c => c.Category == "walk" || c.Id == four, sort, after, take, window, CancellationToken.None);

        // The window (7, 6, 5, 4) holds two that pass: enough for a page of two.
        Assert.Equal([ids[6], ids[4]], (await WalkAsync(ConversationSort.newest, null, 2, 4))!.Select(c => c.Id));
        // A page of three cannot be settled by that window while rows lie beyond it.
        Assert.Null(await WalkAsync(ConversationSort.newest, null, 3, 4));
        // A window over every row settles any page, short or not.
        Assert.Equal([ids[6], ids[4], ids[1]], (await WalkAsync(ConversationSort.newest, null, 5, 8))!.Select(c => c.Id));
        // After a cursor the window starts there: (3, 2, 1, 0) is the rest of the list, so one row is the whole answer.
        var fourth = await all.SingleAsync(c => c.Id == four);
        Assert.Equal([ids[1]], (await WalkAsync(ConversationSort.newest, ConversationCursorKey.For(fourth, ConversationSort.newest), 3, 4))!.Select(c => c.Id));
        Assert.Equal([ids[1], ids[4]], (await WalkAsync(ConversationSort.oldest, null, 2, 5))!.Select(c => c.Id));
        Assert.Null(await WalkAsync(ConversationSort.waiting_longest, null, 2, 8));
    }

    [Fact]
    public async Task Each_sort_orders_the_list_and_waiting_longest_puts_conversations_nobody_waits_on_last()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 4);
        await using (var db = Db(inbox.Admin))
        {
            // Created in another order than their last messages; two customers wait, in another order again.
            var created = new[] { 3, 0, 2, 1 };
            for (var i = 0; i < 4; i++)
            {
                var id = ids[i];
                var c = await db.Conversations.SingleAsync(x => x.Id == id);
                c.CreatedAt = inbox.Start.AddMinutes(-10 + created[i]);
                c.WaitingSince = i switch { 1 => inbox.Start.AddMinutes(-30), 3 => inbox.Start.AddMinutes(-40), _ => null };
            }
            await db.SaveChangesAsync();
        }

        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], await IdsAsync(inbox.Admin, "?sort=newest"));
        Assert.Equal([ids[0], ids[1], ids[2], ids[3]], await IdsAsync(inbox.Admin, "?sort=oldest"));
        Assert.Equal([ids[0], ids[2], ids[3], ids[1]], await IdsAsync(inbox.Admin, "?sort=created_newest"));
        Assert.Equal([ids[1], ids[3], ids[2], ids[0]], await IdsAsync(inbox.Admin, "?sort=created_oldest"));
        Assert.Equal([ids[3], ids[1], ids[2], ids[0]], await IdsAsync(inbox.Admin, "?sort=waiting_longest"));

        // Page by page, every sort walks all rows once, in the same order as one page.
        foreach (var sort in Enum.GetNames<ConversationSort>())
        {
            var all = await IdsAsync(inbox.Admin, $"?sort={sort}");
            Assert.Equal(all, await AllPagesAsync(inbox.Admin, $"?sort={sort}&limit=1"));
        }
    }

    [Fact]
    public async Task Cursor_pages_neither_repeat_nor_skip_rows_when_new_messages_arrive_between_pages()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 7);
        var (page1, cursor) = await PageAsync(inbox.Admin, "?limit=3");
        Assert.Equal([ids[6], ids[5], ids[4]], page1);

        // Between pages: a conversation already seen and one not yet seen get new messages, and a new conversation starts.
        var seenWaId = (await FirstContactWaIdAsync(inbox.Admin, ids[5]))!;
        var unseenWaId = (await FirstContactWaIdAsync(inbox.Admin, ids[1]))!;
        await CustomerWritesAsync(inbox, seenWaId, "Again", DateTimeOffset.UtcNow.AddSeconds(-2));
        await CustomerWritesAsync(inbox, unseenWaId, "Me too", DateTimeOffset.UtcNow.AddSeconds(-1));
        var fresh = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "New here", DateTimeOffset.UtcNow);

        var (page2, next) = await PageAsync(inbox.Admin, "?limit=3&cursor=" + cursor);
        // ids[1] moved to the top (above the cursor): it is not repeated later and nothing else is skipped.
        Assert.Equal([ids[3], ids[2], ids[0]], page2);
        Assert.Null(next);
        Assert.Equal([fresh, ids[1], ids[5]], await IdsAsync(inbox.Admin, "?limit=3"));

        // Oldest first: rows created while paging arrive at the end and are reached, once.
        var (old1, oldCursor) = await PageAsync(inbox.Admin, "?sort=created_oldest&limit=4");
        var late = await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), "Late", DateTimeOffset.UtcNow);
        await CustomerWritesAsync(inbox, seenWaId, "And again", DateTimeOffset.UtcNow);
        var walked = new List<Guid>(old1);
        while (oldCursor is not null)
        {
            var (more, following) = await PageAsync(inbox.Admin, "?sort=created_oldest&limit=4&cursor=" + oldCursor);
            walked.AddRange(more);
            oldCursor = following;
        }
        Assert.Equal(9, walked.Count);
        Assert.Equal(9, walked.Distinct().Count());
        Assert.Equal(late, walked[^1]);
    }

    private async Task<string?> FirstContactWaIdAsync(SignedIn admin, Guid conversationId)
    {
        await using var db = Db(admin);
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Contact!.WaId).SingleAsync();
    }

    [Theory]
    [InlineData("status=OPENED", "status")]
    [InlineData("status=1", "status")]
    [InlineData("assignedTo=someone", "assignedTo")]
    [InlineData("teamId=abc", "teamId")]
    [InlineData("tag=not-a-guid", "tag")]
    [InlineData("origin=EMAIL", "origin")]
    [InlineData("subFilter=starred", "subFilter")]
    [InlineData("sort=alphabetical", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not*a*cursor", "cursor")]
    [InlineData("cursor=eyJ4IjoxfQ", "cursor")]
    public async Task Bad_list_parameters_are_rejected_naming_the_field(string query, string field)
    {
        var inbox = await InboxAsync();
        var error = await (await inbox.Admin.Client.GetAsync("/api/v1/conversations?" + query)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        // The counts take the list's filters, not its paging, order or sub-filter.
        if (!new[] { "sort", "cursor", "limit", "subFilter" }.Any(p => query.StartsWith(p, StringComparison.Ordinal)))
            await (await inbox.Admin.Client.GetAsync("/api/v1/conversations/counts?" + query)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task A_cursor_of_another_sort_or_an_overlong_search_is_rejected()
    {
        var inbox = await InboxAsync();
        await ConversationsAsync(inbox, 2);
        var (_, cursor) = await PageAsync(inbox.Admin, "?limit=1");
        var error = await (await inbox.Admin.Client.GetAsync("/api/v1/conversations?sort=oldest&limit=1&cursor=" + cursor)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("cursor", out _));
        await (await inbox.Admin.Client.GetAsync("/api/v1/conversations?search=" + new string('a', 101))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Counts_answer_all_unread_and_needs_action_for_the_filters()
    {
        var inbox = await InboxAsync();
        var agent = await Factory.AddMemberAsync(inbox.Admin, "AGENT");
        var ids = await ConversationsAsync(inbox, 5);
        await UpdateAsync(inbox.Admin, ids[0], c => { c.UnreadCount = 0; c.LastMessageDirection = MessageDirection.OUTBOUND; c.AssigneeId = agent.UserId; });
        await UpdateAsync(inbox.Admin, ids[1], c => { c.UnreadCount = 0; c.AssigneeId = agent.UserId; c.Category = "billing"; });
        await UpdateAsync(inbox.Admin, ids[2], c => c.Status = ConversationStatus.CLOSED);

        Assert.Equal((5, 3, 4, true), await CountsAsync(agent, ""));
        Assert.Equal((2, 0, 1, true), await CountsAsync(agent, "?assignedTo=me"));
        Assert.Equal((3, 3, 3, true), await CountsAsync(agent, "?assignedTo=unassigned"));
        Assert.Equal((1, 1, 1, true), await CountsAsync(agent, "?status=CLOSED"));
        Assert.Equal((1, 0, 1, true), await CountsAsync(agent, "?category=billing"));
        Assert.Equal((1, 1, 1, true), await CountsAsync(agent, "?search=number%203"));
        Assert.Equal((0, 0, 0, true), await CountsAsync(agent, "?origin=TEMPLATE"));
        // The sub-filter is the counts' own dimension: it does not narrow them.
        Assert.Equal((5, 3, 4, true), await CountsAsync(agent, "?subFilter=unread"));
    }

    [Fact]
    public async Task Categories_lists_the_distinct_categories_in_use_sorted()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 4);
        await UpdateAsync(inbox.Admin, ids[0], c => c.Category = "sales");
        await UpdateAsync(inbox.Admin, ids[1], c => c.Category = "Billing");
        await UpdateAsync(inbox.Admin, ids[2], c => c.Category = "sales");
        var agent = await Factory.AddMemberAsync(inbox.Admin, "AGENT");

        var response = await agent.Client.GetAsync("/api/v1/conversations/categories");
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["Billing", "sales"], (await response.Data()).EnumerateArray().Select(c => c.GetString()!).ToArray());
        var other = await Factory.RegisterOrganizationAsync();
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/conversations/categories")).Data()).GetArrayLength());
    }

    [Fact]
    public async Task Another_organizations_conversations_teams_tags_and_users_filter_nothing()
    {
        var a = await InboxAsync();
        var b = await InboxAsync();
        var ownA = await ConversationsAsync(a, 1);
        var ownB = await ConversationsAsync(b, 1);
        var teamB = new Team { Name = "B team", NormalizedName = "b team" };
        var tagB = new Tag { Name = "B tag", NormalizedName = "b tag", Color = "#00ff00" };
        await using (var db = Db(b.Admin))
        {
            db.Teams.Add(teamB);
            db.Tags.Add(tagB);
            db.ConversationTags.Add(new ConversationTag { ConversationId = ownB[0], TagId = tagB.Id });
            await db.SaveChangesAsync();
        }
        await UpdateAsync(b.Admin, ownB[0], c => { c.TeamId = teamB.Id; c.AssigneeId = b.Admin.UserId; c.Category = "secret"; });

        Assert.Equal(ownA, await IdsAsync(a.Admin, ""));
        Assert.Empty(await IdsAsync(a.Admin, $"?teamId={teamB.Id}"));
        Assert.Empty(await IdsAsync(a.Admin, $"?tag={tagB.Id}"));
        Assert.Empty(await IdsAsync(a.Admin, $"?assignedTo={b.Admin.UserId}"));
        Assert.Empty(await IdsAsync(a.Admin, "?category=secret"));
        Assert.Equal(ownB, await IdsAsync(b.Admin, $"?tag={tagB.Id}&teamId={teamB.Id}"));
        var counts = await (await a.Admin.Client.GetAsync($"/api/v1/conversations/counts?tag={tagB.Id}")).Data();
        Assert.Equal(0, counts.GetProperty("all").GetInt32());
        Assert.Equal(1, (await (await a.Admin.Client.GetAsync("/api/v1/conversations/counts")).Data()).GetProperty("all").GetInt32());
    }

    [Fact]
    public async Task An_api_key_lists_conversations_but_cannot_ask_for_its_own_assignments()
    {
        var inbox = await InboxAsync();
        var ids = await ConversationsAsync(inbox, 1);
        var key = (await (await inbox.Admin.Client.PostAsync("/api/v1/api-keys", JsonContent("""{"name":"list"}"""))).Data()).GetProperty("key").GetString()!;
        var client = Factory.CreateClient().WithBearer(key);
        var response = await client.GetAsync("/api/v1/conversations");
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(ids[0], (await response.Data())[0].GetProperty("id").GetGuid());
        var error = await (await client.GetAsync("/api/v1/conversations?assignedTo=me")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("assignedTo", out _));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
