using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Bench;

/// <summary>
/// The inbox list at scale: generates one organization with <c>conversations</c> conversations and <c>messages</c> messages
/// (<see cref="ConversationsData"/>), then times over loopback HTTP, one request at a time: the first page (limit 50) of every
/// filter and sort of <c>GET /conversations</c>, page 1,000 of each (a cursor reached by walking the list 200 rows at a time,
/// or the deepest page when the filter has fewer rows), <c>GET /conversations/counts</c>, and a message page. Arguments:
/// <c>conversations [conversations=100000] [messages=1000000] [iterations=60]</c>.
/// </summary>
public static class ConversationsScenario
{
    private sealed record Case(string Name, string Query);

    public static async Task<int> RunAsync(string[] args)
    {
        var conversations = int.TryParse(args.ElementAtOrDefault(0), out var c) ? c : 100_000;
        var messages = int.TryParse(args.ElementAtOrDefault(1), out var m) ? m : 1_000_000;
        var iterations = int.TryParse(args.ElementAtOrDefault(2), out var it) ? it : 60;
        // BENCH_KEEP=<name> keeps the generated data (SQLite folder or PostgreSQL database named after it) and reuses it on the
        // next run with the same name, so a change to a query can be measured without generating a million messages again.
        var keep = Environment.GetEnvironmentVariable("BENCH_KEEP") is { Length: > 0 } k ? k : null;
        var only = Environment.GetEnvironmentVariable("BENCH_CASES") is { Length: > 0 } o ? o.Split(',') : null;
        var postgres = Environment.GetEnvironmentVariable("BENCH_DB") == "Postgres";
        var name = keep is null ? Guid.NewGuid().ToString("N") : $"{keep}_{conversations}_{messages}";
        var dataDir = Path.Combine(Path.GetTempPath(), "inbox-bench-" + name);
        var statePath = Path.Combine(Path.GetTempPath(), $"inbox-bench-{name}{(postgres ? "-pg" : "")}.json");
        var state = keep is not null && File.Exists(statePath) ? JsonSerializer.Deserialize<KeptState>(File.ReadAllText(statePath)) : null;
        string? pgDatabase = null, pgConnection = null;
        if (postgres)
        {
            pgDatabase = "inbox_bench_" + name.ToLowerInvariant();
            pgConnection = state is not null
                ? new Npgsql.NpgsqlConnectionStringBuilder(WebhookScenario.AdminConnection()) { Database = pgDatabase }.ConnectionString
                : WebhookScenario.CreatePostgresDatabase(WebhookScenario.AdminConnection(), pgDatabase);
        }
        Console.WriteLine($"conversations: {(postgres ? "PostgreSQL" : "SQLite")}, {conversations:N0} conversations, {messages:N0} messages, {iterations} iterations, "
            + $"{Environment.ProcessorCount} cores, load {WebhookScenario.Load()}");
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
            b.UseSetting("Demo:Seed", "false");
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
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            var inboxDb = factory.Services.GetRequiredService<InboxDb>();
            if (state is null)
            {
                var (email, orgId, adminId, agentIds) = await SetupOrganizationAsync(client, dataDir);
                var sw = Stopwatch.StartNew();
                var generated = await ConversationsData.GenerateAsync(inboxDb, orgId, [adminId, .. agentIds], conversations, messages, Console.WriteLine);
                Console.WriteLine($"  data generated in {sw.Elapsed.TotalSeconds:F0} s");
                await AnalyzeAsync(inboxDb);
                await LoginAsync(client, email); // the first access token may have expired while the data was generated
                state = new KeptState(email, orgId, agentIds, generated);
                if (keep is not null) File.WriteAllText(statePath, JsonSerializer.Serialize(state));
            }
            else
            {
                Console.WriteLine($"  reusing the data kept as {keep} ({(postgres ? pgDatabase : dataDir)})");
                await AnalyzeAsync(inboxDb); // indexes a migration may have added since
                await LoginAsync(client, state.AdminEmail);
            }
            var inbox = state.Inbox;

            var cases = Cases(inbox, state.AgentIds[0]).Where(x => only is null || only.Any(n => x.Name.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
            Console.WriteLine($"  {"case",-44} {"p50",8} {"p95",8} {"rows",5}   {"page 1,000 p50",14} {"p95",8}  depth");
            var failures = 0;
            foreach (var @case in cases)
            {
                var first = await MeasureAsync(client, "/api/v1/conversations?limit=50" + @case.Query, iterations);
                var (cursor, depth) = await CursorAtAsync(client, @case.Query, 49_950);
                var deep = cursor is null ? null : await MeasureAsync(client, $"/api/v1/conversations?limit=50{@case.Query}&cursor={cursor}", iterations);
                Console.WriteLine($"  {@case.Name,-44} {first.P(0.5),8:F2} {first.P(0.95),8:F2} {first.Rows,5}   "
                    + (deep is null ? $"{"(one page)",14} {"",8}" : $"{deep.P(0.5),14:F2} {deep.P(0.95),8:F2}") + $"  {depth:N0}");
                var target = postgres ? 30 : 50;
                if (first.P(0.95) > target || (deep is not null && deep.P(0.95) > 2 * Math.Max(first.P(0.95), 1))) failures++;
            }
            foreach (var @case in cases.Where(x => !x.Query.Contains("sort=") && !x.Query.Contains("subFilter=")))
            {
                var counts = await MeasureAsync(client, "/api/v1/conversations/counts?" + @case.Query.TrimStart('&'), iterations);
                Console.WriteLine($"  counts {@case.Name,-37} {counts.P(0.5),8:F2} {counts.P(0.95),8:F2}");
                if (counts.P(0.95) > 50) failures++;
            }
            var messagePage = await MeasureAsync(client, $"/api/v1/conversations/{inbox.SampleConversationId}/messages?limit=50", iterations);
            Console.WriteLine($"  {"message page (newest 50)",-44} {messagePage.P(0.5),8:F2} {messagePage.P(0.95),8:F2} {messagePage.Rows,5}");
            Console.WriteLine($"  cases over target: {failures}   load after: {WebhookScenario.Load()}");
            return 0;
        }
        finally
        {
            await factory.DisposeAsync();
            if (keep is null)
            {
                try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
                if (pgDatabase is not null) WebhookScenario.DropPostgresDatabase(WebhookScenario.AdminConnection(), pgDatabase);
            }
        }
    }

    private static List<Case> Cases(GeneratedInbox inbox, Guid agentId) =>
    [
        new("newest (no filter)", ""),
        new("sort=oldest", "&sort=oldest"),
        new("sort=waiting_longest", "&sort=waiting_longest"),
        new("sort=created_newest", "&sort=created_newest"),
        new("sort=created_oldest", "&sort=created_oldest"),
        new("status=OPEN", "&status=OPEN"),
        new("status=CLOSED", "&status=CLOSED"),
        new("status=OPEN waiting_longest", "&status=OPEN&sort=waiting_longest"),
        new("assignedTo=me", "&assignedTo=me"),
        new("assignedTo=unassigned", "&assignedTo=unassigned"),
        new("assignedTo=<agent>", $"&assignedTo={agentId}"),
        new("unassigned OPEN waiting_longest", "&assignedTo=unassigned&status=OPEN&sort=waiting_longest"),
        new("teamId", $"&teamId={inbox.TeamIds[0]}"),
        new("category", $"&category={inbox.Categories[0]}"),
        new("tag", $"&tag={inbox.TagIds[0]}"),
        new("tag created_oldest", $"&tag={inbox.TagIds[1]}&sort=created_oldest"),
        new("origin=CAMPAIGN", "&origin=CAMPAIGN"),
        new("subFilter=unread", "&subFilter=unread"),
        new("subFilter=needs_action", "&subFilter=needs_action"),
        new("search=<contact name>", "&search=" + Uri.EscapeDataString(inbox.SampleContactName)),
        new("search=<phone digits>", "&search=" + inbox.SamplePhoneDigits),
        new("search=zebrafish (rare text)", "&search=zebrafish"),
        new("search=order (common text)", "&search=order"),
        new("search=Silva (common name)", "&search=Silva"),
    ];

    private sealed record KeptState(string AdminEmail, Guid OrgId, List<Guid> AgentIds, GeneratedInbox Inbox);

    private static async Task LoginAsync(HttpClient client, string email)
    {
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Bench-Password-1" });
        login.EnsureSuccessStatusCode();
        var data = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        client.DefaultRequestHeaders.Authorization = new("Bearer", data.GetProperty("accessToken").GetString());
    }

    private static async Task<(string Email, Guid OrgId, Guid AdminId, List<Guid> AgentIds)> SetupOrganizationAsync(HttpClient client, string dataDir)
    {
        var email = $"bench-{Guid.NewGuid():N}@bench.test";
        var data = await BenchSignup.RegisterAsync(client, dataDir, "Bench Org", "Bench Admin", email, "Bench-Password-1");
        client.DefaultRequestHeaders.Authorization = new("Bearer", data.GetProperty("accessToken").GetString());
        var user = data.GetProperty("user");
        var agents = new List<Guid>();
        for (var i = 0; i < 19; i++)
        {
            var joined = await BenchSignup.AddMemberAsync(client, dataDir, $"agent{i}-{Guid.NewGuid():N}@bench.test", $"Agent {i}", "AGENT", "Bench-Password-1");
            agents.Add(joined.GetProperty("user").GetProperty("id").GetGuid());
        }
        return (email, user.GetProperty("organizationId").GetGuid(), user.GetProperty("id").GetGuid(), agents);
    }

    /// <summary>Fresh statistics for the planner, as a database in service would have (SQLite keeps none until ANALYZE runs).</summary>
    private static async Task AnalyzeAsync(InboxDb inboxDb)
    {
        var sw = Stopwatch.StartNew();
        await using var db = inboxDb.System();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "ANALYZE" : "VACUUM ANALYZE");
        Console.WriteLine($"  ANALYZE in {sw.Elapsed.TotalSeconds:F1} s");
    }

    private sealed record Timing(double[] Sorted, int Rows)
    {
        public double P(double q) => Sorted[Math.Clamp((int)Math.Ceiling(q * Sorted.Length) - 1, 0, Sorted.Length - 1)];
    }

    private static async Task<Timing> MeasureAsync(HttpClient client, string url, int iterations)
    {
        var rows = 0;
        for (var i = 0; i < Math.Min(5, iterations); i++) rows = await GetRowsAsync(client, url);
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            await GetRowsAsync(client, url);
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return new Timing(times, rows);
    }

    private static async Task<int> GetRowsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data") is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 1;
    }

    /// <summary>
    /// Walks the list 200 rows at a time until <paramref name="rows"/> rows were read: the cursor there and the depth. A filter with
    /// fewer rows gives the cursor of its last page (null when it has one page) and where that page starts.
    /// </summary>
    private static async Task<(string? Cursor, int Depth)> CursorAtAsync(HttpClient client, string query, int rows)
    {
        string? cursor = null;
        var depth = 0;
        while (depth < rows)
        {
            var take = Math.Min(200, rows - depth);
            var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?limit={take}{query}" + (cursor is null ? "" : "&cursor=" + cursor));
            var next = json.GetProperty("meta").GetProperty("pagination").TryGetProperty("nextCursor", out var n) ? n.GetString() : null;
            if (next is null) return (cursor, depth);
            depth += json.GetProperty("data").GetArrayLength();
            cursor = next;
        }
        return (cursor, depth);
    }
}
