using System.Net;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Conversations;

/// <summary>The conversation list tests' inbox: an organization with a number, customers who write, and the list read over HTTP.</summary>
public abstract class ConversationListTestBase(InboxAppFactory factory)
{
    protected InboxAppFactory Factory => factory;

    protected sealed record Inbox(SignedIn Admin, string MetaId, DateTimeOffset Start);

    protected async Task<Inbox> InboxAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        return new Inbox(admin, metaId, DateTimeOffset.UtcNow.AddHours(-2));
    }

    /// <summary>A customer writes (a signed webhook, processed) with a profile name and an optional username; returns the conversation.</summary>
    protected async Task<Guid> CustomerWritesAsync(Inbox inbox, string waId, string text, DateTimeOffset at, string? profileName = null, string? username = null)
    {
        var wamid = "wamid.IN" + Guid.NewGuid().ToString("N");
        var body = Messages(inbox.MetaId, Array(Contact(waId, profileName ?? "Customer " + waId[^4..], username: username)), Array(Text(wamid, waId, text, at)));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        return (await db.Messages.SingleAsync(m => m.WaMessageId == wamid)).ConversationId;
    }

    /// <summary><paramref name="count"/> conversations, one minute apart (the first is the oldest).</summary>
    protected async Task<List<Guid>> ConversationsAsync(Inbox inbox, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await CustomerWritesAsync(inbox, MessagingTestData.NewWaId(), $"Message number {i}", inbox.Start.AddMinutes(i)));
        return ids;
    }

    protected InboxDbContext Db(SignedIn admin) => factory.Services.GetRequiredService<InboxDb>().For(admin.OrganizationId);

    protected async Task UpdateAsync(SignedIn admin, Guid id, Action<Conversation> change)
    {
        await using var db = Db(admin);
        change(await db.Conversations.SingleAsync(c => c.Id == id));
        await db.SaveChangesAsync();
    }

    /// <summary>Every row of the list, following <c>nextCursor</c> page by page from the first; no page exceeds its limit.</summary>
    protected static async Task<List<Guid>> AllPagesAsync(SignedIn who, string query)
    {
        var limit = int.Parse(System.Web.HttpUtility.ParseQueryString(query)["limit"]!);
        var rows = new List<Guid>();
        string? cursor = null;
        do
        {
            var (page, next) = await PageAsync(who, query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(page.Count <= limit);
            rows.AddRange(page);
            cursor = next;
        } while (cursor is not null);
        return rows;
    }

    protected static async Task<(List<Guid> Ids, string? Next)> PageAsync(SignedIn who, string query)
    {
        var response = await who.Client.GetAsync("/api/v1/conversations" + query);
        await response.ShouldBe(HttpStatusCode.OK);
        var json = await response.Json();
        var pagination = json.GetProperty("meta").GetProperty("pagination");
        var next = pagination.TryGetProperty("nextCursor", out var n) ? n.GetString() : null;
        Assert.Equal(next is not null, pagination.GetProperty("hasMore").GetBoolean());
        return (json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList(), next);
    }

    protected static async Task<List<Guid>> IdsAsync(SignedIn who, string query) => (await PageAsync(who, query)).Ids;


    /// <summary><c>GET /conversations/counts</c>: all, unread, needs action, and whether the figures are complete.</summary>
    protected static async Task<(int All, int Unread, int NeedsAction, bool Complete)> CountsAsync(SignedIn who, string query)
    {
        var response = await who.Client.GetAsync("/api/v1/conversations/counts" + query);
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        return (data.GetProperty("all").GetInt32(), data.GetProperty("unread").GetInt32(), data.GetProperty("needs_action").GetInt32(),
            data.GetProperty("complete").GetBoolean());
    }
}
