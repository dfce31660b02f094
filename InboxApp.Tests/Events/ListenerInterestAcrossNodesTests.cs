using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Events;
using InboxApp.Core.OutgoingWebhooks;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.OutgoingWebhooks;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Events;

/// <summary>
/// Two app nodes on one database (ADR 0040): a change to what a durable listener wants, made on one node, decides the other
/// node's very next save; no node keeps skipping rows on an answer it cached before the change.
/// </summary>
[Collection(OutgoingWebhooksFactory.Collection)]
public sealed class ListenerInterestAcrossNodesTests(OutgoingWebhooksFactory nodeA)
{
    private const string Hooks = "/v1/outgoing-webhooks";

    [Fact]
    public async Task An_endpoint_made_on_one_node_gets_the_rows_of_the_next_event_saved_on_the_other_node_at_once()
    {
        using var nodeB = nodeA.SecondNode();
        var admin = await nodeA.RegisterOrganizationAsync();
        using var adminOnB = nodeB.CreateClient().WithBearer(admin.AccessToken);

        // Node B saves a conversation while the organization has no endpoint: it caches "the fan-out wants nothing here".
        await (await adminOnB.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Interest" })).ShouldBe(HttpStatusCode.Created);
        var created = await adminOnB.PostAsJsonAsync("/api/v1/dev/simulate/conversation",
            new { contact = new { name = "Maria Gomez", phone = "+54 9 11 5555-1234" }, messages = new[] { "Hola!" } });
        await created.ShouldBe(HttpStatusCode.Created);
        var conversationId = (await created.Data()).GetProperty("conversationId").GetGuid();
        Assert.Equal(0, await FanOutRowsAsync(admin.OrganizationId));
        Assert.True(await RowsAsync(admin.OrganizationId, nameof(MessageReceived)) > 0, "the message's other durable listeners got rows");

        // Node A makes an endpoint for received messages; node B's next message is fanned out to it, without waiting.
        await (await admin.Client.PostAsJsonAsync(Hooks, new { url = "http://127.0.0.1:9/hook", events = new[] { OutgoingWebhookEvents.MessageReceived } }))
            .ShouldBe(HttpStatusCode.Created);
        await (await adminOnB.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, text = "Still there?" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, await FanOutRowsAsync(admin.OrganizationId));
    }

    private async Task<int> FanOutRowsAsync(Guid org)
    {
        await using var db = nodeA.SystemDb();
        return await db.OutboxDeliveries.CountAsync(d => d.OrganizationId == org && d.Listener == nameof(OutgoingWebhookFanOut));
    }

    private async Task<int> RowsAsync(Guid org, string eventType)
    {
        await using var db = nodeA.SystemDb();
        return await db.OutboxDeliveries.CountAsync(d => d.OrganizationId == org && d.EventType == eventType);
    }
}
