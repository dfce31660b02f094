using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InboxApp.Core.Messaging;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Data;
using InboxApp.Core.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InboxApp.Bench;

/// <summary>
/// Webhook ingestion over loopback HTTP: the real app on Kestrel, signed deliveries (one inbound text message each, from a
/// pool of customers) posted by <c>concurrency</c> workers for <c>seconds</c>. Reports acknowledged deliveries/s with p50 and
/// p99 acknowledgement latency, then processed messages/s until the backlog drains, then GET /health with the same client
/// and concurrency for the ratio.
/// </summary>
public static class WebhookScenario
{
    private const string AppSecret = "bench-app-secret";
    private const int Customers = 2000;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = int.TryParse(args.ElementAtOrDefault(0), out var s) ? s : 10;
        var concurrency = int.TryParse(args.ElementAtOrDefault(1), out var c) ? c : 64;
        // 0: as fast as the workers can go (closed loop); otherwise deliveries are sent on a fixed schedule of this many per second.
        var rate = int.TryParse(args.ElementAtOrDefault(2), out var r) ? r : 0;
        var dataDir = Path.Combine(Path.GetTempPath(), "inbox-bench-" + Guid.NewGuid().ToString("N"));
        var postgres = Environment.GetEnvironmentVariable("BENCH_DB") == "Postgres";
        string? pgDatabase = null;
        string? pgConnection = null;
        if (postgres)
        {
            pgDatabase = "inbox_bench_" + Guid.NewGuid().ToString("N");
            pgConnection = CreatePostgresDatabase(AdminConnection(), pgDatabase);
        }

        Console.WriteLine($"webhooks: {(postgres ? "PostgreSQL" : "SQLite")}, {seconds} s, concurrency {concurrency}, {(rate > 0 ? $"{rate}/s offered" : "unthrottled")}, {Environment.ProcessorCount} cores, load {Load()}");
        var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Storage:DataDirectory", dataDir);
            b.UseSetting("Auth:PublicBaseUrl", BenchSignup.PublicBaseUrl);
            b.UseSetting("Bootstrap:SuperAdminPassword", "Bench-Password-1");
            b.UseSetting("Api:AuthRequestsPerMinute", "1000000");
            b.UseSetting("Api:AuthRequestsPerAccountPerMinute", "1000000");
            b.UseSetting("Api:RefreshRequestsPerMinute", "1000000");
            b.UseSetting("Jobs:Enabled", "false");
            b.UseSetting("WhatsApp:AppSecret", AppSecret);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            if (postgres)
            {
                b.UseSetting("Database:Provider", "Postgres");
                b.UseSetting("ConnectionStrings:Inbox", pgConnection);
            }
        });
        WebhookTimings.Enabled = true;
        QueryCompilations.Install();
        try
        {
            factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false })
            {
                BaseAddress = new Uri(address),
                Timeout = TimeSpan.FromSeconds(30),
            };
            var metaId = await SeedAsync(factory, client, dataDir);

            await Warm(client, metaId, concurrency);
            await DrainAsync(factory, DateTime.UtcNow);
            var outboxRows0 = await OutboxRowsAsync(factory);
            InboxApp.Core.Events.OutboxTimings.Enabled = true;
            InboxApp.Core.Events.OutboxTimings.Reset();
            var cpu0 = Cpu();
            var send = await LoadAsync(client, TimeSpan.FromSeconds(seconds), concurrency, (i, ct) => PostDeliveryAsync(client, metaId, i, ct), rate);
            var cpuSend = Cpu() - cpu0;
            var backlogAtEnd = await BacklogAsync(factory);
            WebhookTimings.Reset();
            QueryCompilations.Instance.Counting = true;
            var jitted0 = System.Runtime.JitInfo.GetCompiledMethodCount();
            Console.WriteLine($"  sending stopped with {backlogAtEnd} deliveries to process; draining");
            var drained = await DrainAsync(factory, send.Started);
            var cpuDrain = Cpu() - cpu0 - cpuSend;
            var phases = WebhookTimings.Summary();
            QueryCompilations.Instance.Counting = false;
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted0;
            var messages = await CountMessagesAsync(factory);
            var outboxLeft = await OutboxBacklogAsync(factory);
            var outboxDrained = await DrainOutboxAsync(factory, send.Started);
            var cpuOutbox = Cpu() - cpu0 - cpuSend - cpuDrain;
            var outboxWritten = await OutboxRowsAsync(factory) - outboxRows0;
            var outboxPhases = InboxApp.Core.Events.OutboxTimings.Summary();
            await WebhookRoutingSeed.ReportAsync(factory.Services); // BENCH_ROUTING_RULES: until routing caught up

            var cpu1 = Cpu();
            var health = await LoadAsync(client, TimeSpan.FromSeconds(Math.Max(3, seconds / 2)), concurrency, (_, ct) => client.GetAsync("/health", ct));
            var cpuHealth = Cpu() - cpu1;

            var ackRate = send.Count / send.Elapsed.TotalSeconds;
            Console.WriteLine($"  acknowledged  {send.Count,8} deliveries  {ackRate,9:F0} /s  p50 {send.P(0.50),6:F2} ms  p99 {send.P(0.99),6:F2} ms  max {send.P(1),7:F2} ms  errors {send.Errors}");
            Console.WriteLine($"  backlog when sending stopped: {backlogAtEnd} deliveries; drained {drained.TotalSeconds:F2} s after the first post");
            Console.WriteLine($"  event outbox when the deliveries had drained: {outboxLeft} rows not yet delivered to their durable listeners; "
                + (outboxDrained is { } od ? $"outbox drained {od.TotalSeconds:F2} s after the first post" : "outbox NOT drained within 5 minutes")
                + $" ({cpuOutbox.TotalMilliseconds:F0} ms CPU meanwhile)");
            Console.WriteLine($"  event outbox rows written while sending: {outboxWritten} ({outboxWritten / (double)Math.Max(1, send.Count):F2} per delivery)");
            Console.WriteLine($"  processed     {messages,8} messages    {messages / drained.TotalSeconds,9:F0} /s  (from the first post until the backlog drained)");
            Console.WriteLine($"  GET /health   {health.Count,8} requests    {health.Count / health.Elapsed.TotalSeconds,9:F0} /s  p50 {health.P(0.50),6:F2} ms  p99 {health.P(0.99),6:F2} ms");
            Console.WriteLine($"  ratio acknowledged/health: {ackRate / (health.Count / health.Elapsed.TotalSeconds):F3}   load after: {Load()}");
            // CPU of this process (server and client together): less sensitive than rates to other programs on the machine.
            Console.WriteLine($"  CPU: {cpuSend.TotalMilliseconds / send.Count:F3} ms per acknowledged delivery while sending (processing runs meanwhile), "
                + $"{cpuDrain.TotalMilliseconds / Math.Max(1, backlogAtEnd):F3} ms per delivery processed after sending stopped, "
                + $"{cpuHealth.TotalMilliseconds / Math.Max(1, health.Count):F3} ms per GET /health");
            Console.WriteLine($"  worker after sending stopped: {phases}");
            Console.WriteLine($"  outbox worker from the first post: {outboxPhases}");
            Console.WriteLine($"  while draining: {jitted} methods JIT-compiled; EF Core query compilations {QueryCompilations.Instance.Summary()}");
            return send.Errors == 0 && messages == send.Count ? 0 : 1;
        }
        finally
        {
            await factory.DisposeAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
            if (pgDatabase is not null) DropPostgresDatabase(AdminConnection(), pgDatabase);
        }
    }

    private sealed record Run(int Count, int Errors, TimeSpan Elapsed, DateTime Started, double[] Latencies)
    {
        public double P(double q) => Latencies.Length == 0 ? 0 : Latencies[Math.Clamp((int)Math.Ceiling(q * Latencies.Length) - 1, 0, Latencies.Length - 1)];
    }

    /// <summary>
    /// Runs <paramref name="call"/> from <paramref name="concurrency"/> workers for <paramref name="duration"/>; latencies of the
    /// successes. With a <paramref name="rate"/>, call i is due at start + i / rate and its latency counts from that moment (a
    /// late send counts as waiting), so a server that falls behind shows it.
    /// </summary>
    private static async Task<Run> LoadAsync(HttpClient client, TimeSpan duration, int concurrency, Func<long, CancellationToken, Task<HttpResponseMessage>> call,
        int rate = 0)
    {
        long sequence = 0;
        var errors = 0;
        var latencies = new List<double>[concurrency];
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref sequence);
                var t0 = Stopwatch.GetTimestamp();
                if (rate > 0)
                {
                    var due = TimeSpan.FromSeconds((double)(i - 1) / rate);
                    if (due >= duration) break;
                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                    t0 = Stopwatch.GetTimestamp() - (long)((clock.Elapsed - due).TotalSeconds * Stopwatch.Frequency);
                }
                using var response = await call(i, CancellationToken.None);
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.OK) mine.Add(ms);
                else Interlocked.Increment(ref errors);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = rate > 0 ? duration : clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Run(all.Length, errors, elapsed, started, all);
    }

    private static Task<HttpResponseMessage> PostDeliveryAsync(HttpClient client, string metaId, long i, CancellationToken ct)
    {
        var customer = 15550000000 + i % Customers;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{metaId}}}"},"contacts":[{"profile":{"name":"Customer {{{customer}}}"},"wa_id":"{{{customer}}}"}],"messages":[{"from":"{{{customer}}}","id":"wamid.bench{{{i}}}.{{{Guid.NewGuid():N}}}","timestamp":"{{{now}}}","type":"text","text":{"body":"Hello, this is message {{{i}}} of the benchmark"}}]},"field":"messages"}]}]}""";
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(bytes, AppSecret));
        return client.SendAsync(request, ct);
    }

    /// <summary>
    /// JIT tiering, connection pool and the customers' first conversations: unmeasured seconds of the same load
    /// (<c>BENCH_WARMUP</c>, default 5) and a second of GET /health, drained before measuring.
    /// </summary>
    private static async Task Warm(HttpClient client, string metaId, int concurrency)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WARMUP"), out var w) ? w : 5;
        await LoadAsync(client, TimeSpan.FromSeconds(seconds), concurrency, (i, ct) => PostDeliveryAsync(client, metaId, -i, ct));
        await LoadAsync(client, TimeSpan.FromSeconds(1), concurrency, (_, ct) => client.GetAsync("/health", ct));
    }

    private static async Task<string> SeedAsync(WebApplicationFactory<global::Program> factory, HttpClient client, string dataDir)
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
        await WebhookRoutingSeed.ApplyAsync(factory.Services, org); // BENCH_ROUTING_RULES: rules and a team of online agents
        return metaId;
    }

    private static async Task<int> BacklogAsync(WebApplicationFactory<global::Program> factory)
    {
        await using var db = factory.Services.GetRequiredService<InboxDb>().System();
        // One count per status, each through its partial index (an OR of the two would read the whole table).
        return await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.PENDING)
            + await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.PROCESSING);
    }

    /// <summary>Polls until nothing is pending; returns the time from <paramref name="started"/> to the drain.</summary>
    private static async Task<TimeSpan> DrainAsync(WebApplicationFactory<global::Program> factory, DateTime started)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (await BacklogAsync(factory) > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The backlog did not drain in 10 minutes");
            await Task.Delay(20);
        }
        return DateTime.UtcNow - started;
    }

    /// <summary>Outbox rows (durable listeners' events) still PENDING or PROCESSING: the listeners' own backlog.</summary>
    private static async Task<int> OutboxBacklogAsync(WebApplicationFactory<global::Program> factory)
    {
        await using var db = factory.Services.GetRequiredService<InboxDb>().System();
        return await db.OutboxDeliveries.CountAsync(d => d.Status == InboxApp.Core.Events.OutboxDeliveryStatus.PENDING)
            + await db.OutboxDeliveries.CountAsync(d => d.Status == InboxApp.Core.Events.OutboxDeliveryStatus.PROCESSING);
    }

    /// <summary>Polls until the outbox has nothing pending (at most 5 minutes); the time from <paramref name="started"/>, or null.</summary>
    private static async Task<TimeSpan?> DrainOutboxAsync(WebApplicationFactory<global::Program> factory, DateTime started)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await OutboxBacklogAsync(factory) > 0)
        {
            if (DateTime.UtcNow > deadline) return null;
            await Task.Delay(50);
        }
        return DateTime.UtcNow - started;
    }

    private static async Task<int> OutboxRowsAsync(WebApplicationFactory<global::Program> factory)
    {
        await using var db = factory.Services.GetRequiredService<InboxDb>().System();
        return await db.OutboxDeliveries.CountAsync();
    }

    private static async Task<int> CountMessagesAsync(WebApplicationFactory<global::Program> factory)
    {
        await using var db = factory.Services.GetRequiredService<InboxDb>().System();
        return await db.Messages.CountAsync(m => !m.WaMessageId!.StartsWith("wamid.bench-"));
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static string AdminConnection() =>
        Environment.GetEnvironmentVariable("BENCH_PG") is { Length: > 0 } cs ? cs : "Host=127.0.0.1;Port=5432;Username=inbox_test;Password=inbox_test;Database=postgres";

    internal static string CreatePostgresDatabase(string admin, string name)
    {
        using (var conn = new NpgsqlConnection(admin))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Drops the bench's database. This process's idle connections are closed first; then a plain DROP, which PostgreSQL
    /// lets wait for its own autovacuum workers (it stops them itself). <c>WITH (FORCE)</c> would terminate them, which needs
    /// rights over their role (<c>pg_signal_backend</c>) that the test role has not (42501), and the run ended in that error
    /// instead of its figures. A database that cannot be dropped within 30 s is left with a warning.
    /// </summary>
    internal static void DropPostgresDatabase(string admin, string name)
    {
        NpgsqlConnection.ClearAllPools();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var conn = new NpgsqlConnection(admin);
                conn.Open();
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", conn);
                cmd.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
            catch (PostgresException e)
            {
                Console.Error.WriteLine($"warning: the bench database {name} was not dropped ({e.SqlState}: {e.MessageText}); drop it by hand");
                return;
            }
        }
    }
}
