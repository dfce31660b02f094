using System.Net;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>Deliveries that arrive together are processed together: one contact and conversation per customer, each message once.</summary>
[Collection(SharedApp.Second)]
public sealed class WebhookBatchTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Concurrent_deliveries_from_new_customers_with_redeliveries_store_each_message_once()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var bodies = new List<string>();
        for (var customer = 0; customer < 10; customer++)
        {
            var from = $"1555700{customer:D4}";
            for (var n = 0; n < 3; n++)
            {
                var body = Messages(metaId, Array(Contact(from, $"Customer {customer}")),
                    Array(Text($"wamid.batch{customer}-{n}-{admin.OrganizationId:N}", from, $"message {n}", start.AddSeconds(n))));
                bodies.Add(body);
                if (n == 1) bodies.Add(body);
            }
        }
        var client = factory.CreateClient();
        var responses = await Task.WhenAll(bodies.Select(b => client.SendAsync(Signed(b))));
        foreach (var r in responses) await r.ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        Assert.Equal(30, await db.Messages.CountAsync(m => m.OrganizationId == admin.OrganizationId));
        Assert.Equal(10, await db.Contacts.CountAsync(c => c.OrganizationId == admin.OrganizationId));
        var conversations = await db.Conversations.Where(c => c.OrganizationId == admin.OrganizationId).ToListAsync();
        Assert.Equal(10, conversations.Count);
        Assert.All(conversations, c => Assert.Equal(3, c.UnreadCount));
        Assert.All(conversations, c => Assert.Equal("message 2", c.LastMessagePreview));
        var deliveries = await db.WebhookDeliveries.Where(d => d.OrganizationId == admin.OrganizationId).ToListAsync();
        Assert.Equal(40, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(WebhookDeliveryStatus.PROCESSED, d.Status));
        Assert.Equal(30, deliveries.Sum(d => d.MessageCount));
    }
}
