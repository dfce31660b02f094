using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Messaging;

[Collection(GraphBackedApp.Collection)]
public sealed class OutboundMessagesTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    private async Task<(SignedIn Admin, CloudNumber Number, Guid ConversationId, string WaId)> ConversationAsync(bool validToken = true)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId, validToken);
        var waId = MessagingTestData.NewWaId();
        var (conversationId, _, _) = await Factory.InboundTextAsync(number.MetaId, waId);
        return (admin, number, conversationId, waId);
    }

    private static Task<HttpResponseMessage> SendAsync(SignedIn who, Guid conversationId, string text, Guid? replyTo = null) =>
        who.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text, replyTo });

    [Fact]
    public async Task Sending_a_text_posts_to_meta_and_status_webhooks_then_move_it_to_read()
    {
        var (admin, number, conversationId, waId) = await ConversationAsync();
        var agent = await Factory.AddMemberAsync(admin, "AGENT");

        var response = await SendAsync(agent, conversationId, "Hi! How can I help you today?");
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        var id = data.GetProperty("id").GetGuid();
        var wamid = data.GetProperty("waMessageId").GetString()!;
        Assert.StartsWith("wamid.", wamid);
        Assert.Equal("OUTBOUND", data.GetProperty("direction").GetString());
        Assert.Equal("TEXT", data.GetProperty("type").GetString());
        Assert.Equal("Hi! How can I help you today?", data.GetProperty("text").GetString());
        // Accepted by Meta is not yet sent: the "sent" webhook moves it on.
        Assert.Equal("PENDING", data.GetProperty("status").GetString());
        Assert.Equal(0, data.GetProperty("reactions").GetArrayLength());
        Assert.False(data.TryGetProperty("error", out _));

        var call = Assert.Single(Graph.Sends(number.MetaId));
        Assert.Equal(number.Token, call.Token);
        var payload = JsonNode.Parse(call.Body)!;
        Assert.Equal(waId, payload["to"]!.GetValue<string>());
        Assert.Equal("whatsapp", payload["messaging_product"]!.GetValue<string>());
        Assert.Equal("text", payload["type"]!.GetValue<string>());
        Assert.Equal("Hi! How can I help you today?", payload["text"]!["body"]!.GetValue<string>());
        Assert.Equal(id.ToString(), payload["biz_opaque_callback_data"]!.GetValue<string>());

        await Factory.StatusAsync(number.MetaId, wamid, "sent", waId);
        await Factory.StatusAsync(number.MetaId, wamid, "delivered", waId);
        await using (var db = Factory.SystemDb())
            Assert.Equal(MessageStatus.DELIVERED, (await db.Messages.SingleAsync(m => m.Id == id)).Status);
        await Factory.StatusAsync(number.MetaId, wamid, "read", waId);

        await using var check = Factory.SystemDb();
        var message = await check.Messages.SingleAsync(m => m.Id == id);
        Assert.Equal(MessageStatus.READ, message.Status);
        Assert.Equal(agent.UserId, message.SentById);
        Assert.NotNull(message.SentAt);
        Assert.NotNull(message.ReadAt);
        var conversation = await check.Conversations.SingleAsync(c => c.Id == conversationId);
        Assert.Equal("Hi! How can I help you today?", conversation.LastMessagePreview);
        Assert.Equal(MessageDirection.OUTBOUND, conversation.LastMessageDirection);
        Assert.NotNull(conversation.FirstResponseAt);
    }

    [Fact]
    public async Task A_free_form_send_outside_the_window_is_refused_before_calling_meta()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, _, _) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId(), at: DateTimeOffset.UtcNow.AddHours(-25));

        var error = await (await SendAsync(admin, conversationId, "Are you still there?")).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.WindowClosed);
        Assert.Contains("24 hours", error.GetProperty("message").GetString());
        Assert.Empty(Graph.Sends(number.MetaId));
        await using var db = Factory.SystemDb();
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == conversationId && m.Direction == MessageDirection.OUTBOUND));
    }

    [Fact]
    public async Task Throughput_errors_are_retried_with_backoff_until_meta_accepts()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 130429, "(#130429) Rate limit hit"));
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 130429, "(#130429) Rate limit hit"));

        var response = await SendAsync(admin, conversationId, "Thanks for waiting");
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        Assert.Equal(3, Graph.Sends(number.MetaId).Count);
        Assert.StartsWith("wamid.", data.GetProperty("waMessageId").GetString());
        Assert.Equal("PENDING", data.GetProperty("status").GetString());
        Assert.False(data.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Throughput_errors_that_persist_leave_the_message_failed_after_the_last_attempt()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        for (var i = 0; i < 4; i++) Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 130429, "(#130429) Rate limit hit"));

        var data = await (await SendAsync(admin, conversationId, "Thanks for waiting")).Data();
        Assert.Equal(4, Graph.Sends(number.MetaId).Count);
        Assert.Equal("FAILED", data.GetProperty("status").GetString());
        Assert.Equal("130429", data.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_pair_rate_error_is_retried_after_a_delay()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"));

        var data = await (await SendAsync(admin, conversationId, "One more thing")).Data();
        Assert.Equal(2, Graph.Sends(number.MetaId).Count);
        Assert.Equal("PENDING", data.GetProperty("status").GetString());
        Assert.StartsWith("wamid.", data.GetProperty("waMessageId").GetString());
    }

    [Fact]
    public async Task A_window_error_from_meta_fails_the_message_with_code_title_and_details_in_the_api()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 131047, "Message failed to send because more than 24 hours have passed since the customer last replied to this number."));

        var response = await SendAsync(admin, conversationId, "Following up");
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        Assert.Equal("FAILED", data.GetProperty("status").GetString());
        Assert.False(data.TryGetProperty("waMessageId", out _));
        var error = data.GetProperty("error");
        Assert.Equal("131047", error.GetProperty("code").GetString());
        Assert.Contains("Re-engagement", error.GetProperty("title").GetString());
        Assert.Contains("24 hours have passed", error.GetProperty("details").GetString());
        Assert.Single(Graph.Sends(number.MetaId));

        var failed = await (await admin.Client.GetAsync("/api/v1/messages/failed?errorCode=131047")).Data();
        var item = Assert.Single(failed.EnumerateArray());
        Assert.Equal(data.GetProperty("id").GetGuid(), item.GetProperty("id").GetGuid());
        Assert.Equal("131047", item.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_expired_token_fails_the_message_with_code_190_and_raises_one_token_alert()
    {
        var (admin, number, conversationId, _) = await ConversationAsync(validToken: false);
        var data = await (await SendAsync(admin, conversationId, "Hello")).Data();
        Assert.Equal("FAILED", data.GetProperty("status").GetString());
        Assert.Equal("190", data.GetProperty("error").GetProperty("code").GetString());
        Assert.Single(Graph.Sends(number.MetaId));
        await SendAsync(admin, conversationId, "Hello again");

        var alerts = await (await admin.Client.GetAsync("/api/v1/whatsapp-accounts/alerts?unacknowledged=true")).Data();
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal("TOKEN", alert.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Reply_to_quotes_the_wamid_of_a_message_of_the_same_conversation_only()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, inboundId, inboundWamid) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId(), "Where is my order?");
        var (_, otherMessageId, _) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());

        var data = await (await SendAsync(admin, conversationId, "It ships today", inboundId)).Data();
        Assert.Equal(inboundWamid, data.GetProperty("replyToWaMessageId").GetString());
        var payload = JsonNode.Parse(Graph.Sends(number.MetaId).Last().Body)!;
        Assert.Equal(inboundWamid, payload["context"]!["message_id"]!.GetValue<string>());

        var error = await (await SendAsync(admin, conversationId, "Wrong quote", otherMessageId)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("replyTo", out _));
    }

    [Theory]
    [InlineData("""{"type":"text","text":""}""", "text")]
    [InlineData("""{"type":"text","text":"   "}""", "text")]
    [InlineData("""{"type":"text"}""", "text")]
    [InlineData("""{"type":"image","text":"hi"}""", "type")]
    [InlineData("""{"text":"hi"}""", "type")]
    public async Task Invalid_send_bodies_are_refused_with_the_field_named(string body, string field)
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        var error = await (await admin.Client.PostRawJsonAsync($"/api/v1/conversations/{conversationId}/messages", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"expected an error on {field}");
        Assert.Empty(Graph.Sends(number.MetaId));
    }

    [Fact]
    public async Task Too_long_texts_wrong_json_types_and_unknown_conversations_are_refused()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        var url = $"/api/v1/conversations/{conversationId}/messages";
        await (await SendAsync(admin, conversationId, new string('a', 4097))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync(url, """{"type":"text","text":42}""")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync(url, """{"type":"text","text":"hi","replyTo":"not-a-guid"}""")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync(url, "{not json")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await SendAsync(admin, Guid.NewGuid(), "hi")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostRawJsonAsync("/api/v1/conversations/abc/messages", """{"type":"text","text":"hi"}""")).ShouldBe(HttpStatusCode.NotFound);
        var exactly = await SendAsync(admin, conversationId, new string('a', 4096));
        await exactly.ShouldBe(HttpStatusCode.Created);
        Assert.Single(Graph.Sends(number.MetaId));
    }

    [Fact]
    public async Task Another_organizations_conversation_is_not_found_and_nothing_is_sent()
    {
        var (_, number, conversationId, _) = await ConversationAsync();
        var other = await Factory.RegisterOrganizationAsync();
        await (await SendAsync(other, conversationId, "hi")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty(Graph.Sends(number.MetaId));
    }
}
