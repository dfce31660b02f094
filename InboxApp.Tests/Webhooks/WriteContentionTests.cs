using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Webhooks;

/// <summary>
/// The app with SQLite's busy timeout cut to 50 ms: what a loaded machine does to the 5 s default (a writer's turn comes
/// late), made to happen on a quiet one.
/// </summary>
public sealed class ShortBusyTimeoutFactory : InboxAppFactory
{
    public ShortBusyTimeoutFactory() => WithoutJobs().With("Database:SqliteBusyTimeoutMs", "50");
}

/// <summary>
/// Writers of one process take turns on the database instead of racing for SQLite's lock: webhook processing and API writes
/// running at the same time never fail with "database is locked" (which used to fail deliveries and make the sandbox
/// answer 503 under load).
/// </summary>
[RunsLong(7)]
public sealed class WriteContentionTests(ShortBusyTimeoutFactory factory) : IClassFixture<ShortBusyTimeoutFactory>
{
    private const int Writers = 8;
    private const int Customers = 50;

    [Fact]
    public async Task A_sandbox_batch_is_processed_while_api_writers_keep_the_database_busy_and_no_write_fails()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Contention" })).ShouldBe(HttpStatusCode.Created);

        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var written = 0;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = $"busy {w}-{i}", color = "#2563eb" });
                if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref written);
                else failures.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        })).ToList();

        HttpResponseMessage batch;
        try
        {
            batch = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/batch", new
            {
                conversations = Enumerable.Range(0, Customers).Select(i => new
                {
                    contact = new { name = $"Busy customer {i}", phone = $"1415555{i:D4}" },
                    messages = new[] { $"Hello {i}" },
                }),
            });
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        // The sandbox answers 503 when a delivery failed (it is retried later, but the request has given up on it).
        await batch.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(Customers, (await batch.Data()).GetArrayLength());
        Assert.True(failures.IsEmpty, $"{failures.Count} API writes failed, the first: {failures.FirstOrDefault()}");
        Assert.True(written > 0);
        await using var db = factory.SystemDb();
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.OrganizationId == admin.OrganizationId)
            .Select(d => new { d.Status, d.Attempts, d.Error }).ToListAsync();
        Assert.Equal(Customers, deliveries.Count);
        // Each processed at its first attempt: none failed on the lock and waited for a retry.
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryStatus.PROCESSED, 1, (string?)null), (d.Status, d.Attempts, d.Error)));
        Assert.Equal(Customers, await db.Conversations.CountAsync(c => c.OrganizationId == admin.OrganizationId));
    }
}
