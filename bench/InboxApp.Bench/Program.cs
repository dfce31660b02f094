using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InboxApp.Bench;

// InboxApp benchmark tool. Usage: dotnet run -c Release --project bench/InboxApp.Bench -- [scenario] [iterations]
// Scenarios: auth (sign-in, /auth/me with an access token and with an API key). Results are printed as p50/p95/p99 in ms.
//            webhooks [seconds=10] [concurrency=64]: signed webhook deliveries over loopback (see WebhookScenario and docs/performance.md);
//              BENCH_ROUTING_RULES=1000 first makes that many active routing rules and a round-robin team of online agents (WebhookRoutingSeed).
//            partner-webhooks [seconds=10] [rate=50] [rows=5000]: outgoing (partner) webhooks: latency inbound → partner, deliveries/s.
//            conversations [conversations=100000] [messages=1000000] [iterations=60]: generated inbox, then list/counts/message-page timings.
//            routing [rules=1000] [messages=20000]: the routing decision per inbound message against active rules (median, p99 µs).
//            campaign [recipients=20000] [rate=80]: a campaign sent by the Hangfire job to a fake Graph API enforcing Meta's limits (BenchGraphApi).
//            inbox [messages=100] [pages=24] [gapMs=200]: live inbox in Chromium: push latency to two agents, memory per connected agent.
// Runs the real app in-process on a fresh SQLite database under a temporary folder (or PostgreSQL with
// BENCH_DB=Postgres and BENCH_PG=<connection string>).
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var scenario = args.ElementAtOrDefault(0) ?? "auth";
        if (scenario == "webhooks") return await WebhookScenario.RunAsync(args[1..]);
        if (scenario == "partner-webhooks") return await PartnerWebhookScenario.RunAsync(args[1..]);
        if (scenario == "conversations") return await ConversationsScenario.RunAsync(args[1..]);
        if (scenario == "campaign") return await CampaignScenario.RunAsync(args[1..]);
        if (scenario == "routing") return await RoutingScenario.RunAsync(args[1..]);
        if (scenario is "inbox" or "inbox-browsers") return await InboxScenario.RunAsync(scenario, args[1..]);
        var iterations = int.TryParse(args.ElementAtOrDefault(1), out var n) ? n : 2000;
        var dataDir = Path.Combine(Path.GetTempPath(), "inbox-bench-" + Guid.NewGuid().ToString("N"));

        await using var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Storage:DataDirectory", dataDir);
            b.UseSetting("Auth:PublicBaseUrl", BenchSignup.PublicBaseUrl);
            b.UseSetting("Bootstrap:SuperAdminPassword", "Bench-Password-1");
            b.UseSetting("Api:AuthRequestsPerMinute", "1000000");
            b.UseSetting("Api:AuthRequestsPerAccountPerMinute", "1000000");
            b.UseSetting("Api:RefreshRequestsPerMinute", "1000000");
            b.UseSetting("Jobs:Enabled", "false");
            if (Environment.GetEnvironmentVariable("BENCH_DB") == "Postgres")
            {
                b.UseSetting("Database:Provider", "Postgres");
                b.UseSetting("ConnectionStrings:Inbox", Environment.GetEnvironmentVariable("BENCH_PG"));
            }
        });
        var client = factory.CreateClient();

        switch (scenario)
        {
            case "auth":
                await AuthScenario(client, dataDir, iterations);
                break;
            default:
                Console.Error.WriteLine($"Unknown scenario '{scenario}'. Known: auth, webhooks, partner-webhooks, conversations, routing, campaign, inbox");
                return 2;
        }
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        return 0;
    }

    private static async Task AuthScenario(HttpClient client, string dataDir, int iterations)
    {
        var email = $"bench-{Guid.NewGuid():N}@bench.test";
        var access = (await BenchSignup.RegisterAsync(client, dataDir, "Bench Org", "Bench", email, "Bench-Password-1")).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", access);
        var keyResponse = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "bench" });
        keyResponse.EnsureSuccessStatusCode();
        var apiKey = (await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("key").GetString();

        await Measure("GET /auth/me (access token)", iterations, () => client.GetAsync("/api/v1/auth/me"));
        client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        await Measure("GET /api-keys (API key)", iterations, () => client.GetAsync("/api/v1/api-keys"));
        client.DefaultRequestHeaders.Authorization = null;
        await Measure("POST /auth/login", Math.Max(20, iterations / 20), () => client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Bench-Password-1" }));
    }

    private static async Task Measure(string name, int iterations, Func<Task<HttpResponseMessage>> call)
    {
        for (var i = 0; i < Math.Min(50, iterations); i++) (await call()).EnsureSuccessStatusCode();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            var response = await call();
            sw.Stop();
            response.EnsureSuccessStatusCode();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        double P(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
        Console.WriteLine($"{name,-32} n={iterations,6}  p50={P(0.50),7:F2} ms  p95={P(0.95),7:F2} ms  p99={P(0.99),7:F2} ms");
    }
}
