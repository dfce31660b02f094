using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Bench;

/// <summary>
/// A campaign of <c>recipients</c> sent by the real app (the Hangfire campaign job, <c>CampaignSender</c>, the real
/// <c>MessageSender</c> and Graph HTTP client) to <see cref="BenchGraphApi"/>, an in-process Graph API on a loopback port that
/// enforces Meta's limits: <c>rate</c> messages/s per sending number (130429 beyond it) and the pair rate per recipient
/// (131056), and records every message it accepted. The number's rate is set with <c>PATCH /whatsapp-accounts/phone-numbers/{id}</c>
/// to the same <c>rate</c>. Reports the achieved rate (first to last accepted send), its share of the limit, the violations,
/// duplicates (a recipient accepted twice) and the total time from the campaign's creation to COMPLETED.
/// </summary>
public static class CampaignScenario
{
    private const string AppSecret = "bench-app-secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var recipients = int.TryParse(args.ElementAtOrDefault(0), out var n) ? n : 20_000;
        var rate = int.TryParse(args.ElementAtOrDefault(1), out var r) ? Math.Clamp(r, 1, 1000) : 80;
        var parallel = Environment.GetEnvironmentVariable("BENCH_PARALLEL");
        var dataDir = Path.Combine(Path.GetTempPath(), "inbox-bench-" + Guid.NewGuid().ToString("N"));
        var postgres = Environment.GetEnvironmentVariable("BENCH_DB") == "Postgres";
        string? pgDatabase = null;
        string? pgConnection = null;
        if (postgres)
        {
            pgDatabase = "inbox_bench_" + Guid.NewGuid().ToString("N");
            pgConnection = WebhookScenario.CreatePostgresDatabase(WebhookScenario.AdminConnection(), pgDatabase);
        }
        Console.WriteLine($"campaign: {(postgres ? "PostgreSQL" : "SQLite")}, {recipients} recipients, limit {rate}/s, "
            + $"{Environment.ProcessorCount} cores, load {WebhookScenario.Load()}");

        await using var graph = await BenchGraphApi.StartAsync(rate);
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_GRAPH_LATENCY_MS"), out var latencyMs) && latencyMs > 0)
        {
            graph.Latency = TimeSpan.FromMilliseconds(latencyMs);
            Console.WriteLine($"  the fake Graph API answers message sends {latencyMs} ms later (half before counting, half after)");
        }
        var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Storage:DataDirectory", dataDir);
            b.UseSetting("Auth:PublicBaseUrl", BenchSignup.PublicBaseUrl);
            b.UseSetting("Bootstrap:SuperAdminPassword", "Bench-Password-1");
            b.UseSetting("Api:AuthRequestsPerMinute", "1000000");
            b.UseSetting("Api:AuthRequestsPerAccountPerMinute", "1000000");
            b.UseSetting("Api:RefreshRequestsPerMinute", "1000000");
            b.UseSetting("Demo:Seed", "false");
            // Idle workers look for the campaign's job every 200 ms (it starts at once); the delayed and recurring schedulers,
            // which take a lock in the job storage on every check and have nothing to do for a campaign sent now, at
            // production's default (15 s): checked every 200 ms they cost ~4 % of the process's CPU on PostgreSQL.
            b.UseSetting("Jobs:PollInterval", "00:00:00.200");
            b.UseSetting("Jobs:SchedulePollInterval", Environment.GetEnvironmentVariable("BENCH_SCHEDULE_POLL") ?? "00:00:15");
            b.UseSetting("WhatsApp:AppSecret", AppSecret);
            b.UseSetting("WhatsApp:GraphApiBaseUrl", graph.BaseUrl);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            if (parallel is { Length: > 0 }) b.UseSetting("Campaigns:MaxParallelSends", parallel);
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
            // BENCH_EXP_SQL (PostgreSQL only): one statement run in the bench's own database after the app migrated it and before
            // anything is sent, for experiments (session 20 dropped the messages' trigram index this way).
            if (postgres && Environment.GetEnvironmentVariable("BENCH_EXP_SQL") is { Length: > 0 } expSql)
            {
                await using var c = new Npgsql.NpgsqlConnection(pgConnection);
                await c.OpenAsync();
                await using var cmd = new Npgsql.NpgsqlCommand(expSql, c);
                await cmd.ExecuteNonQueryAsync();
                Console.WriteLine("  experiment: " + expSql);
            }
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };

            var email = $"bench-{Guid.NewGuid():N}@bench.test";
            var data = await BenchSignup.RegisterAsync(client, dataDir, "Bench Org", "Bench", email, "Bench-Password-1");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", data.GetProperty("accessToken").GetString());
            var (waba, metaPhoneId, token) = graph.AddAccount();

            var connected = await DataAsync(await client.PostAsJsonAsync("/api/v1/whatsapp-accounts/connect-manual",
                new { wabaId = waba, phoneNumberId = metaPhoneId, accessToken = token, alias = "Bench" }));
            var numberId = connected.GetProperty("phoneNumbers")[0].GetProperty("id").GetGuid();
            await DataAsync(await client.PatchAsJsonAsync($"/api/v1/whatsapp-accounts/phone-numbers/{numberId}", new { sendRatePerSecond = rate }));
            var template = await DataAsync(await client.PostAsJsonAsync("/api/v1/templates", new
            {
                name = "bench_offer_" + Guid.NewGuid().ToString("N")[..8], language = "en_US", category = "MARKETING", phoneNumberId = numberId,
                components = new object[]
                {
                    new { type = "BODY", text = "Hi {{1}}, your spring offer is waiting for you in our store today.", example = new { body_text = new[] { new[] { "Ana" } } } },
                },
            }));
            var templateId = template.GetProperty("id").GetGuid();
            if (template.GetProperty("status").GetString() != "APPROVED")
            {
                await DataAsync(await client.PostAsync($"/api/v1/templates/{templateId}/submit", null));
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while ((await DataAsync(await client.GetAsync($"/api/v1/templates/{templateId}"))).GetProperty("status").GetString() != "APPROVED")
                {
                    if (DateTime.UtcNow > deadline) throw new TimeoutException("The bench template was not approved");
                    await Task.Delay(100);
                }
            }

            // BENCH_WARMUP=n: a first campaign of n other recipients from the same number, sent to its end before the measured one,
            // so that the measured campaign runs in a process that has sent before (its code compiled at tier 1, EF Core's queries
            // compiled, the connection pools grown), as a server does after its first campaign. Its figures are printed, then
            // forgotten by the fake (its limits' windows hold across).
            var warmup = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WARMUP"), out var w) ? Math.Max(0, w) : 0;
            if (warmup > 0)
            {
                var warmClock = Stopwatch.StartNew();
                var warmCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var warmCampaign = await SendAsync(client, "Bench warm-up", templateId, numberId, warmup, 3_000_000, rate, warmClock, warmCpu0, graph);
                var ws = graph.Summary();
                var warmCpu = Process.GetCurrentProcess().TotalProcessorTime - warmCpu0;
                Console.WriteLine($"  warm-up: {warmup} other recipients {warmCampaign.GetProperty("status").GetString()} in {warmClock.Elapsed.TotalSeconds:F1} s: "
                    + $"{(ws.Accepted > 1 ? (ws.Accepted - 1) / ws.Span.TotalSeconds : 0):F1} messages/s, 130429 {ws.ThroughputViolations}, "
                    + $"CPU {warmCpu.TotalMilliseconds / Math.Max(1, ws.Accepted):F2} ms per send; measured campaign next");
                if (ws.Accepted != warmup || ws.Duplicates != 0 || ws.PairViolations != 0)
                    throw new InvalidOperationException($"The warm-up campaign was not sent once to each of its {warmup} recipients");
                await Task.Delay(TimeSpan.FromSeconds(2));
                graph.Reset();
            }

            var load0 = WebhookScenario.Load();
            var clock = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            using var commands = CommandCounter.FromEnvironment();
            commands?.Start();
            Console.WriteLine($"  load {load0} before the measured campaign");
            var campaign = await SendAsync(client, "Bench campaign", templateId, numberId, recipients, 2_000_000, rate, clock, cpu0, graph);
            var total = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var counts = campaign.GetProperty("counts");
            var s = graph.Summary();
            var achieved = s.Accepted > 1 ? (s.Accepted - 1) / s.Span.TotalSeconds : 0;
            Console.WriteLine($"  status {campaign.GetProperty("status").GetString()}: counts {counts}");
            Console.WriteLine($"  accepted {s.Accepted} sends from {s.Distinct} recipients in {s.Span.TotalSeconds:F1} s (first to last accepted): "
                + $"{achieved:F1} messages/s = {achieved / rate * 100:F1}% of the {rate}/s limit; best 1-s window {s.PeakSecond}");
            Console.WriteLine($"  130429 answers (over the number's rate) {s.ThroughputViolations}, pair-rate violations (131056) {s.PairViolations}, "
                + $"duplicates {s.Duplicates} (a recipient accepted more than once)");
            Console.WriteLine($"  accepted per second from the first: {string.Join(' ', s.AcceptedPerSecond)}");
            Console.WriteLine($"  130429 per second from the first:   {string.Join(' ', s.RefusedPerSecond)}");
            Console.WriteLine($"  total {total.TotalSeconds:F1} s from POST /campaigns to COMPLETED; CPU of this process {cpu.TotalSeconds:F1} s "
                + $"({cpu.TotalMilliseconds / Math.Max(1, s.Accepted):F2} ms per accepted send); load after {WebhookScenario.Load()}");
            commands?.Stop();
            commands?.Print(recipients);
            var ok = s.Accepted == recipients && s.Duplicates == 0 && s.PairViolations == 0;
            return ok ? 0 : 1;
        }
        finally
        {
            await factory.DisposeAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
            if (pgDatabase is not null) WebhookScenario.DropPostgresDatabase(WebhookScenario.AdminConnection(), pgDatabase);
        }
    }

    /// <summary>
    /// Creates a campaign of <paramref name="recipients"/> distinct recipients (+1415 followed by <paramref name="firstNumber"/>
    /// onwards, each with its own name: the kill test's numbers) as a CSV upload, sent now, and waits for its end. A JSON list of
    /// 20,000 is over the API's 1 MB JSON limit. Prints the time its creation took; returns the campaign as last read.
    /// </summary>
    private static async Task<JsonElement> SendAsync(HttpClient client, string name, Guid templateId, Guid numberId,
        int recipients, int firstNumber, int rate, Stopwatch clock, TimeSpan cpu0, BenchGraphApi graph)
    {
        var csv = new System.Text.StringBuilder("phone,1\n");
        for (var i = 0; i < recipients; i++) csv.Append("+1415").Append(firstNumber + i).Append(",Customer ").Append(i).Append('\n');
        using var form = new MultipartFormDataContent
        {
            { new StringContent(name), "name" }, { new StringContent(templateId.ToString()), "templateId" },
            { new StringContent(numberId.ToString()), "phoneNumberId" }, { new StringContent("true"), "sendNow" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "recipients.csv");
        var created = await DataAsync(await client.PostAsync("/api/v1/campaigns/csv", form), HttpStatusCode.Created);
        var createdIn = clock.Elapsed;
        var campaignId = created.GetProperty("id").GetGuid();
        Console.WriteLine($"  {name}: created with {recipients} recipients in {createdIn.TotalSeconds:F1} s");

        var lastReport = TimeSpan.Zero;
        var limitAt = DateTime.UtcNow.AddSeconds(Math.Max(600, recipients / (double)rate * 4));
        while (true)
        {
            var detail = await DataAsync(await client.GetAsync($"/api/v1/campaigns/{campaignId}?limit=1"));
            var status = detail.GetProperty("campaign").GetProperty("status").GetString();
            if (status is "COMPLETED" or "FAILED" or "CANCELLED" or "PAUSED") return detail.GetProperty("campaign");
            if (DateTime.UtcNow > limitAt) throw new TimeoutException($"The campaign is still {status} after {clock.Elapsed.TotalSeconds:F0} s");
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                var cpuNow = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F0} s: {graph.AcceptedCount} accepted, CPU {cpuNow.TotalSeconds:F0} s, load {WebhookScenario.Load()}");
            }
            await Task.Delay(200);
        }
    }

    private static async Task<JsonElement> DataAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected && !(expected == HttpStatusCode.OK && response.StatusCode == HttpStatusCode.Created))
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }
}
