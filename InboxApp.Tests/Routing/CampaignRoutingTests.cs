using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Events;
using InboxApp.Tests.Campaigns;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.Users;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Routing.RoutingTestKit;

namespace InboxApp.Tests.Routing;

/// <summary>
/// Conversations a campaign opens wait for the customer: routing leaves them alone until the customer answers, then routes
/// them on the answer's words (ADR 0042).
/// </summary>
[Collection(SharedApp.Campaigns)]
public sealed class CampaignRoutingTests(InboxAppFactory factory)
{
    [Fact]
    public async Task A_campaign_conversation_is_routed_only_when_the_customer_answers_and_by_the_answer()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var billing = await TeamAsync(admin.Client, "Billing", agent.UserId);
        var support = await TeamAsync(admin.Client, "Support");
        await RuleAsync(admin.Client, "Refunds", billing, [Keywords("refund")]);
        // Without the rule, a new conversation would go to the default team at once.
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = support })).ShouldBe(HttpStatusCode.OK);
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var phone = CampaignTestKit.NewPhone();
        var id = (await admin.Client.CreateCampaignAsync(new
        {
            name = "Spring offer", templateId, sendNow = true,
            recipients = new[] { new { phone, variables = new Dictionary<string, string> { ["1"] = "Ana" } } },
        })).GetProperty("id").GetGuid();
        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        var conversationId = done.Recipients()[0].GetProperty("conversationId").GetGuid();

        // Every listener has had the conversation's creation: it was not routed (no team, no decision, no queue).
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            return await db.OutboxDeliveries.AnyAsync(d => d.OrganizationId == admin.OrganizationId && d.Listener == "RouteWhenHumanNeeded"
                    && d.EventType == nameof(ConversationCreated) && d.Status == OutboxDeliveryStatus.DELIVERED)
                && !await db.OutboxDeliveries.AnyAsync(d => d.OrganizationId == admin.OrganizationId && d.Status == OutboxDeliveryStatus.PENDING);
        }, "the conversation's creation to reach routing", TimeSpan.FromSeconds(30));
        var waiting = await RoutingOfAsync(admin.Client, conversationId);
        Assert.Null(waiting.Guid("teamId"));
        Assert.False(waiting.TryGetProperty("routedAt", out _));
        Assert.False(waiting.TryGetProperty("queuedAt", out _));
        var conversation = await (await admin.Client.GetAsync($"/api/v1/conversations/{conversationId}")).Data();
        Assert.Equal("WAITING_FOR_CUSTOMER", conversation.Str("status"));
        Assert.False(conversation.TryGetProperty("team", out var team) && team.ValueKind != System.Text.Json.JsonValueKind.Null);

        // The customer answers: now it is routed, by what they wrote.
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, text = "Can I get a refund instead?" }))
            .ShouldBe(HttpStatusCode.Created);
        var routed = await RoutedAsync(admin.Client, conversationId, r => r.TryGetProperty("routedAt", out _), "routing after the answer");
        Assert.Equal(billing, routed.Guid("teamId"));
        Assert.Contains("contains \"refund\"", routed.Str("decision"));
    }
}
