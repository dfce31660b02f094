using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace InboxApp.Tests.Realtime;

[Collection(SharedApp.Second)]
public class InboxHubTests(NoJobsAppFactory factory)
{
    private static bool IsEvent(JsonNode e, string type, Guid conversationId) =>
        (string?)e["type"] == type && (string?)e["conversationId"] == conversationId.ToString();

    [Fact]
    public async Task A_connected_client_receives_its_organizations_inbound_message()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", admin.AccessToken);

        var (conversationId, messageId, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId(), "Where is my order?");

        var received = await hub.WaitForAsync("inboxEvent", e => IsEvent(e, "MessageReceived", conversationId));
        Assert.Equal(messageId.ToString(), (string?)received["data"]!["messageId"]);
        await hub.WaitForAsync("inboxEvent", e => IsEvent(e, "ConversationCreated", conversationId));
    }

    [Fact]
    public async Task An_api_key_connects_and_receives_events()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var created = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "hub" });
        var key = (await created.Data()).GetProperty("key").GetString();
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", key);

        var (conversationId, _, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId());

        await hub.WaitForAsync("inboxEvent", e => IsEvent(e, "MessageReceived", conversationId));
    }

    [Fact]
    public async Task Another_organizations_events_never_reach_a_client()
    {
        var a = await factory.RegisterOrganizationAsync();
        var b = await factory.RegisterOrganizationAsync();
        var (_, _, metaA) = await factory.SeedNumberAsync(a.OrganizationId);
        var (_, _, metaB) = await factory.SeedNumberAsync(b.OrganizationId);
        await using var hubA = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", a.AccessToken);

        var (conversationB, _, _) = await factory.InboundTextAsync(metaB, MessagingTestData.NewWaId());
        var (conversationA, _, _) = await factory.InboundTextAsync(metaA, MessagingTestData.NewWaId());

        // A's own later event arrives, so B's earlier one would have arrived too if it leaked.
        await hubA.WaitForAsync("inboxEvent", e => IsEvent(e, "MessageReceived", conversationA));
        Assert.DoesNotContain(hubA.Received, r => (string?)r.Argument?["conversationId"] == conversationB.ToString());
    }

    [Fact]
    public async Task Joining_a_conversation_adds_its_events_and_another_organizations_conversation_is_not_found()
    {
        var a = await factory.RegisterOrganizationAsync();
        var b = await factory.RegisterOrganizationAsync();
        var (_, _, metaA) = await factory.SeedNumberAsync(a.OrganizationId);
        var (_, _, metaB) = await factory.SeedNumberAsync(b.OrganizationId);
        var waId = MessagingTestData.NewWaId();
        var (conversationA, _, _) = await factory.InboundTextAsync(metaA, waId, "first");
        var (conversationB, _, _) = await factory.InboundTextAsync(metaB, MessagingTestData.NewWaId());
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", a.AccessToken);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("JoinConversation", conversationB));
        Assert.EndsWith("HubException: Conversation not found", refused.Message);
        await hub.Connection.InvokeAsync("JoinConversation", conversationA);

        await factory.InboundTextAsync(metaA, waId, "second");
        await hub.WaitForAsync("conversationEvent", e => IsEvent(e, "MessageReceived", conversationA));
        Assert.DoesNotContain(hub.Received, r => r.Target == "conversationEvent" && (string?)r.Argument?["conversationId"] == conversationB.ToString());
    }

    [Fact]
    public async Task Without_a_valid_token_the_hub_answers_401()
    {
        var anonymous = await factory.CreateClient().PostAsync("/hubs/inbox/negotiate?negotiateVersion=1", null);
        await anonymous.ShouldBe(HttpStatusCode.Unauthorized);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "at.not-a-token");
        await (await client.PostAsync("/hubs/inbox/negotiate?negotiateVersion=1", null)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signed_in_client_can_negotiate_the_websocket_transport()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.PostAsync("/hubs/inbox/negotiate?negotiateVersion=1", null);
        await response.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(body["availableTransports"]!.AsArray(), t => (string?)t!["transport"] == "WebSockets");
    }

    [Fact]
    public async Task Agents_see_who_views_and_types_in_a_conversation_and_who_went_offline()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var (conversationId, _, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId());
        await using var watcher = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", admin.AccessToken);
        var typist = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", agent.AccessToken);

        var refused = await Assert.ThrowsAsync<HubException>(() => typist.Connection.InvokeAsync("Typing", conversationId));
        Assert.EndsWith("HubException: Join the conversation first", refused.Message);
        await typist.Connection.InvokeAsync("JoinConversation", conversationId);
        await watcher.WaitForAsync("presence", p => (string?)p["type"] == "ConversationViewersChanged"
            && p["data"]!["viewers"]!.AsArray().Any(v => (string?)v!["userId"] == agent.UserId.ToString() && !(bool)v["typing"]!));
        await typist.Connection.InvokeAsync("Typing", conversationId);
        await watcher.WaitForAsync("presence", p => (string?)p["type"] == "ConversationViewersChanged"
            && p["data"]!["viewers"]!.AsArray().Any(v => (string?)v!["userId"] == agent.UserId.ToString() && (bool)v["typing"]!));

        await typist.DisposeAsync();
        await watcher.WaitForAsync("presence", p => (string?)p["type"] == "AgentPresenceChanged"
            && (string?)p["data"]!["userId"] == agent.UserId.ToString() && (string?)p["data"]!["status"] == "OFFLINE");
    }
}
