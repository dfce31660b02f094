using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InboxApp.Core.Messaging;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.OutgoingWebhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Bench;

/// <summary>
/// Partner (outgoing) webhooks: the real app on Kestrel and a partner endpoint (Kestrel on loopback answering 200).
/// 1. Latency: signed inbound WhatsApp deliveries posted at <c>rate</c>/s for <c>seconds</c>; for each, the time from the
///    post to the moment the partner endpoint received its <c>message.received</c> (ingest, process, outbox, fan-out, send).
/// 2. Throughput: <c>rows</c> delivery rows (one per conversation, so none waits for another) stored at once; deliveries/s
///    until the endpoint has all of them.
/// </summary>
public static class PartnerWebhookScenario
{
    private const string AppSecret = "bench-app-secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = int.TryParse(args.ElementAtOrDefault(0), out var s) ? s : 10;
        var rate = int.TryParse(args.ElementAtOrDefault(1), out var r) ? r : 50;
        var rows = int.TryParse(args.ElementAtOrDefault(2), out var n) ? n : 5000;
        var dataDir = Path.Combine(Path.GetTempPath(), "inbox-bench-" + Guid.NewGuid().ToString("N"));
        var postgres = Environment.GetEnvironmentVariable("BENCH_DB") == "Postgres";
        string? pgDatabase = null, pgConnection = null;
        if (postgres)
        {
            pgDatabase = "inbox_bench_" + Guid.NewGuid().ToString("N");
            pgConnection = WebhookScenario.CreatePostgresDatabase(WebhookScenario.AdminConnection(), pgDatabase);
        }
        Console.WriteLine($"partner-webhooks: {(postgres ? "PostgreSQL" : "SQLite")}, {seconds} s at {rate}/s, then {rows} rows, {Environment.ProcessorCount} cores, load {WebhookScenario.Load()}");

        var arrivals = new ConcurrentDictionary<string, long>();
        var receivedCount = 0;
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        receiverBuilder.Logging.ClearProviders();
        var receiver = receiverBuilder.Build();
        receiver.MapPost("/hook", async (HttpContext context) =>
        {
            var at = Stopwatch.GetTimestamp();
            using var doc = await JsonDocument.ParseAsync(context.Request.Body);
            Interlocked.Increment(ref receivedCount);
            if (doc.RootElement.GetProperty("data").TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("waMessageId", out var wamid) && wamid.GetString() is { } id)
                arrivals.TryAdd(id, at);
            return Results.Ok();
        });
        await receiver.StartAsync();
        var hookUrl = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

        var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Storage:DataDirectory", dataDir);
            b.UseSetting("Auth:PublicBaseUrl", BenchSignup.PublicBaseUrl);
            b.UseSetting("Bootstrap:SuperAdminPassword", "Bench-Password-1");
            b.UseSetting("Api:AuthRequestsPerMinute", "1000000");
            b.UseSetting("Api:AuthRequestsPerAccountPerMinute", "1000000");
            b.UseSetting("Jobs:Enabled", "false");
            b.UseSetting("WhatsApp:AppSecret", AppSecret);
            b.UseSetting("OutgoingWebhooks:AllowPrivateTargets", "true");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            if (postgres)
            {
                b.UseSetting("Database:Provider", "Postgres");
                b.UseSetting("ConnectionStrings:Inbox", pgConnection);
            }
        });
        try
        {
            factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            var (org, metaId) = await SeedAsync(factory, client, dataDir);
            var hooks = factory.Services.GetRequiredService<OutgoingWebhookService>();
            var hook = await hooks.CreateAsync(new Actor(null, org, UserRole.ADMIN), hookUrl, [OutgoingWebhookEvents.MessageReceived], null);

            // 1. Latency, inbound webhook → partner delivery, at a fixed rate (each post on its own schedule).
            await PostAllAsync(client, metaId, "warm", Math.Min(rate, 20) * 3, rate);
            await WaitAsync(() => arrivals.Count >= Math.Min(rate, 20) * 3, TimeSpan.FromMinutes(2));
            arrivals.Clear();
            var posted = await PostAllAsync(client, metaId, "m", seconds * rate, rate);
            await WaitAsync(() => posted.Keys.All(arrivals.ContainsKey), TimeSpan.FromMinutes(5));
            var latencies = posted.Select(p => Stopwatch.GetElapsedTime(p.Value, arrivals[p.Key]).TotalMilliseconds).Order().ToArray();
            double P(double q) => latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Length) - 1, 0, latencies.Length - 1)];
            Console.WriteLine($"  latency inbound webhook → partner delivery: {latencies.Length} messages at {rate}/s  p50 {P(0.5):F1} ms  p95 {P(0.95):F1} ms  p99 {P(0.99):F1} ms  max {P(1):F1} ms");

            // 2. Throughput: rows stored at once, sent by the worker.
            var before = receivedCount;
            var now = DateTimeOffset.UtcNow;
            await using (var db = factory.Services.GetRequiredService<InboxDb>().For(org))
            {
                for (var i = 0; i < rows; i++)
                    db.Add(new OutgoingWebhookDelivery
                    {
                        OrganizationId = org, WebhookId = hook.Id, SourceEventId = Guid.NewGuid(), EventType = OutgoingWebhookEvents.MessageReceived,
                        OrderKey = Guid.NewGuid(), Payload = $$$"""{"type":"message.received","data":{"n":{{{i}}}}}""", Status = OutgoingWebhookDeliveryStatus.PENDING,
                        CreatedAt = now, NextAttemptAt = now, GiveUpAt = now.AddDays(1),
                    });
                await db.SaveChangesAsync();
            }
            var clock = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            factory.Services.GetRequiredService<OutgoingWebhookWorkSignal>().Notify();
            await WaitAsync(() => receivedCount - before >= rows, TimeSpan.FromMinutes(10));
            var elapsed = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine($"  throughput: {rows} deliveries in {elapsed.TotalSeconds:F2} s = {rows / elapsed.TotalSeconds:F0} /s; CPU {cpu.TotalMilliseconds / rows:F3} ms per delivery (app, receiver and bench together); load after {WebhookScenario.Load()}");
            return 0;
        }
        finally
        {
            await factory.DisposeAsync();
            await receiver.DisposeAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
            if (pgDatabase is not null) WebhookScenario.DropPostgresDatabase(WebhookScenario.AdminConnection(), pgDatabase);
        }
    }

    /// <summary>Posts <paramref name="count"/> inbound messages at <paramref name="rate"/>/s; the post time of each, by its wamid.</summary>
    private static async Task<Dictionary<string, long>> PostAllAsync(HttpClient client, string metaId, string tag, int count, int rate)
    {
        var posted = new ConcurrentDictionary<string, long>();
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var wamid = $"wamid.partner.{tag}.{i}.{Guid.NewGuid():N}";
            var customer = 15550000000 + i % 500;
            tasks.Add(Task.Run(async () =>
            {
                var body = $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{metaId}}}"},"contacts":[{"profile":{"name":"Customer {{{customer}}}"},"wa_id":"{{{customer}}}"}],"messages":[{"from":"{{{customer}}}","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"Partner benchmark {{{i}}}"}}]},"field":"messages"}]}]}""";
                var bytes = Encoding.UTF8.GetBytes(body);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Add(InboxApp.Core.Channels.WhatsApp.WebhookSignature.HeaderName, InboxApp.Core.Channels.WhatsApp.WebhookSignature.Sign(bytes, AppSecret));
                posted[wamid] = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }));
        }
        await Task.WhenAll(tasks);
        return new Dictionary<string, long>(posted);
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The partner endpoint did not receive everything in time");
            await Task.Delay(5);
        }
    }

    private static async Task<(Guid Org, string MetaId)> SeedAsync(WebApplicationFactory<global::Program> factory, HttpClient client, string dataDir)
    {
        var email = $"bench-{Guid.NewGuid():N}@bench.test";
        var data = await BenchSignup.RegisterAsync(client, dataDir, "Bench Org", "Bench", email, "Bench-Password-1");
        var org = Guid.Parse(data.GetProperty("user").GetProperty("organizationId").GetString()!);
        var metaId = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();
        var now = DateTimeOffset.UtcNow;
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(org);
        var account = new WhatsAppAccount { WabaId = "102290129340398", Alias = "Bench", CreatedAt = now, UpdatedAt = now, AppSubscribed = true };
        db.WhatsAppAccounts.Add(account);
        db.PhoneNumbers.Add(new PhoneNumber
        {
            AccountId = account.Id, MetaPhoneNumberId = metaId, DisplayPhoneNumber = "+1 555-078-3881", VerifiedName = "Bench",
            RegistrationStatus = RegistrationStatus.REGISTERED, CanReceiveMessages = true, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync();
        return (org, metaId);
    }
}
