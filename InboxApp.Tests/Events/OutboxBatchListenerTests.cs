using System.Collections.Concurrent;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Events;

/// <summary>Records the calls it gets per organization (batch or single); a batch holding a contact of a poisoned organization throws.</summary>
public sealed class BatchContactListener : IDurableBatchListener<ContactCreated>
{
    public static readonly ConcurrentDictionary<Guid, bool> Poisoned = new();
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<(string Call, Guid[] Contacts)>> Calls = new();

    public static IReadOnlyList<(string Call, Guid[] Contacts)> CallsOf(Guid organizationId) => Calls.TryGetValue(organizationId, out var q) ? q.ToList() : [];

    public Task HandleAsync(ContactCreated e, CancellationToken ct)
    {
        Calls.GetOrAdd(e.OrganizationId, _ => new()).Enqueue(("single", [e.ContactId]));
        return Task.CompletedTask;
    }

    public Task HandleBatchAsync(IReadOnlyList<ContactCreated> events, CancellationToken ct)
    {
        foreach (var organization in events.GroupBy(e => e.OrganizationId))
            Calls.GetOrAdd(organization.Key, _ => new()).Enqueue(("batch", organization.Select(e => e.ContactId).ToArray()));
        if (events.Any(e => Poisoned.ContainsKey(e.OrganizationId))) throw new InvalidOperationException("This batch fails");
        return Task.CompletedTask;
    }
}

/// <summary>A durable batch listener (<see cref="BatchContactListener"/>), on the outbox classes' host.</summary>
[Collection(OutboxFactory.Collection)]
public sealed class OutboxBatchListenerTests(OutboxFactory factory)
{
    private const string Listener = nameof(BatchContactListener);

    /// <summary>Three new customers' deliveries, stored in one commit so the worker processes them in one batch (one commit, three events).</summary>
    private async Task<Guid> ThreeNewCustomersAsync(bool poisoned)
    {
        var admin = await factory.RegisterOrganizationAsync();
        if (poisoned) BatchContactListener.Poisoned[admin.OrganizationId] = true;
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using (var db = factory.SystemDb())
        {
            for (var i = 0; i < 3; i++)
            {
                var from = $"1555733{i:D4}";
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Payload = Messages(metaId, Array(Contact(from, $"Batch customer {i}")), Array(Text($"wamid.batch-{Guid.NewGuid():N}", from, "hello", at))),
                    ReceivedAt = at.AddMilliseconds(i),
                });
            }
            await db.SaveChangesAsync();
        }
        factory.Services.GetRequiredService<WebhookWorkSignal>().Notify();
        await factory.DrainWebhooksAsync();
        return admin.OrganizationId;
    }

    private async Task<List<OutboxDelivery>> RowsAsync(Guid organizationId)
    {
        await using var db = factory.SystemDb();
        return await db.OutboxDeliveries.AsNoTracking().Where(d => d.OrganizationId == organizationId && d.Listener == Listener).ToListAsync();
    }

    [Fact]
    public async Task The_events_of_one_claim_reach_a_batch_listener_in_one_call()
    {
        var organizationId = await ThreeNewCustomersAsync(poisoned: false);
        await EventsTestData.EventuallyAsync(async () => (await RowsAsync(organizationId)).All(r => r.Status == OutboxDeliveryStatus.DELIVERED),
            because: "the rows are delivered");
        var rows = await RowsAsync(organizationId);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        await using var db = factory.SystemDb();
        var contacts = await db.Contacts.Where(c => c.OrganizationId == organizationId).Select(c => c.Id).ToListAsync();
        var call = Assert.Single(BatchContactListener.CallsOf(organizationId));
        Assert.Equal("batch", call.Call);
        Assert.Equal(contacts.Order(), call.Contacts.Order());
    }

    [Fact]
    public async Task A_batch_that_throws_is_delivered_one_event_at_a_time_and_every_row_is_delivered_at_its_first_attempt()
    {
        var organizationId = await ThreeNewCustomersAsync(poisoned: true);
        await EventsTestData.EventuallyAsync(async () => (await RowsAsync(organizationId)).All(r => r.Status == OutboxDeliveryStatus.DELIVERED),
            because: "the rows are delivered one at a time");
        var rows = await RowsAsync(organizationId);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((1, (string?)null), (r.Attempts, r.LastError)));
        var calls = BatchContactListener.CallsOf(organizationId);
        Assert.Equal("batch", calls[0].Call);
        Assert.Equal(3, calls[0].Contacts.Length);
        Assert.Equal(rows.Count, calls.Count(c => c.Call == "single"));
    }
}
