using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Conversations;

[Collection(SharedApp.Second)]
public sealed class ConversationMessagesTests(NoJobsAppFactory factory)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-3);

    /// <summary>The customer's texts in one signed webhook (processed); returns their wamids in the given order.</summary>
    private async Task<List<string>> InboundAsync(string metaId, string waId, params (string Text, DateTimeOffset At)[] texts)
    {
        var wamids = texts.Select(_ => "wamid.IN" + Guid.NewGuid().ToString("N")).ToList();
        var body = Messages(metaId, Array(Contact(waId, "Paging Customer")),
            Array(texts.Select((t, i) => (JsonNode)WhatsAppPayloads.Text(wamids[i], waId, t.Text, t.At)).ToArray()));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        return wamids;
    }

    private async Task<(SignedIn Admin, Guid ConversationId, string MetaId, string WaId)> ConversationAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var waId = MessagingTestData.NewWaId();
        var (id, _, _) = await factory.InboundTextAsync(metaId, waId, "m0", Start);
        return (admin, id, metaId, waId);
    }

    private static async Task<(List<JsonElement> Items, string? NextCursor, bool HasMore)> PageAsync(HttpClient client, Guid id, int? limit = null, string? cursor = null)
    {
        var query = new List<string>();
        if (limit is not null) query.Add($"limit={limit}");
        if (cursor is not null) query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        var response = await client.GetAsync($"/api/v1/conversations/{id}/messages{(query.Count == 0 ? "" : "?" + string.Join("&", query))}");
        await response.ShouldBe(HttpStatusCode.OK);
        var json = await response.Json();
        var pagination = json.GetProperty("meta").GetProperty("pagination");
        return (json.GetProperty("data").EnumerateArray().ToList(),
            pagination.TryGetProperty("nextCursor", out var next) ? next.GetString() : null,
            pagination.GetProperty("hasMore").GetBoolean());
    }

    private static string TextOf(JsonElement message) => message.GetProperty("text").GetString()!;

    [Fact]
    public async Task Messages_come_newest_page_first_and_the_next_cursor_loads_older_ones()
    {
        var (admin, id, metaId, waId) = await ConversationAsync();
        await InboundAsync(metaId, waId, ("m1", Start.AddMinutes(1)), ("m2", Start.AddMinutes(2)), ("m3", Start.AddMinutes(3)),
            ("m4", Start.AddMinutes(4)), ("m5", Start.AddMinutes(5)), ("m6", Start.AddMinutes(6)));

        var first = await PageAsync(admin.Client, id, limit: 3);
        Assert.Equal(["m6", "m5", "m4"], first.Items.Select(TextOf));
        Assert.True(first.HasMore);
        var second = await PageAsync(admin.Client, id, limit: 3, cursor: first.NextCursor);
        Assert.Equal(["m3", "m2", "m1"], second.Items.Select(TextOf));
        var last = await PageAsync(admin.Client, id, limit: 3, cursor: second.NextCursor);
        Assert.Equal(["m0"], last.Items.Select(TextOf));
        Assert.False(last.HasMore);
        Assert.Null(last.NextCursor);
    }

    [Fact]
    public async Task Messages_sharing_a_timestamp_are_each_listed_exactly_once_across_pages()
    {
        var (admin, id, metaId, waId) = await ConversationAsync();
        var same = Start.AddMinutes(10);
        await InboundAsync(metaId, waId, Enumerable.Range(1, 7).Select(i => ($"s{i}", same)).ToArray());

        var seen = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await PageAsync(admin.Client, id, limit: 2, cursor: cursor);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);

        var texts = seen.Select(TextOf).ToList();
        Assert.Equal(8, texts.Count);
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Equal("m0", texts[^1]);
        var times = seen.Select(m => m.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task New_messages_arriving_between_pages_neither_repeat_nor_push_out_older_ones()
    {
        var (admin, id, metaId, waId) = await ConversationAsync();
        await InboundAsync(metaId, waId, ("m1", Start.AddMinutes(1)), ("m2", Start.AddMinutes(2)), ("m3", Start.AddMinutes(3)), ("m4", Start.AddMinutes(4)));

        var first = await PageAsync(admin.Client, id, limit: 2);
        Assert.Equal(["m4", "m3"], first.Items.Select(TextOf));
        await InboundAsync(metaId, waId, ("n1", Start.AddMinutes(30)), ("n2", Start.AddMinutes(31)));
        var second = await PageAsync(admin.Client, id, limit: 2, cursor: first.NextCursor);
        Assert.Equal(["m2", "m1"], second.Items.Select(TextOf));
        await factory.InboundTextAsync(metaId, waId, "n3", Start.AddMinutes(32));
        var third = await PageAsync(admin.Client, id, limit: 2, cursor: second.NextCursor);
        Assert.Equal(["m0"], third.Items.Select(TextOf));
        Assert.False(third.HasMore);

        var fresh = await PageAsync(admin.Client, id, limit: 3);
        Assert.Equal(["n3", "n2", "n1"], fresh.Items.Select(TextOf));
    }

    [Fact]
    public async Task Reactions_are_attached_to_their_message_and_hidden_messages_are_listed_as_hidden()
    {
        var (admin, id, metaId, waId) = await ConversationAsync();
        var wamids = await InboundAsync(metaId, waId, ("liked", Start.AddMinutes(1)), ("secret", Start.AddMinutes(2)));
        var reaction = new JsonObject
        {
            ["from"] = waId, ["id"] = $"wamid.react{Guid.NewGuid():N}", ["timestamp"] = Unix(Start.AddMinutes(3)).ToString(), ["type"] = "reaction",
            ["reaction"] = new JsonObject { ["message_id"] = wamids[0], ["emoji"] = "👍" },
        };
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, Array(Contact(waId, "Paging Customer")), Array(reaction))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using (var db = factory.SystemDb())
        {
            var secret = await db.Messages.SingleAsync(m => m.WaMessageId == wamids[1]);
            secret.IsHidden = true;
            await db.SaveChangesAsync();
        }

        var page = await PageAsync(admin.Client, id);
        Assert.Equal(["secret", "liked", "m0"], page.Items.Select(TextOf));
        Assert.All(page.Items, m => Assert.NotEqual("REACTION", m.GetProperty("type").GetString()));
        var liked = page.Items[1];
        var r = Assert.Single(liked.GetProperty("reactions").EnumerateArray());
        Assert.Equal("👍", r.GetProperty("emoji").GetString());
        Assert.Equal("INBOUND", r.GetProperty("direction").GetString());
        Assert.True(page.Items[0].GetProperty("isHidden").GetBoolean());
        Assert.False(page.Items[1].GetProperty("isHidden").GetBoolean());
        Assert.Empty(page.Items[2].GetProperty("reactions").EnumerateArray());
    }

    [Fact]
    public async Task The_limit_defaults_to_50_and_limit_and_cursor_are_validated()
    {
        var (admin, id, metaId, waId) = await ConversationAsync();
        await InboundAsync(metaId, waId, Enumerable.Range(1, 54).Select(i => ($"b{i}", Start.AddSeconds(i))).ToArray());

        var page = await PageAsync(admin.Client, id);
        Assert.Equal(50, page.Items.Count);
        Assert.True(page.HasMore);
        Assert.Equal(55, (await PageAsync(admin.Client, id, limit: 200)).Items.Count);

        foreach (var query in new[] { "limit=0", "limit=201", "limit=-3" })
        {
            var error = await (await admin.Client.GetAsync($"/api/v1/conversations/{id}/messages?{query}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty("limit", out _));
        }
        foreach (var cursor in new[] { "not-a-cursor", "eyJ4Ijp9", "%%%" })
        {
            var error = await (await admin.Client.GetAsync($"/api/v1/conversations/{id}/messages?cursor={Uri.EscapeDataString(cursor)}"))
                .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty("cursor", out _));
        }
    }

    [Fact]
    public async Task Agents_and_api_keys_read_messages_and_another_organization_gets_404()
    {
        var (admin, id, _, _) = await ConversationAsync();
        var agent = await factory.MemberAsync(admin, "AGENT");
        var key = await factory.ApiKeyClientAsync(admin);
        Assert.Equal(["m0"], (await PageAsync(agent.Client, id)).Items.Select(TextOf));
        Assert.Equal(["m0"], (await PageAsync(key, id)).Items.Select(TextOf));

        var other = await factory.RegisterOrganizationAsync();
        await (await other.Client.GetAsync($"/api/v1/conversations/{id}/messages")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await factory.CreateClient().GetAsync($"/api/v1/conversations/{id}/messages")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
