using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Bench;

/// <summary>
/// Meta's Graph API (WhatsApp Cloud API) for the campaign benchmark, on a loopback Kestrel port: what connecting a number
/// manually and creating a template call (phone number, WABA, subscribed apps, templates approved at once), and message
/// sends with Meta's limits and answers (the shapes of the test suite's <c>FakeGraphApi</c>):
/// <list type="bullet">
/// <item>Throughput: at most <c>rate</c> accepted messages per sending number in any rolling second; beyond it
/// <c>130429</c> "Rate limit hit" (HTTP 400), counted.</item>
/// <item>Pair rate: a second message to the same recipient from the same number within 6 s gets <c>131056</c>, counted.</item>
/// <item>Every accepted message is recorded (recipient, the app's message id from <c>biz_opaque_callback_data</c>, time); a
/// recipient accepted more than once is a duplicate.</item>
/// </list>
/// </summary>
public sealed class BenchGraphApi : IAsyncDisposable
{
    private static readonly TimeSpan PairWindow = TimeSpan.FromSeconds(6);

    public sealed record Accepted(string Phone, string To, string? MessageId, long At);

    public sealed record Result(int Accepted, int Distinct, int Duplicates, int ThroughputViolations, int PairViolations, TimeSpan Span, int PeakSecond,
        int[] AcceptedPerSecond, int[] RefusedPerSecond);

    private readonly WebApplication app;
    private readonly int rate;
    private readonly ConcurrentDictionary<string, string> phones = new(); // phone number id → WABA id
    private readonly ConcurrentDictionary<string, bool> wabas = new();
    private readonly ConcurrentDictionary<string, bool> tokens = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> subscriptions = new();
    private readonly ConcurrentDictionary<string, JsonObject> templates = new();
    private readonly Dictionary<string, Queue<long>> windows = new(); // phone number id → accepted times in the last second
    private readonly Dictionary<string, long> lastTo = new(); // phone:recipient → last accepted time
    private readonly List<Accepted> accepted = new(32_768);
    private readonly List<long> refusedAt = new(); // when each 130429 was answered
    private readonly Lock gate = new();
    private int throughputViolations;
    private int pairViolations;

    public string BaseUrl { get; }

    /// <summary>
    /// The round trip a message send takes besides the work (half on the way in, before the send is counted, half on the way
    /// back), as Meta's servers are tens to hundreds of milliseconds away: <c>BENCH_GRAPH_LATENCY_MS</c>. Zero by default.
    /// </summary>
    public TimeSpan Latency { get; set; }

    public int AcceptedCount
    {
        get { lock (gate) return accepted.Count; }
    }

    private BenchGraphApi(WebApplication app, string baseUrl, int rate)
    {
        this.app = app;
        BaseUrl = baseUrl;
        this.rate = rate;
    }

    public static async Task<BenchGraphApi> StartAsync(int rate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        BenchGraphApi? fake = null;
        app.Map("/{**path}", (HttpContext context) => fake!.AnswerAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new BenchGraphApi(app, address, rate);
        return fake;
    }

    /// <summary>A WABA with one registered phone number and a token valid for both.</summary>
    public (string WabaId, string PhoneNumberId, string Token) AddAccount()
    {
        var waba = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();
        var phone = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();
        var token = "EAAG" + Guid.NewGuid().ToString("N");
        wabas[waba] = true;
        phones[phone] = waba;
        tokens[token] = true;
        return (waba, phone, token);
    }

    /// <summary>
    /// Forgets the accepted sends and the 130429 and pair-rate answers counted so far, so that <see cref="Summary"/> covers only
    /// what comes after (the campaign bench's measured campaign after its warm-up campaign). The limits' windows are kept: the
    /// limits hold across the reset.
    /// </summary>
    public void Reset()
    {
        lock (gate)
        {
            accepted.Clear();
            refusedAt.Clear();
            throughputViolations = 0;
            pairViolations = 0;
        }
    }

    public Result Summary()
    {
        lock (gate)
        {
            var distinct = accepted.Select(a => a.Phone + ":" + a.To).Distinct().Count();
            var span = accepted.Count > 1 ? Stopwatch.GetElapsedTime(accepted.Min(a => a.At), accepted.Max(a => a.At)) : TimeSpan.Zero;
            // The most accepted in any rolling second (by arrival order, which is the order of the list).
            var times = accepted.Select(a => a.At).Order().ToArray();
            var peak = 0;
            for (int i = 0, j = 0; i < times.Length; i++)
            {
                while (Stopwatch.GetElapsedTime(times[j], times[i]) >= TimeSpan.FromSeconds(1)) j++;
                peak = Math.Max(peak, i - j + 1);
            }
            // Per whole second after the first accepted send: how many were accepted, and how many 130429s were answered.
            var seconds = times.Length > 0 ? (int)Stopwatch.GetElapsedTime(times[0], times[^1]).TotalSeconds + 1 : 0;
            var acceptedPerSecond = new int[seconds];
            var refusedPerSecond = new int[seconds];
            foreach (var t in times) acceptedPerSecond[(int)Stopwatch.GetElapsedTime(times[0], t).TotalSeconds]++;
            foreach (var t in refusedAt)
            {
                var second = t < times[0] ? 0 : (int)Stopwatch.GetElapsedTime(times[0], t).TotalSeconds;
                if (second < seconds) refusedPerSecond[second]++;
            }
            return new Result(accepted.Count, distinct, accepted.Count - distinct, throughputViolations, pairViolations, span, peak,
                acceptedPerSecond, refusedPerSecond);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!.Trim('/');
        var bytes = await BodyAsync(request);
        var auth = request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        if (token is null || !tokens.ContainsKey(token))
        {
            await Error(context, 401, 190, "Error validating access token: Session has expired.");
            return;
        }
        var segments = path.Split('/');
        var id = segments.Length > 1 ? segments[1] : "";
        var edge = segments.Length > 2 ? segments[2] : null;
        switch (request.Method, edge)
        {
            case ("POST", "messages") when phones.ContainsKey(id):
                await MessagesAsync(context, id, bytes);
                return;
            case ("GET", null) when phones.TryGetValue(id, out var waba):
                await Json(context, PhoneJson(id));
                return;
            case ("GET", null) when wabas.ContainsKey(id):
                await Json(context, new JsonObject { ["id"] = id, ["name"] = "Bench WABA", ["account_review_status"] = "APPROVED", ["currency"] = "USD" });
                return;
            case ("GET", "phone_numbers") when wabas.ContainsKey(id):
                await Json(context, new JsonObject { ["data"] = new JsonArray(phones.Where(p => p.Value == id).Select(p => (JsonNode)PhoneJson(p.Key)).ToArray()) });
                return;
            case ("GET", "subscribed_apps") when wabas.ContainsKey(id):
                await Json(context, new JsonObject
                {
                    ["data"] = new JsonArray(subscriptions.GetOrAdd(id, _ => []).Distinct()
                        .Select(a => (JsonNode)new JsonObject { ["whatsapp_business_api_data"] = new JsonObject { ["id"] = a, ["name"] = "InboxApp" } }).ToArray()),
                });
                return;
            case ("POST", "subscribed_apps") when wabas.ContainsKey(id):
                subscriptions.GetOrAdd(id, _ => []).Add("bench-app-id");
                await Json(context, new JsonObject { ["success"] = true });
                return;
            case ("POST", "register") when phones.ContainsKey(id):
                await Json(context, new JsonObject { ["success"] = true });
                return;
            case ("POST", "message_templates") when wabas.ContainsKey(id):
                var json = JsonNode.Parse(bytes.Span)!.AsObject();
                var templateId = Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString();
                var category = json["category"]?.GetValue<string>() ?? "MARKETING";
                templates[templateId] = new JsonObject
                {
                    ["id"] = templateId, ["name"] = json["name"]?.GetValue<string>(), ["language"] = json["language"]?.GetValue<string>(), ["status"] = "APPROVED",
                    ["category"] = category, ["components"] = json["components"]?.DeepClone(), ["quality_score"] = new JsonObject { ["score"] = "GREEN" },
                    ["rejected_reason"] = "NONE", ["parameter_format"] = json["parameter_format"]?.GetValue<string>() ?? "POSITIONAL", ["waba"] = id,
                };
                await Json(context, new JsonObject { ["id"] = templateId, ["status"] = "APPROVED", ["category"] = category });
                return;
            case ("GET", "message_templates") when wabas.ContainsKey(id):
                var page = templates.Values.Where(t => t["waba"]!.GetValue<string>() == id).Select(t =>
                {
                    var copy = t.DeepClone().AsObject();
                    copy.Remove("waba");
                    return (JsonNode)copy;
                }).ToArray();
                await Json(context, new JsonObject { ["data"] = new JsonArray(page), ["paging"] = new JsonObject { ["cursors"] = new JsonObject() } });
                return;
            default:
                await Error(context, 400, 100, $"Unsupported {request.Method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                    "GraphMethodException", subcode: 33);
                return;
        }
    }

    /// <summary>
    /// <c>POST /{phone-number-id}/messages</c>: read receipts succeed; sends pass the number's rate and the pair rate, then get a
    /// wamid. The request is read with a forward-only reader (the fields checked and recorded, nothing else) and the answer
    /// written straight to the response: this stands for Meta's servers, and its CPU counts in the benchmark's figure.
    /// </summary>
    private async Task MessagesAsync(HttpContext context, string phoneId, ReadOnlyMemory<byte> body)
    {
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency / 2);
        await AnswerMessageAsync(context, phoneId, body);
    }

    private async Task AnswerMessageAsync(HttpContext context, string phoneId, ReadOnlyMemory<byte> body)
    {
        SendRequest payload;
        try
        {
            payload = SendRequest.Read(body.Span);
        }
        catch (JsonException)
        {
            await Error(context, 400, 100, "(#100) Invalid JSON.");
            return;
        }
        if (payload.MessagingProduct != "whatsapp")
        {
            await Error(context, 400, 100, "(#100) The parameter messaging_product is required.");
            return;
        }
        if (payload.Status == "read")
        {
            await Raw(context, SuccessBody);
            return;
        }
        var type = payload.Type ?? "text";
        if (type == "template" && (payload.TemplateName is null || payload.TemplateLanguage is null))
        {
            await Error(context, 400, 131008, "(#131008) Required parameter is missing", details: "template needs name and language.code.");
            return;
        }
        var to = payload.To ?? "";
        int? refused = null;
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (!windows.TryGetValue(phoneId, out var window)) windows[phoneId] = window = new Queue<long>();
            while (window.Count > 0 && Stopwatch.GetElapsedTime(window.Peek(), now) >= TimeSpan.FromSeconds(1)) window.Dequeue();
            var pairKey = phoneId + ":" + to;
            if (window.Count >= rate)
            {
                throughputViolations++;
                refusedAt.Add(now);
                refused = 130429;
            }
            else if (lastTo.TryGetValue(pairKey, out var last) && Stopwatch.GetElapsedTime(last, now) < PairWindow)
            {
                pairViolations++;
                refused = 131056;
            }
            else
            {
                window.Enqueue(now);
                lastTo[pairKey] = now;
                accepted.Add(new Accepted(phoneId, to, payload.CallbackData, now));
            }
        }
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency / 2);
        if (refused == 130429)
        {
            await Error(context, 400, 130429, "(#130429) Rate limit hit", details: "Cloud API message throughput has been reached.");
            return;
        }
        if (refused == 131056)
        {
            await Error(context, 400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                details: "Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.");
            return;
        }
        // {"messaging_product":"whatsapp","contacts":[{"input":to,"wa_id":to}],"messages":[{"id":wamid,"message_status"?:"accepted"}]}
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("messaging_product"u8, "whatsapp"u8);
            writer.WriteStartArray("contacts"u8);
            writer.WriteStartObject();
            writer.WriteString("input"u8, to);
            writer.WriteString("wa_id"u8, to);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartArray("messages"u8);
            writer.WriteStartObject();
            writer.WriteString("id"u8, "wamid." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('='));
            if (type == "template") writer.WriteString("message_status"u8, "accepted"u8);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private static readonly byte[] SuccessBody = """{"success":true}"""u8.ToArray();

    private static Task Raw(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>The request body as bytes (no string, no DOM).</summary>
    private static async Task<ReadOnlyMemory<byte>> BodyAsync(HttpRequest request)
    {
        if (request.ContentLength is { } length and <= 1_048_576)
        {
            var bytes = new byte[length];
            var read = 0;
            while (read < bytes.Length)
            {
                var n = await request.Body.ReadAsync(bytes.AsMemory(read));
                if (n == 0) break;
                read += n;
            }
            return bytes.AsMemory(0, read);
        }
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>What the fake checks and records of a send: top-level strings and <c>template.name</c>/<c>template.language.code</c>.</summary>
    private readonly record struct SendRequest(string? MessagingProduct, string? Status, string? Type, string? To, string? CallbackData,
        string? TemplateName, string? TemplateLanguage)
    {
        public static SendRequest Read(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            string? product = null, status = null, type = null, to = null, callback = null, name = null, language = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Not an object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("template"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject) (name, language) = ReadTemplate(ref reader);
                    else reader.Skip();
                    continue;
                }
                ref string? target = ref product;
                var known = true;
                if (reader.ValueTextEquals("messaging_product"u8)) target = ref product;
                else if (reader.ValueTextEquals("status"u8)) target = ref status;
                else if (reader.ValueTextEquals("type"u8)) target = ref type;
                else if (reader.ValueTextEquals("to"u8)) target = ref to;
                else if (reader.ValueTextEquals("biz_opaque_callback_data"u8)) target = ref callback;
                else known = false;
                reader.Read();
                if (known && reader.TokenType == JsonTokenType.String) target = reader.GetString();
                else reader.Skip();
            }
            return new SendRequest(product, status, type, to, callback, name, language);
        }

        private static (string? Name, string? Language) ReadTemplate(ref Utf8JsonReader reader)
        {
            string? name = null, language = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String) name = reader.GetString();
                    else reader.Skip();
                }
                else if (reader.ValueTextEquals("language"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isCode = reader.ValueTextEquals("code"u8);
                        reader.Read();
                        if (isCode && reader.TokenType == JsonTokenType.String) language = reader.GetString();
                        else reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            return (name, language);
        }
    }

    private static JsonObject PhoneJson(string id) => new()
    {
        ["id"] = id, ["display_phone_number"] = "+1 555-010-0199", ["verified_name"] = "Bench", ["quality_rating"] = "GREEN",
        ["messaging_limit_tier"] = "TIER_UNLIMITED", ["throughput"] = new JsonObject { ["level"] = "HIGH" }, ["status"] = "CONNECTED",
        ["name_status"] = "APPROVED", ["code_verification_status"] = "VERIFIED", ["platform_type"] = "CLOUD_API",
    };

    private static Task Json(HttpContext context, JsonObject json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json.ToJsonString());
    }

    /// <summary>Meta's error body: <c>{ "error": { "message", "type", "code", "error_subcode"?, "error_data": { "details" }, "fbtrace_id" } }</c>.</summary>
    private static Task Error(HttpContext context, int status, int code, string message, string type = "OAuthException", int? subcode = null, string? details = null)
    {
        context.Response.StatusCode = status;
        var error = new JsonObject
        {
            ["message"] = message, ["type"] = type, ["code"] = code,
            ["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details ?? message },
            ["fbtrace_id"] = "A" + Guid.NewGuid().ToString("N")[..20],
        };
        if (subcode is not null) error["error_subcode"] = subcode;
        return Json(context, new JsonObject { ["error"] = error });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
