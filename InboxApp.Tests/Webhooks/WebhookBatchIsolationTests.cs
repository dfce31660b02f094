using System.Collections.Concurrent;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Events;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>
/// The app with a processor that throws for any batch holding a payload with "POISON" in it (as an unforeseen payload would),
/// and a clock the test can hold (<see cref="HoldableClock"/>): a host of its own, as both change what every delivery of the
/// host meets.
/// </summary>
public sealed class PoisonedProcessorFactory : InboxAppFactory
{
    public PoisonedProcessorFactory() => WithoutJobs();

    public PoisonedProcessor? Processor { get; private set; }

    public HoldableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IWebhookProcessor>(sp => Processor = new PoisonedProcessor(sp.GetRequiredService<WhatsAppInboundProcessor>()));
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

/// <summary>
/// The system clock, except while held: then the app's "now" stays at the instant of <see cref="Hold"/> (timers and
/// timestamps still run), so nothing that waits for a later moment becomes due meanwhile, such as a failed delivery's retry.
/// </summary>
public sealed class HoldableClock : TimeProvider
{
    private long heldTicks;

    public override DateTimeOffset GetUtcNow() =>
        Interlocked.Read(ref heldTicks) is var held && held != 0 ? new DateTimeOffset(held, TimeSpan.Zero) : base.GetUtcNow();

    public void Hold() => Interlocked.Exchange(ref heldTicks, base.GetUtcNow().UtcTicks);

    public void Release() => Interlocked.Exchange(ref heldTicks, 0);
}

public sealed class PoisonedProcessor(WhatsAppInboundProcessor inner) : IWebhookProcessor
{
    public ConcurrentQueue<IReadOnlyList<string>> Batches { get; } = new();

    public Task<IReadOnlyList<WebhookResult>> ProcessBatchAsync(IReadOnlyList<string> payloads, CancellationToken ct = default)
    {
        Batches.Enqueue(payloads.ToList());
        if (payloads.Any(p => p.Contains("POISON"))) throw new InvalidOperationException("This payload poisons the processor");
        return inner.ProcessBatchAsync(payloads, ct);
    }
}

[RunsLong(6)]
public sealed class WebhookBatchIsolationTests(PoisonedProcessorFactory factory) : IClassFixture<PoisonedProcessorFactory>
{
    [Fact]
    public async Task A_delivery_that_throws_fails_alone_with_its_reason_while_the_rest_of_its_batch_from_other_organizations_is_stored_and_it_retries_alone()
    {
        var organizations = new List<Guid>();
        var rows = new List<WebhookDelivery>();
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var o = 0; o < 3; o++)
        {
            var admin = await factory.RegisterOrganizationAsync();
            organizations.Add(admin.OrganizationId);
            var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
            for (var n = 0; n < 2; n++)
            {
                var from = $"155580{o}{n}000";
                rows.Add(Delivery(Messages(metaId, Array(Contact(from, $"Customer {o}-{n}")),
                    Array(Text($"wamid.isolation-{o}-{n}-{Guid.NewGuid():N}", from, $"good {o}-{n}", at))), at.AddMilliseconds(rows.Count)));
            }
            if (o == 1)
                rows.Add(Delivery(Messages(metaId, Array(Contact("15558099999", "Odd")),
                    Array(Text($"wamid.isolation-poison-{Guid.NewGuid():N}", "15558099999", "POISON", at))), at.AddMilliseconds(rows.Count)));
        }
        var poison = rows.Single(r => r.Payload.Contains("POISON"));

        // The app's clock is held from here until the first outcome is checked: the failed delivery's retry (due 2 s after
        // its failure) cannot come before the assertions below read its first attempt, however slowly a loaded machine gets
        // to them (it did: 2 attempts instead of 1, sessions 11 and 14).
        factory.Clock.Hold();
        try
        {
            // Stored in one commit, so the worker claims them as one batch.
            await using (var db = factory.SystemDb())
            {
                db.WebhookDeliveries.AddRange(rows);
                await db.SaveChangesAsync();
            }
            factory.Services.GetRequiredService<WebhookWorkSignal>().Notify();
            await factory.DrainWebhooksAsync();

            await using (var db = factory.SystemDb())
            {
                var stored = await db.WebhookDeliveries.AsNoTracking().Where(d => rows.Select(r => r.Id).Contains(d.Id)).ToDictionaryAsync(d => d.Id);
                Assert.All(rows.Where(r => r != poison), r => Assert.Equal((WebhookDeliveryStatus.PROCESSED, 1, 1), (stored[r.Id].Status, stored[r.Id].Attempts, stored[r.Id].MessageCount)));
                var failed = stored[poison.Id];
                Assert.Equal((WebhookDeliveryStatus.FAILED, 1, "This payload poisons the processor"), (failed.Status, failed.Attempts, failed.Error));
                Assert.NotNull(failed.NextAttemptAt);
                foreach (var organization in organizations)
                    Assert.Equal(2, await db.Messages.CountAsync(m => m.OrganizationId == organization));
            }
            Assert.Equal(rows.Count, factory.Processor!.Batches.First().Count);
        }
        finally
        {
            factory.Clock.Release();
        }

        // The retry comes after its back-off (2 s) and takes the bad delivery alone.
        await EventsTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            return await db.WebhookDeliveries.AnyAsync(d => d.Id == poison.Id && d.Attempts == 2);
        }, TimeSpan.FromSeconds(15), "the failed delivery is retried");
        var poisonBatches = factory.Processor!.Batches.Where(b => b.Any(p => p.Contains("POISON"))).ToList();
        Assert.True(poisonBatches.Count >= 3);
        Assert.All(poisonBatches.Skip(1), b => Assert.Single(b));
        await using (var db = factory.SystemDb())
            Assert.All(await db.WebhookDeliveries.Where(d => d.Id != poison.Id && rows.Select(r => r.Id).Contains(d.Id)).ToListAsync(), d => Assert.Equal(1, d.Attempts));
    }

    private static WebhookDelivery Delivery(string payload, DateTimeOffset receivedAt) => new() { Payload = payload, ReceivedAt = receivedAt };
}
