using System.Net;
using System.Text.Json.Nodes;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Events;

[Collection(OutboxFactory.Collection)]
public sealed class OutboxDeliveryTests(OutboxFactory factory)
{
    private const string Flaky = nameof(FlakyContactListener);

    private async Task<OutboxDelivery> RowAsync(Guid organizationId)
    {
        await using var db = factory.SystemDb();
        return await db.OutboxDeliveries.AsNoTracking().SingleAsync(d => d.OrganizationId == organizationId && d.Listener == Flaky);
    }

    private async Task<OutboxDelivery> RowWhenAsync(Guid organizationId, OutboxDeliveryStatus status)
    {
        await EventsTestData.EventuallyAsync(async () => (await RowAsync(organizationId)).Status == status, because: $"the delivery becomes {status}");
        return await RowAsync(organizationId);
    }

    [Fact]
    public async Task A_durable_event_is_written_in_the_changes_transaction_and_survives_a_restart_before_delivery()
    {
        var first = new InboxAppFactory().With("Events:WorkerEnabled", "false");
        var admin = await first.RegisterOrganizationAsync();
        var (_, phoneNumberId, metaId) = await first.SeedNumberAsync(admin.OrganizationId);
        var body = Envelope("1022" + metaId[..8], ("phone_number_quality_update",
            new JsonObject { ["display_phone_number"] = "1555" + metaId[..7], ["event"] = "FLAGGED", ["current_limit"] = "TIER_1K" }));
        await (await first.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await first.DrainWebhooksAsync(outbox: false);

        await using (var db = first.SystemDb())
        {
            Assert.Equal("FLAGGED", (await db.PhoneNumbers.SingleAsync(p => p.Id == phoneNumberId)).QualityRating);
            var row = await db.OutboxDeliveries.SingleAsync(d => d.OrganizationId == admin.OrganizationId && d.Listener == nameof(QualityAlertListener));
            Assert.Equal((nameof(PhoneNumberQualityChanged), nameof(QualityAlertListener), OutboxDeliveryStatus.PENDING, 0),
                (row.EventType, row.Listener, row.Status, row.Attempts));
            Assert.False(await db.Set<ChannelAlert>().AnyAsync(a => a.OrganizationId == admin.OrganizationId));
        }

        using var restarted = first.Restart().With("Events:WorkerEnabled", "true");
        await EventsTestData.EventuallyAsync(async () =>
        {
            await using var db = restarted.SystemDb();
            return await db.OutboxDeliveries.AnyAsync(d => d.OrganizationId == admin.OrganizationId && d.Listener == nameof(QualityAlertListener) && d.Status == OutboxDeliveryStatus.DELIVERED);
        }, because: "the restarted app delivers the stored event");
        await using var after = restarted.SystemDb();
        var alert = await after.Set<ChannelAlert>().SingleAsync(a => a.OrganizationId == admin.OrganizationId);
        Assert.Equal((ChannelAlertKind.QUALITY, phoneNumberId), (alert.Kind, alert.PhoneNumberId));
    }

    [Fact]
    public async Task A_failing_durable_listener_is_retried_with_growing_back_off_until_it_succeeds()
    {
        var admin = await factory.RegisterOrganizationAsync();
        FlakyContactListener.FailuresWanted[admin.OrganizationId] = 2;
        var contactId = await factory.NewCustomerWritesAsync(admin.OrganizationId, drainOutbox: false);

        var row = await RowWhenAsync(admin.OrganizationId, OutboxDeliveryStatus.DELIVERED);
        Assert.Equal(3, row.Attempts);
        Assert.Equal("Flaky listener failure 2", row.LastError);
        Assert.Contains(contactId.ToString(), row.Payload);
        var attempts = FlakyContactListener.AttemptsOf(admin.OrganizationId);
        Assert.Equal(3, attempts.Count);
        // Base 50 ms: the first retry waits at least 100 ms, the second at least 200 ms.
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromMilliseconds(95), $"first retry after {(attempts[1] - attempts[0]).TotalMilliseconds} ms");
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(195), $"second retry after {(attempts[2] - attempts[1]).TotalMilliseconds} ms");
        // The in-process listener of the same event was not held back by the failing one.
        Assert.Contains(ContactRecorder.For(admin.OrganizationId), h => h.ContactId == contactId);
    }

    [Fact]
    public async Task A_durable_listener_that_keeps_failing_is_poisoned_after_the_configured_attempts_and_a_replay_delivers_it()
    {
        var admin = await factory.RegisterOrganizationAsync();
        FlakyContactListener.FailuresWanted[admin.OrganizationId] = 1000;
        await factory.NewCustomerWritesAsync(admin.OrganizationId, drainOutbox: false);

        var poisoned = await RowWhenAsync(admin.OrganizationId, OutboxDeliveryStatus.POISON);
        Assert.Equal(OutboxFactory.MaxAttempts, poisoned.Attempts);
        Assert.Equal($"Flaky listener failure {OutboxFactory.MaxAttempts}", poisoned.LastError);
        await Task.Delay(300);
        Assert.Equal(OutboxFactory.MaxAttempts, FlakyContactListener.AttemptsOf(admin.OrganizationId).Count);

        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var listed = await (await root.Client.GetAsync($"/api/v1/admin/outbox?status=POISON&organizationId={admin.OrganizationId}")).Data();
        var item = Assert.Single(listed.EnumerateArray());
        Assert.Equal(poisoned.Id, item.GetProperty("id").GetGuid());
        Assert.Equal("Flaky listener failure 3", item.GetProperty("lastError").GetString());

        FlakyContactListener.FailuresWanted[admin.OrganizationId] = OutboxFactory.MaxAttempts; // the cause is fixed
        var replayed = await (await root.Client.PostAsync($"/api/v1/admin/outbox/{poisoned.Id}/replay", null)).Data();
        Assert.Equal("PENDING", replayed.GetProperty("status").GetString());
        var delivered = await RowWhenAsync(admin.OrganizationId, OutboxDeliveryStatus.DELIVERED);
        Assert.Equal(1, delivered.Attempts);
        Assert.NotNull(delivered.DeliveredAt);
    }
}
