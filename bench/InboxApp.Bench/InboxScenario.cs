using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Data;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace InboxApp.Bench;

/// <summary>
/// The live inbox in real browsers: the app on Kestrel in this process (fresh SQLite, or PostgreSQL with <c>BENCH_DB</c>),
/// the Acme demo organization seeded, Debian's Chromium driven by Playwright. Two measurements on the sandbox number's
/// "Maria Gomez" conversation: push latency from a signed webhook POST to the bubble in two agents' DOM
/// (<see cref="InboxPushLatency"/>), then server memory per connected agent with many pages open (<see cref="InboxMemory"/>).
/// Arguments: <c>inbox [messages=100] [pages=24] [gapMs=200]</c> (pages 0: latency only). Exit code 1 when a message never
/// reached a browser.
/// </summary>
public static class InboxScenario
{
    public const string AppSecret = "bench-app-secret";
    public const string DemoPassword = "Acme-Demo-2026";
    public const string CustomerWaId = "5491155551234";
    public const string CustomerName = "Maria Gomez";

    public static async Task<int> RunAsync(string mode, string[] args)
    {
        if (mode == "inbox-browsers") return await InboxMemory.BrowsersAsync(args);
        var messages = int.TryParse(args.ElementAtOrDefault(0), out var m) ? m : 100;
        var pages = int.TryParse(args.ElementAtOrDefault(1), out var p) ? p : 24;
        var gap = int.TryParse(args.ElementAtOrDefault(2), out var g) ? g : 200;
        var dataDir = Path.Combine(Path.GetTempPath(), "inbox-bench-" + Guid.NewGuid().ToString("N"));
        var postgres = Environment.GetEnvironmentVariable("BENCH_DB") == "Postgres";
        string? pgDatabase = null, pgConnection = null;
        if (postgres)
        {
            pgDatabase = "inbox_bench_" + Guid.NewGuid().ToString("N");
            pgConnection = WebhookScenario.CreatePostgresDatabase(WebhookScenario.AdminConnection(), pgDatabase);
        }
        Console.WriteLine($"inbox: {(postgres ? "PostgreSQL" : "SQLite")}, {messages} messages {gap} ms apart, {pages} pages, {Environment.ProcessorCount} cores, "
            + $"load {WebhookScenario.Load()}");
        var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            // MudBlazor's _content/ from the NuGet cache, as a published app serves it from its own folder.
            b.UseStaticWebAssets();
            b.UseSetting("Storage:DataDirectory", dataDir);
            b.UseSetting("Auth:PublicBaseUrl", BenchSignup.PublicBaseUrl);
            b.UseSetting("Bootstrap:SuperAdminPassword", "Bench-Password-1");
            b.UseSetting("Api:AuthRequestsPerMinute", "1000000");
            b.UseSetting("Api:AuthRequestsPerAccountPerMinute", "1000000");
            b.UseSetting("Api:RefreshRequestsPerMinute", "1000000");
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("WhatsApp:AppSecret", AppSecret);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.ConfigureServices(s => s.AddScoped<CircuitHandler, CircuitCounter>());
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
            var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            var target = await FindConversationAsync(factory.Services);
            var retention = factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DisconnectedCircuitRetentionPeriod;

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BenchBrowser.LaunchAsync(playwright);
            var latency = await InboxPushLatency.RunAsync(factory.Services, browser, baseUrl, target, messages, gap);
            latency.Print();

            if (pages > 0)
            {
                var agents = await CreateAgentsAsync(baseUrl, dataDir, pages);
                var memory = await InboxMemory.RunAsync(baseUrl, target.ConversationId, agents, retention);
                memory.Print();
            }
            Console.WriteLine($"  load after: {WebhookScenario.Load()}");
            return latency.Lost == 0 ? 0 : 1;
        }
        finally
        {
            await factory.DisposeAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
            if (pgDatabase is not null) WebhookScenario.DropPostgresDatabase(WebhookScenario.AdminConnection(), pgDatabase);
        }
    }

    /// <summary>The demo sandbox number and its conversation with Maria Gomez (inside the 24-hour window).</summary>
    public sealed record Target(Guid OrganizationId, Guid ConversationId, string MetaPhoneNumberId);

    private static async Task<Target> FindConversationAsync(IServiceProvider services)
    {
        await using var db = services.GetRequiredService<InboxDb>().System();
        var conversation = await db.Conversations.Where(c => c.Contact!.WaId == CustomerWaId)
            .Select(c => new { c.Id, c.OrganizationId, c.PhoneNumberId }).SingleAsync();
        var metaId = await db.PhoneNumbers.Where(n => n.Id == conversation.PhoneNumberId).Select(n => n.MetaPhoneNumberId).SingleAsync();
        return new Target(conversation.OrganizationId, conversation.Id, metaId);
    }

    /// <summary>Adds <paramref name="count"/> agents to the demo organization as people join (invited, link accepted); their emails.</summary>
    private static async Task<List<string>> CreateAgentsAsync(string baseUrl, string dataDir, int count)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@acme.test", password = DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var emails = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var email = $"bench-agent{i}@acme.test";
            await BenchSignup.AddMemberAsync(client, dataDir, email, $"Bench Agent {i}", "AGENT", DemoPassword);
            emails.Add(email);
        }
        return emails;
    }

    /// <summary>The sorted sample's q-quantile (nearest rank).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
