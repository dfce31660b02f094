using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Events;
using InboxApp.Core.OutgoingWebhooks;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.PublicApi;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.OutgoingWebhooks;

/// <summary>
/// <c>phone.health_changed</c> from a health resync with Meta (queued by <c>GET /v1/phones/{id}/health</c>): once per real
/// change of what the health call reports, never for a resync that found the same values. Against the fake Graph API.
/// </summary>
[Collection(PartnerGraphApp.Name)]
public sealed class PhoneHealthWebhookTests(PartnerGraphApp app) : IAsyncLifetime
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    /// <summary>Asks for the number's health (which queues a resync) and waits until that resync stored its check.</summary>
    private async Task<DateTimeOffset> ResyncAsync(HttpClient key, Guid phoneId, DateTimeOffset? after)
    {
        Assert.True((await key.HealthAsync(phoneId)).GetProperty("resyncQueued").GetBoolean());
        DateTimeOffset? checkedAt = null;
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = Factory.SystemDb();
            checkedAt = await db.PhoneNumbers.Where(p => p.Id == phoneId).Select(p => p.HealthCheckedAt).SingleAsync();
            return checkedAt is { } c && (after is null || c > after);
        }, "the resync with Meta");
        return checkedAt!.Value;
    }

    private List<JsonElement> Received(string path) =>
        receiver.On(path).Where(r => r.AnsweredWith == 200).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    private static bool Can(JsonElement capabilities, string name) => capabilities.GetProperty(name).GetBoolean();

    [Fact]
    public async Task A_resync_that_changes_the_health_tells_the_partner_once_and_one_that_changes_nothing_tells_nobody()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var phone = Graph.Phones[number.MetaId];
        phone.Registered = true;
        Graph.Subscriptions[phone.WabaId] = new ConcurrentBag<string>([Graph.AppId]);
        var key = await Factory.ApiKeyClientAsync(admin);
        var (webhookId, secret) = await OutgoingWebhookDeliveryTests.RegisterAsync(admin, receiver.BaseUrl + "/health", OutgoingWebhookEvents.PhoneHealthChanged);

        // Stored without a messaging limit; Meta says TIER_1K: a change.
        var checkedAt = await ResyncAsync(key, number.Id, null);
        await MessagingTestData.EventuallyAsync(() => Task.FromResult(Received("/health").Count >= 1), "the first phone.health_changed");
        // Meta says the same again: nothing to tell.
        checkedAt = await ResyncAsync(key, number.Id, checkedAt);
        await using (var db = Factory.SystemDb())
            Assert.Equal(1, await db.OutboxDeliveries.CountAsync(d => d.OrganizationId == admin.OrganizationId && d.EventType == nameof(PhoneNumberHealthChanged)));
        // The quality drops to RED: templates are at risk, a second change.
        phone.QualityRating = "RED";
        await ResyncAsync(key, number.Id, checkedAt);
        await MessagingTestData.EventuallyAsync(() => Task.FromResult(Received("/health").Count >= 2), "the second phone.health_changed");

        var events = Received("/health");
        Assert.Equal(2, events.Count);
        foreach (var r in receiver.On("/health")) Assert.True(WebhookSignature.Verify(secret, r.Id, r.Timestamp, r.Body, r.Signature));
        Assert.All(events, e => Assert.Equal("phone.health_changed", e.GetProperty("type").GetString()));
        var first = events[0].GetProperty("data");
        Assert.Equal(number.Id, first.GetProperty("phoneId").GetGuid());
        Assert.Equal(("RESYNC", "TIER_1K"), (first.GetProperty("source").GetString(), first.GetProperty("limitTier").GetString()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previousLimitTier").ValueKind); // stored without one
        Assert.True(first.GetProperty("isRegistered").GetBoolean() && Can(first.GetProperty("capabilities"), "canSendTemplates"));
        var second = events[1].GetProperty("data");
        Assert.Equal(("GREEN", "RED"), (second.GetProperty("previousQuality").GetString(), second.GetProperty("quality").GetString()));
        Assert.True(Can(second.GetProperty("previousCapabilities"), "canSendTemplates"));
        Assert.False(Can(second.GetProperty("capabilities"), "canSendTemplates"));
        Assert.True(Can(second.GetProperty("capabilities"), "canSendMessages") && Can(second.GetProperty("capabilities"), "canReceiveMessages"));
        // The log holds the two, and no third waits behind them.
        var log = await (await admin.Client.GetAsync($"/v1/outgoing-webhooks/{webhookId}/deliveries")).Json();
        Assert.Equal(2, log.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_resync_of_an_unchanged_number_raises_nothing_and_another_organizations_partner_hears_nothing()
    {
        var quiet = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, quiet.OrganizationId);
        var phone = Graph.Phones[number.MetaId];
        phone.Registered = true;
        Graph.Subscriptions[phone.WabaId] = new ConcurrentBag<string>([Graph.AppId]);
        await using (var db = Factory.SystemDb())
            await db.PhoneNumbers.Where(p => p.Id == number.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.MessagingLimitTier, "TIER_1K").SetProperty(p => p.QualityRating, "GREEN"));
        var other = await Factory.RegisterOrganizationAsync();
        await OutgoingWebhookDeliveryTests.RegisterAsync(other, receiver.BaseUrl + "/other", OutgoingWebhookEvents.PhoneHealthChanged);
        await OutgoingWebhookDeliveryTests.RegisterAsync(quiet, receiver.BaseUrl + "/quiet", OutgoingWebhookEvents.PhoneHealthChanged);
        var key = await Factory.ApiKeyClientAsync(quiet);

        var checkedAt = await ResyncAsync(key, number.Id, null);
        await using (var db = Factory.SystemDb())
            Assert.False(await db.OutboxDeliveries.AnyAsync(d => d.OrganizationId == quiet.OrganizationId && d.EventType == nameof(PhoneNumberHealthChanged)));
        // A change now does reach this organization's endpoint, and only it.
        phone.MessagingLimitTier = "TIER_10K";
        await ResyncAsync(key, number.Id, checkedAt);
        await MessagingTestData.EventuallyAsync(() => Task.FromResult(Received("/quiet").Count >= 1), "the change");
        Assert.Equal(("TIER_1K", "TIER_10K"), (Received("/quiet")[0].GetProperty("data").GetProperty("previousLimitTier").GetString(),
            Received("/quiet")[0].GetProperty("data").GetProperty("limitTier").GetString()));
        Assert.Single(Received("/quiet"));
        Assert.Empty(receiver.On("/other"));
    }
}
