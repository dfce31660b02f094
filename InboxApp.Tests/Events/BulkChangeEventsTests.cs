using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Events;

/// <summary>Records, per organization, the tag removals and conversation updates delivered to it through the outbox.</summary>
public sealed class BulkChangeRecorder : IDurableListener<ConversationTagRemoved>, IDurableListener<ConversationUpdated>
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<InboxEvent>> Heard = new();

    public static IReadOnlyCollection<InboxEvent> For(Guid organizationId) => Heard.TryGetValue(organizationId, out var q) ? q.ToArray() : [];

    public Task HandleAsync(ConversationTagRemoved e, CancellationToken ct) => Record(e);

    public Task HandleAsync(ConversationUpdated e, CancellationToken ct) => Record(e);

    private static Task Record(InboxEvent e)
    {
        Heard.GetOrAdd(e.OrganizationId, _ => new()).Enqueue(e);
        return Task.CompletedTask;
    }
}

/// <summary>Bulk changes (ExecuteUpdate/ExecuteDelete) deliver durable events; on the outbox classes' host, whose <see cref="BulkChangeRecorder"/> hears them.</summary>
[Collection(OutboxFactory.Collection)]
public sealed class BulkChangeEventsTests(OutboxFactory factory)
{
    [Fact]
    public async Task Deleting_a_tag_in_bulk_delivers_a_durable_tag_removed_event_for_each_conversation_it_was_on()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var (first, _, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId());
        var (second, _, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId());
        var created = await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "vip-" + Guid.NewGuid().ToString("N")[..6], color = "#dc2626" });
        await created.ShouldBe(HttpStatusCode.Created);
        var tag = (await created.Data()).GetProperty("id").GetGuid();
        foreach (var conversation in new[] { first, second })
            await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversation}/tags", new { tagId = tag })).ShouldBe(HttpStatusCode.OK);

        await (await admin.Client.DeleteAsync($"/api/v1/tags/{tag}")).ShouldBe(HttpStatusCode.NoContent);

        await EventsTestData.EventuallyAsync(() => BulkChangeRecorder.For(admin.OrganizationId).OfType<ConversationTagRemoved>().Count(e => e.TagId == tag) == 2,
            because: "both removals are delivered to the durable listener");
        Assert.Equal(new[] { first, second }.Order(), BulkChangeRecorder.For(admin.OrganizationId).OfType<ConversationTagRemoved>()
            .Where(e => e.TagId == tag).Select(e => e.ConversationId).Order());
        await using var db = factory.SystemDb();
        Assert.Equal(2, await db.OutboxDeliveries.CountAsync(d => d.OrganizationId == admin.OrganizationId && d.EventType == nameof(ConversationTagRemoved)
            && d.Listener == nameof(BulkChangeRecorder)));
    }

    [Fact]
    public async Task Hiding_a_message_in_bulk_delivers_a_durable_conversation_update_and_another_organization_cannot_hide_it()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var (conversationId, messageId, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId());
        await factory.DrainWebhooksAsync();
        var before = BulkChangeRecorder.For(admin.OrganizationId).OfType<ConversationUpdated>().Count();
        var other = await factory.RegisterOrganizationAsync();

        await (await other.Client.PostAsync($"/api/v1/messages/{messageId}/toggle-hide", null)).ShouldBe(HttpStatusCode.NotFound);
        await (await admin.Client.PostAsync($"/api/v1/messages/{messageId}/toggle-hide", null)).ShouldBe(HttpStatusCode.OK);

        await EventsTestData.EventuallyAsync(() => BulkChangeRecorder.For(admin.OrganizationId).OfType<ConversationUpdated>().Count() > before,
            because: "the hide is delivered to the durable listener");
        Assert.Contains(BulkChangeRecorder.For(admin.OrganizationId), e => e is ConversationUpdated && e.ConversationId == conversationId);
        Assert.Empty(BulkChangeRecorder.For(other.OrganizationId));
    }
}
