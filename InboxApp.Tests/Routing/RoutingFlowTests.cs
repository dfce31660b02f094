using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Events;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.Users;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Routing.RoutingTestKit;

namespace InboxApp.Tests.Routing;

/// <summary>Routing as conversations arrive: through the sandbox's simulated customers, the event listeners and live presence.</summary>
[Collection(SharedApp.Second)]
public sealed class RoutingFlowTests(NoJobsAppFactory factory)
{
    private async Task<List<string?>> OutboundTextsAsync(Guid conversationId)
    {
        await using var db = factory.SystemDb();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.OUTBOUND)
            .OrderBy(m => m.CreatedAt).Select(m => m.Text).ToListAsync();
    }

    /// <summary>Waits until the organization's outbox has delivered everything raised so far (the listeners have run).</summary>
    private async Task OutboxDrainedAsync(Guid org) =>
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            return !await db.OutboxDeliveries.AnyAsync(d => d.OrganizationId == org && d.Status == OutboxDeliveryStatus.PENDING);
        }, "the outbox to deliver", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_customer_writing_in_spanish_reaches_the_spanish_team()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var spanish = await TeamAsync(admin.Client, "Spanish team");
        var english = await TeamAsync(admin.Client, "English team");
        await RuleAsync(admin.Client, "English speakers", english, [new { type = "LANGUAGE", values = new[] { "en" } }]);
        var rule = await RuleAsync(admin.Client, "Spanish speakers", spanish, [new { type = "LANGUAGE", values = new[] { "es" } }]);
        await SandboxNumberAsync(admin.Client);

        var conversationId = await factory.CustomerWritesAsync(admin.Client, Phone(), "Hola, necesito ayuda con mi pedido");
        var routed = await RoutedAsync(admin.Client, conversationId, r => r.Guid("teamId") is not null, "routing to choose a team");
        Assert.Equal(spanish, routed.Guid("teamId"));
        Assert.Equal(rule.Id(), routed.Guid("ruleId"));
        Assert.Contains("writes in Spanish", routed.Str("decision"));
    }

    [Fact]
    public async Task A_customer_asking_for_a_refund_reaches_billing_and_its_online_agent()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var billing = await TeamAsync(admin.Client, "Billing", agent.UserId);
        var sales = await TeamAsync(admin.Client, "Sales");
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{billing}/assignment", new { mode = "ROUND_ROBIN" })).ShouldBe(HttpStatusCode.OK);
        await RuleAsync(admin.Client, "Sales leads", sales, [Keywords("pricing")]);
        var rule = await RuleAsync(admin.Client, "Refunds", billing, [Keywords("refund")]);
        await SandboxNumberAsync(admin.Client);
        await using var session = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", agent.AccessToken);
        await MessagingTestData.EventuallyAsync(async () =>
            (await (await admin.Client.GetAsync($"/api/v1/teams/{billing}/assignment")).Data()).GetProperty("members")[0].Str("onlineStatus") == "ONLINE",
            "the agent to be online");

        var conversationId = await factory.CustomerWritesAsync(admin.Client, Phone(), "Hi", "I would like a Refund for my order");
        var routed = await RoutedAsync(agent.Client, conversationId, r => r.Guid("assignedToId") is not null, "routing to assign the conversation");
        Assert.Equal(billing, routed.Guid("teamId"));
        Assert.Equal("Billing", routed.Str("teamName"));
        Assert.Equal(rule.Id(), routed.Guid("ruleId"));
        Assert.Contains("contains \"refund\"", routed.Str("decision"));
        Assert.Equal(agent.UserId, routed.Guid("assignedToId"));

        var conversation = await (await agent.Client.GetAsync($"/api/v1/conversations/{conversationId}")).Data();
        Assert.Equal(billing, conversation.GetProperty("team").Id());
        Assert.Equal("HUMAN_HANDLING", conversation.Str("status"));
        // The agent's open session heard of it live.
        await session.WaitForAsync("inboxEvent", e => (string?)e["type"] == "ConversationAssigned" && (string?)e["conversationId"] == conversationId.ToString(),
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Without_a_matching_rule_the_default_team_queues_the_conversation_until_an_agent_comes_online()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var support = await TeamAsync(admin.Client, "Support", agent.UserId);
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{support}/assignment", new { mode = "LEAST_BUSY", defaultCapacity = 3 })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = support })).ShouldBe(HttpStatusCode.OK);
        await SandboxNumberAsync(admin.Client);

        var first = await factory.CustomerWritesAsync(admin.Client, Phone(), "Hello?");
        var second = await factory.CustomerWritesAsync(admin.Client, Phone(), "Anyone there?");
        await RoutedAsync(agent.Client, first, r => r.TryGetProperty("queuePosition", out _), "the first conversation to queue");
        var queued = await RoutedAsync(agent.Client, second, r => r.TryGetProperty("queuePosition", out _), "the second conversation to queue");
        Assert.Equal("No rule matched: the default team", queued.Str("decision"));
        Assert.Equal(2, queued.GetProperty("queuePosition").GetInt32());
        var queue = await (await supervisor.Client.GetAsync($"/api/v1/teams/{support}/queue")).Data();
        Assert.Equal(2, queue.GetProperty("waiting").GetInt32());
        Assert.Equal(0, queue.GetProperty("onlineAgents").GetInt32());
        Assert.Equal([first, second], queue.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("conversationId").GetGuid()));

        // The agent comes online: the queue is theirs, in arrival order.
        await using var session = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", agent.AccessToken);
        await RoutedAsync(agent.Client, second, r => r.Guid("assignedToId") == agent.UserId, "the queue to be offered to the agent");
        Assert.Equal(agent.UserId, (await RoutingOfAsync(agent.Client, first)).Guid("assignedToId"));
        Assert.Equal(0, (await (await supervisor.Client.GetAsync($"/api/v1/teams/{support}/queue")).Data()).GetProperty("waiting").GetInt32());
        var assignment = await (await supervisor.Client.GetAsync($"/api/v1/teams/{support}/assignment")).Data();
        Assert.Equal(2, assignment.GetProperty("members")[0].GetProperty("openConversations").GetInt32());
    }

    [Fact]
    public async Task Outside_business_hours_the_customer_gets_the_off_hours_reply_once()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await SandboxNumberAsync(admin.Client);
        // Enabled with no slots: closed all the time.
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/business-hours", new { timezone = "UTC", isEnabled = true, slots = Array.Empty<object>() }))
            .ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/off-hours", new { offHoursAutoReply = true, message = "We are closed; we answer tomorrow." }))
            .ShouldBe(HttpStatusCode.OK);

        var conversationId = await factory.CustomerWritesAsync(admin.Client, Phone(), "Hello", "Is anyone there?");
        await MessagingTestData.EventuallyAsync(async () => (await OutboundTextsAsync(conversationId)).Count > 0, "the off-hours reply");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, text = "Hello again" })).ShouldBe(HttpStatusCode.Created);
        await OutboxDrainedAsync(admin.OrganizationId);
        Assert.Equal(["We are closed; we answer tomorrow."], await OutboundTextsAsync(conversationId));
    }

    [Fact]
    public async Task Maintenance_mode_answers_new_conversations_and_does_not_route_them()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var support = await TeamAsync(admin.Client, "Support");
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = support })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/maintenance", new { maintenanceMode = true, message = "We are upgrading; back at noon." }))
            .ShouldBe(HttpStatusCode.OK);
        await SandboxNumberAsync(admin.Client);

        var conversationId = await factory.CustomerWritesAsync(admin.Client, Phone(), "Hello");
        await MessagingTestData.EventuallyAsync(async () => (await OutboundTextsAsync(conversationId)).Count > 0, "the maintenance reply");
        Assert.Equal(["We are upgrading; back at noon."], await OutboundTextsAsync(conversationId));
        var routing = await RoutingOfAsync(admin.Client, conversationId);
        Assert.Equal("Maintenance mode: not routed", routing.Str("decision"));
        Assert.Null(routing.Guid("teamId"));
    }

    [Fact]
    public async Task Run_now_and_re_route_apply_rules_written_after_the_conversations_arrived()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await SandboxNumberAsync(admin.Client);
        var refund = await factory.CustomerWritesAsync(admin.Client, Phone(), "refund please");
        var other = await factory.CustomerWritesAsync(admin.Client, Phone(), "hello");
        await OutboxDrainedAsync(admin.OrganizationId);
        Assert.Equal("No rule matched and no default team is set", (await RoutingOfAsync(admin.Client, refund)).Str("decision"));

        var billing = await TeamAsync(admin.Client, "Billing");
        await RuleAsync(admin.Client, "Refunds", billing, [Keywords("refund")]);
        var run = await admin.Client.PostAsync("/api/v1/routing-rules/run-now", null);
        await run.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, (await run.Data()).GetProperty("moved").GetInt32());
        Assert.Equal(billing, (await RoutingOfAsync(admin.Client, refund)).Guid("teamId"));
        Assert.Null((await RoutingOfAsync(admin.Client, other)).Guid("teamId"));

        var sales = await TeamAsync(admin.Client, "Sales");
        await RuleAsync(admin.Client, "Greetings", sales, [Keywords("hello")]);
        await (await agent.Client.PostAsync($"/api/v1/conversations/{other}/re-route", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var rerouted = await admin.Client.PostAsync($"/api/v1/conversations/{other}/re-route", null);
        await rerouted.ShouldBe(HttpStatusCode.OK);
        var outcome = await rerouted.Data();
        Assert.Equal(sales, outcome.GetProperty("teamId").GetGuid());
        Assert.True(outcome.GetProperty("moved").GetBoolean());
        Assert.Equal("Greetings", outcome.Str("ruleName"));
        Assert.Equal(sales, (await (await admin.Client.GetAsync($"/api/v1/conversations/{other}")).Data()).GetProperty("team").Id());
        await (await admin.Client.PostAsync($"/api/v1/conversations/{Guid.NewGuid()}/re-route", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task An_idle_agents_conversation_goes_back_to_the_queue_and_to_a_colleague()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var slow = await factory.AddMemberAsync(admin, "AGENT");
        var support = await TeamAsync(admin.Client, "Support", slow.UserId);
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{support}/assignment", new { mode = "ROUND_ROBIN" })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = support })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/idle-agent", new { isEnabled = true, minutes = 5 })).ShouldBe(HttpStatusCode.OK);
        await SandboxNumberAsync(admin.Client);
        await using var slowSession = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", slow.AccessToken);
        var conversationId = await factory.CustomerWritesAsync(admin.Client, Phone(), "Help me");
        await RoutedAsync(admin.Client, conversationId, r => r.Guid("assignedToId") == slow.UserId, "the first assignment");

        // A colleague comes online; the customer has waited ten minutes without an answer.
        var quick = await factory.AddMemberAsync(admin, "AGENT");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{support}/members", new { userId = quick.UserId })).ShouldBe(HttpStatusCode.Created);
        await using var quickSession = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", quick.AccessToken);
        await using (var db = factory.SystemDb())
        {
            var past = DateTimeOffset.UtcNow.AddMinutes(-10);
            await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.WaitingSince, past));
            await db.Set<Core.Routing.ConversationRouting>().Where(r => r.ConversationId == conversationId).ExecuteUpdateAsync(s => s.SetProperty(r => r.AssignedAt, past));
        }
        var run = await admin.Client.PostAsync("/api/v1/routing-rules/idle-agent/run", null);
        await run.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, (await run.Data()).GetProperty("returned").GetInt32());
        var routing = await RoutedAsync(admin.Client, conversationId, r => r.Guid("assignedToId") == quick.UserId, "the colleague to get it");
        Assert.True(routing.TryGetProperty("idleReturnedAt", out _));

        // The slow agent, back, is told which conversation left them (what the inbox's notice shows); nobody else is.
        var returned = await (await slow.Client.GetAsync("/api/v1/routing-rules/idle-agent/returned-from-me")).Data();
        var item = Assert.Single(returned.EnumerateArray());
        Assert.Equal(conversationId, item.GetProperty("conversationId").GetGuid());
        Assert.False(string.IsNullOrEmpty(item.Str("contactName")));
        Assert.Empty((await (await quick.Client.GetAsync("/api/v1/routing-rules/idle-agent/returned-from-me")).Data()).EnumerateArray());
        var later = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        Assert.Empty((await (await slow.Client.GetAsync($"/api/v1/routing-rules/idle-agent/returned-from-me?since={later}")).Data()).EnumerateArray());
        await (await slow.Client.GetAsync("/api/v1/routing-rules/idle-agent/returned-from-me?since=yesterday")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        // Another organization's agent sees none of it.
        var stranger = await factory.RegisterOrganizationAsync();
        Assert.Empty((await (await stranger.Client.GetAsync("/api/v1/routing-rules/idle-agent/returned-from-me")).Data()).EnumerateArray());
    }

    [Fact]
    public async Task Agents_never_get_more_than_their_capacity_and_a_freed_slot_takes_the_next_in_line()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var a = await factory.AddMemberAsync(admin, "AGENT");
        var b = await factory.AddMemberAsync(admin, "AGENT");
        var support = await TeamAsync(admin.Client, "Support", a.UserId, b.UserId);
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{support}/assignment", new
        {
            mode = "ROUND_ROBIN", defaultCapacity = 2, members = new[] { new { userId = b.UserId, capacity = 1 } },
        })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{support}/assignment", new { members = new[] { new { userId = Guid.NewGuid(), capacity = 1 } } }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{support}/assignment", new { mode = "SOMETIMES" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{support}/assignment", new { defaultCapacity = 0 })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = support })).ShouldBe(HttpStatusCode.OK);
        await SandboxNumberAsync(admin.Client);
        await using var sessionA = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", a.AccessToken);
        await using var sessionB = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", b.AccessToken);
        await MessagingTestData.EventuallyAsync(async () =>
            (await (await admin.Client.GetAsync($"/api/v1/teams/{support}/assignment")).Data()).GetProperty("members").EnumerateArray().All(m => m.Str("onlineStatus") == "ONLINE"),
            "both agents online");

        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await factory.CustomerWritesAsync(admin.Client, Phone(), $"Question {i}"));
        await OutboxDrainedAsync(admin.OrganizationId);
        await MessagingTestData.EventuallyAsync(async () =>
            (await (await admin.Client.GetAsync($"/api/v1/teams/{support}/queue")).Data()).GetProperty("waiting").GetInt32() == 2, "two conversations to wait");
        var members = (await (await admin.Client.GetAsync($"/api/v1/teams/{support}/assignment")).Data()).GetProperty("members").EnumerateArray()
            .ToDictionary(m => m.GetProperty("userId").GetGuid(), m => m.GetProperty("openConversations").GetInt32());
        Assert.Equal(2, members[a.UserId]);
        Assert.Equal(1, members[b.UserId]);

        // B resolves theirs: the oldest waiting conversation goes to B.
        var queueBefore = await (await admin.Client.GetAsync($"/api/v1/teams/{support}/queue")).Data();
        var next = queueBefore.GetProperty("entries")[0].GetProperty("conversationId").GetGuid();
        Guid bConversation;
        await using (var db = factory.SystemDb())
            bConversation = await db.Conversations.Where(c => c.AssigneeId == b.UserId).Select(c => c.Id).SingleAsync();
        await (await b.Client.PostAsync($"/api/v1/conversations/{bConversation}/resolve", null)).ShouldBe(HttpStatusCode.OK);
        await RoutedAsync(admin.Client, next, r => r.Guid("assignedToId") == b.UserId, "the freed slot to take the next in line");
    }
}
