using System.Text;
using System.Text.Json.Nodes;
using InboxApp.Core.Realtime;
using InboxApp.Core.Channels.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InboxApp.Bench;

/// <summary>
/// Push latency: two agents (Alex and Blair, separate browser contexts) have the same conversation open; one signed inbound
/// webhook at a time carries a unique text for that conversation's customer. The latency of a message is from the wall
/// clock just before the POST to the moment a MutationObserver in the page first sees a <c>[data-testid=message]</c>
/// bubble containing the text (<c>performance.timeOrigin + performance.now()</c>, taken at the start of the observer
/// callback, i.e. right after the DOM change). Both clocks are this machine's wall clock; the offset between the page's
/// clock and this process's clock is measured before and after the run (the fastest of 20 Playwright round trips; its
/// error is at most half that round trip) and subtracted; both readings and their drift are printed.
/// </summary>
public static class InboxPushLatency
{
    private const int WarmupMessages = 10;
    private static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(10);

    /// <summary>Records when a bubble with the awaited text first appears; only scans the bubbles while a text is awaited.</summary>
    private const string ObserverScript = """
        () => {
          if (window.__bench) return;
          const bench = window.__bench = { want: null, seen: {} };
          new MutationObserver(() => {
            if (!bench.want) return;
            const at = performance.timeOrigin + performance.now();
            for (const el of document.querySelectorAll('[data-testid=message]')) {
              if (el.textContent.includes(bench.want)) { bench.seen[bench.want] = at; bench.want = null; return; }
            }
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    private const string ArmScript = "t => { window.__bench.want = t; }";

    /// <summary>The page's clock minus this process's clock, read over a round trip of <see cref="RoundTrip"/> ms.</summary>
    public sealed record Offset(double Skew, double RoundTrip);

    public sealed record Result(int Count, List<double> Ack, List<double> Published, List<double>[] PerAgent, List<double> Both, int Lost,
        Offset[] Before, Offset[] After, string[] Agents)
    {
        public void Print()
        {
            Console.WriteLine($"  push latency, webhook POST -> bubble in the DOM: {Count} messages after {WarmupMessages} warm-up, one at a time");
            Console.WriteLine($"  {"measure",-44} {"n",4} {"p50",8} {"p95",8} {"p99",8} {"max",8}");
            Row("POST answered 200 (stored)", Ack);
            Row("MessageReceived published (committed)", Published);
            for (var i = 0; i < Agents.Length; i++) Row($"bubble in {Agents[i]}'s DOM", PerAgent[i]);
            Row("bubble in both agents' DOM (later of two)", Both);
            Console.WriteLine($"  lost: {Lost}");
            for (var i = 0; i < Agents.Length; i++)
                Console.WriteLine($"  {Agents[i]}'s page clock minus server clock: {Before[i].Skew:F2} ms before (round trip {Before[i].RoundTrip:F2} ms), "
                    + $"{After[i].Skew:F2} ms after (round trip {After[i].RoundTrip:F2} ms)");
            var p95 = InboxScenario.Quantile(Sorted(Both), 0.95);
            Console.WriteLine($"  target p95 <= 300 ms (both agents): {(Lost == 0 && p95 <= 300 ? "met" : "NOT met")} ({p95:F1} ms)");
        }

        private static List<double> Sorted(List<double> values) => values.Order().ToList();

        private static void Row(string name, List<double> values)
        {
            var s = Sorted(values);
            Console.WriteLine($"  {name,-44} {s.Count,4} {InboxScenario.Quantile(s, 0.5),8:F1} {InboxScenario.Quantile(s, 0.95),8:F1} "
                + $"{InboxScenario.Quantile(s, 0.99),8:F1} {InboxScenario.Quantile(s, 1),8:F1}");
        }
    }

    public static async Task<Result> RunAsync(IServiceProvider services, IBrowser browser, string baseUrl, InboxScenario.Target target, int count, int gapMs)
    {
        string[] names = ["Alex", "Blair"];
        var pages = new[]
        {
            await BenchBrowser.SignedInPageAsync(browser, baseUrl, "agent1@acme.test", InboxScenario.DemoPassword),
            await BenchBrowser.SignedInPageAsync(browser, baseUrl, "agent2@acme.test", InboxScenario.DemoPassword),
        };
        foreach (var page in pages)
        {
            await BenchBrowser.OpenConversationAsync(page, target.ConversationId);
            await page.EvaluateAsync(ObserverScript);
        }

        TaskCompletionSource<double>? published = null;
        using var subscription = services.GetRequiredService<IInboxEventBus>().SubscribeAll(e =>
        {
            if (e is MessageReceived && e.ConversationId == target.ConversationId) published?.TrySetResult(NowMs());
            return Task.CompletedTask;
        });
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

        var ack = new List<double>();
        var pub = new List<double>();
        var perAgent = pages.Select(_ => new List<double>()).ToArray();
        var both = new List<double>();
        var lost = 0;
        var offsets = new Offset[pages.Length];
        for (var a = 0; a < pages.Length; a++) offsets[a] = await OffsetAsync(pages[a]);
        for (var i = -WarmupMessages; i < count; i++)
        {
            var measured = i >= 0;
            var token = $"bench{(measured ? i : 1000 + i)}x{Guid.NewGuid():N}"[..24];
            foreach (var page in pages) await page.EvaluateAsync(ArmScript, token);
            published = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);

            var t0 = NowMs();
            await PostAsync(http, target.MetaPhoneNumberId, $"Where is my parcel? Reference {token}");
            var acked = NowMs();

            var latencies = new double[pages.Length];
            var missing = false;
            for (var a = 0; a < pages.Length; a++)
            {
                try
                {
                    await pages[a].WaitForFunctionAsync("t => window.__bench.seen[t] !== undefined", token,
                        new() { PollingInterval = 10, Timeout = (float)LostAfter.TotalMilliseconds });
                    latencies[a] = await pages[a].EvaluateAsync<double>("t => window.__bench.seen[t]", token) - offsets[a].Skew - t0;
                }
                catch (TimeoutException)
                {
                    missing = true;
                    Console.WriteLine($"  message {i} ({token}) did not reach {names[a]} within {LostAfter.TotalSeconds:F0} s");
                }
            }
            var publishedAt = published.Task.IsCompletedSuccessfully ? published.Task.Result : double.NaN;
            if (measured)
            {
                ack.Add(acked - t0);
                if (!double.IsNaN(publishedAt)) pub.Add(publishedAt - t0);
                if (missing) lost++;
                else
                {
                    for (var a = 0; a < pages.Length; a++) perAgent[a].Add(latencies[a]);
                    both.Add(latencies.Max());
                }
            }
            await Task.Delay(gapMs);
        }
        var after = new Offset[pages.Length];
        for (var a = 0; a < pages.Length; a++) after[a] = await OffsetAsync(pages[a]);
        foreach (var page in pages)
        {
            // Leaving the page lets Blazor's script tell the server (the circuit ends now, not after the retention period).
            await page.GotoAsync("about:blank");
            await page.Context.CloseAsync();
        }
        return new Result(count, ack, pub, perAgent, both, lost, offsets, after, names);
    }

    /// <summary>The page's clock minus this process's, from the fastest of 20 round trips (midpoint; error at most half the round trip).</summary>
    private static async Task<Offset> OffsetAsync(IPage page)
    {
        var best = new Offset(0, double.MaxValue);
        for (var i = 0; i < 20; i++)
        {
            var before = NowMs();
            var browserNow = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = NowMs();
            if (after - before < best.RoundTrip) best = new Offset(browserNow - (before + after) / 2, after - before);
        }
        return best;
    }

    /// <summary>Unix time in milliseconds (fractional), from the same wall clock the browser's <c>timeOrigin</c> is based on.</summary>
    public static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static async Task PostAsync(HttpClient http, string phoneNumberId, string text)
    {
        var body = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "messages",
                    ["value"] = new JsonObject
                    {
                        ["messaging_product"] = "whatsapp",
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550000000", ["phone_number_id"] = phoneNumberId },
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = InboxScenario.CustomerName }, ["wa_id"] = InboxScenario.CustomerWaId }),
                        ["messages"] = new JsonArray(new JsonObject
                        {
                            ["from"] = InboxScenario.CustomerWaId, ["id"] = "wamid.BENCH" + Guid.NewGuid().ToString("N"),
                            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(),
                            ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
                        }),
                    },
                }),
            }),
        }.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(bytes, InboxScenario.AppSecret));
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}");
    }
}
