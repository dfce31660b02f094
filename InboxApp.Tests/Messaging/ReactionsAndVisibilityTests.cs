using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Messaging;

[Collection(GraphBackedApp.Collection)]
public sealed class ReactionsAndVisibilityTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    private async Task<(SignedIn Admin, CloudNumber Number, Guid ConversationId, Guid MessageId, string Wamid)> InboundAsync(DateTimeOffset? at = null)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, messageId, wamid) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId(), "Thanks a lot!", at);
        return (admin, number, conversationId, messageId, wamid);
    }

    private static Task<HttpResponseMessage> ReactAsync(SignedIn who, Guid messageId, string? emoji) =>
        who.Client.PostAsJsonAsync($"/api/v1/messages/{messageId}/react", new { emoji });

    [Fact]
    public async Task Reacting_sends_metas_reaction_and_shows_on_the_message_and_an_empty_emoji_removes_it()
    {
        var (admin, number, _, messageId, wamid) = await InboundAsync();
        var agent = await Factory.AddMemberAsync(admin, "AGENT");

        var response = await ReactAsync(agent, messageId, "👍");
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        var reaction = Assert.Single(data.GetProperty("message").GetProperty("reactions").EnumerateArray());
        Assert.Equal("👍", reaction.GetProperty("emoji").GetString());
        Assert.Equal("OUTBOUND", reaction.GetProperty("direction").GetString());
        Assert.Equal("REACTION", data.GetProperty("reaction").GetProperty("type").GetString());
        Assert.Equal("PENDING", data.GetProperty("reaction").GetProperty("status").GetString());
        var payload = JsonNode.Parse(Assert.Single(Graph.Sends(number.MetaId)).Body)!;
        Assert.Equal("reaction", payload["type"]!.GetValue<string>());
        Assert.Equal(wamid, payload["reaction"]!["message_id"]!.GetValue<string>());
        Assert.Equal("👍", payload["reaction"]!["emoji"]!.GetValue<string>());
        Assert.Null(payload["context"]);

        var removed = await (await ReactAsync(agent, messageId, "")).Data();
        Assert.Equal(0, removed.GetProperty("message").GetProperty("reactions").GetArrayLength());
        var second = JsonNode.Parse(Graph.Sends(number.MetaId).Last().Body)!;
        Assert.Equal("", second["reaction"]!["emoji"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_reaction_does_not_show_and_reactions_are_not_conversation_previews()
    {
        var (admin, number, conversationId, messageId, _) = await InboundAsync();
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 131026, "(#131026) Message undeliverable"));
        var data = await (await ReactAsync(admin, messageId, "❤️")).Data();
        Assert.Equal("FAILED", data.GetProperty("reaction").GetProperty("status").GetString());
        Assert.Equal(0, data.GetProperty("message").GetProperty("reactions").GetArrayLength());
        await using var db = Factory.SystemDb();
        Assert.Equal("Thanks a lot!", (await db.Conversations.SingleAsync(c => c.Id == conversationId)).LastMessagePreview);
    }

    [Fact]
    public async Task Bad_emoji_closed_windows_and_unsent_targets_are_refused()
    {
        var (admin, number, _, messageId, _) = await InboundAsync();
        foreach (var bad in new[] { "ok", "👍👍", "a" })
        {
            var e = await (await ReactAsync(admin, messageId, bad)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(e.GetProperty("details").TryGetProperty("emoji", out _));
        }
        await (await admin.Client.PostRawJsonAsync($"/api/v1/messages/{messageId}/react", "{}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Empty(Graph.Sends(number.MetaId));

        var (old, oldNumber, _, oldMessage, _) = await InboundAsync(DateTimeOffset.UtcNow.AddHours(-26));
        await (await ReactAsync(old, oldMessage, "👍")).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.WindowClosed);
        Assert.Empty(Graph.Sends(oldNumber.MetaId));
    }

    [Fact]
    public async Task Only_supervisors_and_admins_hide_and_unhide_messages()
    {
        var (admin, _, _, messageId, _) = await InboundAsync();
        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        var supervisor = await Factory.AddMemberAsync(admin, "SUPERVISOR");
        var url = $"/api/v1/messages/{messageId}/toggle-hide";

        await (await agent.Client.PostAsync(url, null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var hidden = await (await supervisor.Client.PostAsync(url, null)).Data();
        Assert.True(hidden.GetProperty("isHidden").GetBoolean());
        Assert.Equal(messageId, hidden.GetProperty("id").GetGuid());
        await using (var db = Factory.SystemDb())
            Assert.True((await db.Messages.SingleAsync(m => m.Id == messageId)).IsHidden);
        var shown = await (await admin.Client.PostAsync(url, null)).Data();
        Assert.False(shown.GetProperty("isHidden").GetBoolean());
        await using var check = Factory.SystemDb();
        Assert.False((await check.Messages.SingleAsync(m => m.Id == messageId)).IsHidden);
    }

    [Fact]
    public async Task Another_organizations_message_is_not_found_for_react_and_toggle_hide()
    {
        var (_, number, _, messageId, _) = await InboundAsync();
        var other = await Factory.RegisterOrganizationAsync();
        await (await ReactAsync(other, messageId, "👍")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsync($"/api/v1/messages/{messageId}/toggle-hide", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsync($"/api/v1/messages/{Guid.NewGuid()}/toggle-hide", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty(Graph.Sends(number.MetaId));
        await using var db = Factory.SystemDb();
        Assert.False((await db.Messages.SingleAsync(m => m.Id == messageId)).IsHidden);
    }
}
