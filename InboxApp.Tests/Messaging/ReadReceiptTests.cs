using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Messaging;

[Collection(GraphBackedApp.Collection)]
public sealed class ReadReceiptTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;
    private ReadReceiptService Receipts => Factory.Services.GetRequiredService<ReadReceiptService>();

    private List<JsonNode> ReadCalls(string phoneId) =>
        Graph.Sends(phoneId).Select(c => JsonNode.Parse(c.Body)!).Where(p => p["status"]?.GetValue<string>() == "read").ToList();

    [Fact]
    public async Task The_newest_inbound_message_is_marked_read_with_the_typing_indicator_once()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var waId = MessagingTestData.NewWaId();
        var (conversationId, _, _) = await Factory.InboundTextAsync(number.MetaId, waId, "First", DateTimeOffset.UtcNow.AddMinutes(-3));
        var (_, newestId, newestWamid) = await Factory.InboundTextAsync(number.MetaId, waId, "Second", DateTimeOffset.UtcNow.AddMinutes(-2));

        Assert.Equal(ReadReceiptOutcome.SENT, await Receipts.MarkConversationReadAsync(admin.OrganizationId, conversationId, typing: true, default));
        Assert.Equal(ReadReceiptOutcome.ALREADY_SENT, await Receipts.MarkConversationReadAsync(admin.OrganizationId, conversationId, typing: true, default));

        var call = Assert.Single(ReadCalls(number.MetaId));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""
            {"messaging_product":"whatsapp","status":"read","message_id":"{{{newestWamid}}}","typing_indicator":{"type":"text"}}
            """), call));
        Assert.Equal(number.Token, Graph.Sends(number.MetaId).Single().Token);
        await using (var db = Factory.SystemDb())
            Assert.NotNull((await db.Messages.SingleAsync(m => m.Id == newestId)).ReadAt);

        // A new message from the customer gets its own receipt, without typing when not asked.
        var (_, _, thirdWamid) = await Factory.InboundTextAsync(number.MetaId, waId, "Third");
        Assert.Equal(ReadReceiptOutcome.SENT, await Receipts.MarkConversationReadAsync(admin.OrganizationId, conversationId, typing: false, default));
        var last = ReadCalls(number.MetaId).Last();
        Assert.Equal(thirdWamid, last["message_id"]!.GetValue<string>());
        Assert.Null(last["typing_indicator"]);
        Assert.Equal(2, ReadCalls(number.MetaId).Count);
    }

    [Fact]
    public async Task Marking_a_conversation_read_through_the_api_sends_one_read_receipt()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, _, wamid) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());

        await (await admin.Client.PostAsync($"/api/v1/conversations/{conversationId}/read", null)).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PostAsync($"/api/v1/conversations/{conversationId}/read", null)).ShouldBe(HttpStatusCode.OK);

        // Sent by Messaging's listener of ConversationRead, after the request.
        var call = Assert.Single(await ReadCallsAsync(number.MetaId));
        Assert.Equal(wamid, call["message_id"]!.GetValue<string>());
        Assert.Null(call["typing_indicator"]);
    }

    [Fact]
    public async Task A_member_typing_sends_the_typing_indicator_with_the_receipt_through_the_listener_and_not_for_another_organization()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, _, wamid) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());
        var conversations = Factory.Services.GetRequiredService<InboxApp.Core.Conversations.ConversationService>();
        var other = await Factory.RegisterOrganizationAsync();

        await Assert.ThrowsAsync<InboxApp.Core.Common.InboxException>(() => conversations.TypingAsync(new InboxApp.Core.Identity.Actor(other.UserId, other.OrganizationId, InboxApp.Core.Identity.UserRole.ADMIN), conversationId));
        await conversations.TypingAsync(new InboxApp.Core.Identity.Actor(admin.UserId, admin.OrganizationId, InboxApp.Core.Identity.UserRole.AGENT), conversationId);

        var call = Assert.Single(await ReadCallsAsync(number.MetaId));
        Assert.Equal(wamid, call["message_id"]!.GetValue<string>());
        Assert.Equal("text", call["typing_indicator"]!["type"]!.GetValue<string>());
    }

    /// <summary>The read calls once at least one was made (receipts are sent after the request, by a listener).</summary>
    private async Task<List<JsonNode>> ReadCallsAsync(string phoneId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ReadCalls(phoneId).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        return ReadCalls(phoneId);
    }

    [Fact]
    public async Task A_graph_failure_is_logged_not_thrown_and_the_next_read_tries_again()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, messageId, _) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 500, 131000, "(#131000) Something went wrong"));

        Assert.Equal(ReadReceiptOutcome.FAILED, await Receipts.MarkConversationReadAsync(admin.OrganizationId, conversationId, typing: true, default));
        await using (var db = Factory.SystemDb())
            Assert.Null((await db.Messages.SingleAsync(m => m.Id == messageId)).ReadAt);
        Assert.Equal(ReadReceiptOutcome.SENT, await Receipts.MarkConversationReadAsync(admin.OrganizationId, conversationId, typing: true, default));
        Assert.Equal(2, Graph.Sends(number.MetaId).Count);
    }

    [Fact]
    public async Task A_sandbox_number_records_the_receipt_without_calling_meta()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Sandbox" })).ShouldBe(HttpStatusCode.Created);
        var simulated = await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation",
            new { contact = new { name = "Ana" }, messages = new[] { "Hi there" } })).Data();
        var conversationId = simulated.GetProperty("conversationId").GetGuid();
        var calls = Graph.Calls.Count;

        Assert.Equal(ReadReceiptOutcome.SENT, await Receipts.MarkConversationReadAsync(admin.OrganizationId, conversationId, typing: true, default));
        Assert.Equal(ReadReceiptOutcome.ALREADY_SENT, await Receipts.MarkConversationReadAsync(admin.OrganizationId, conversationId, typing: true, default));
        Assert.Equal(calls, Graph.Calls.Count);
        await using var db = Factory.SystemDb();
        Assert.NotNull((await db.Messages.SingleAsync(m => m.ConversationId == conversationId)).ReadAt);
    }

    [Fact]
    public async Task Another_organizations_conversation_or_one_without_inbound_messages_has_nothing_to_mark()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, messageId, _) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());
        var other = await Factory.RegisterOrganizationAsync();

        Assert.Equal(ReadReceiptOutcome.NOTHING_TO_MARK, await Receipts.MarkConversationReadAsync(other.OrganizationId, conversationId, typing: true, default));
        Assert.Equal(ReadReceiptOutcome.NOTHING_TO_MARK, await Receipts.MarkConversationReadAsync(admin.OrganizationId, Guid.NewGuid(), typing: true, default));
        Assert.Empty(Graph.Sends(number.MetaId));
        await using var db = Factory.SystemDb();
        Assert.Null((await db.Messages.SingleAsync(m => m.Id == messageId)).ReadAt);
    }
}
