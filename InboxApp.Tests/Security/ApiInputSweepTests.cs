using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Partners;

namespace InboxApp.Tests.Security;

/// <summary>
/// Issue 17's outside-in probe as one sweep: every operation of the OpenAPI document gets what an attacker sends
/// (a malformed body, NULs in every string, wrong types, huge and negative numbers, NULs and overflowing numbers in every
/// query parameter and route value), as the admin of a fresh organization. Nothing may answer a 5xx, and every error is
/// the envelope <c>{ "error": { "message", "code" } }</c>. A failure lists each operation, variant and answer.
/// </summary>
[Collection(SharedApp.Second)]
public sealed class ApiInputSweepTests(NoJobsAppFactory factory)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>Operations that end the caller's session or organization: sweeping them would sign the sweep out.</summary>
    private static bool EndsTheSession(string method, string path) =>
        path is "/api/v1/auth/logout" || (method == "delete" && path is "/api/v1/organization" or "/api/v1/profile");

    private sealed record Operation(string Method, string Path, JsonElement Spec)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }

    /// <summary>Operations only partner keys may call (<c>sk_partner_…</c>): swept as a partner in one of its accounts.</summary>
    private static bool IsPartners(string path) => path.StartsWith("/api/v1/accounts", StringComparison.Ordinal) || path.StartsWith("/api/v1/workspace/", StringComparison.Ordinal);

    private sealed class Sweep(InboxAppFactory factory)
    {
        public readonly List<string> Problems = [];
        public int Requests;
        private SignedIn? admin;
        private TestPartner? partner;
        public TestAccount? Account;

        public async Task StartAsync()
        {
            partner = await factory.CreatePartnerAsync();
            Account = await partner.CreateAccountAsync();
        }

        private bool check;

        /// <summary>The admin's client; after a write that succeeded, a new admin if that write ended the session.</summary>
        public async Task<HttpClient> ClientAsync()
        {
            if (admin is not null && check) check = (await admin.Client.GetAsync("/api/v1/auth/me")).StatusCode != HttpStatusCode.OK;
            if (admin is null || check) admin = await factory.RegisterOrganizationAsync();
            check = false;
            return admin.Client;
        }

        public async Task SendAsync(Operation op, string variant, string url, HttpContent? content, params HttpStatusCode[] expected)
        {
            var asPartner = IsPartners(op.Path);
            var client = asPartner ? partner!.Client : await ClientAsync();
            using var request = new HttpRequestMessage(new HttpMethod(op.Method.ToUpperInvariant()), url) { Content = content };
            if (asPartner) request.Headers.Add("X-Account-Id", Account!.Id.ToString());
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
            {
                return; // the test server refuses a NUL in a path before sending it (Kestrel answers 400 itself)
            }
            catch (Exception e)
            {
                Problems.Add($"{op} [{variant}] {url}: threw {e.GetType().Name}: {e.Message}");
                return;
            }
            Requests++;
            check = !asPartner && op.Method != "get" && response.IsSuccessStatusCode;
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500 && !(status != 500 && Declares(op, status))) { Problems.Add($"{op} [{variant}] {url}: {status} {Short(body)}"); return; }
            if (expected.Length > 0 && !expected.Contains(response.StatusCode))
            {
                Problems.Add($"{op} [{variant}] {url}: expected {string.Join("/", expected.Select(s => (int)s))}, got {status} {Short(body)}");
                return;
            }
            // Pages made for browsers (the partner connect page) and Meta's webhook handshake answer in their own format.
            var isPage = response.Content.Headers.ContentType?.MediaType == "text/html" || op.Path.StartsWith("/webhooks/", StringComparison.Ordinal);
            if (status >= 400 && !isPage && !IsEnvelope(body)) Problems.Add($"{op} [{variant}] {url}: {status} without the error envelope: {Short(body)}");
        }

        private static bool Declares(Operation op, int status) =>
            op.Spec.TryGetProperty("responses", out var responses) && responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out _);

        private static bool IsEnvelope(string body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.TryGetProperty("error", out var error)
                    && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static string Short(string body) => body.Length > 300 ? body[..300] + "…" : body;
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        await response.ShouldBe(HttpStatusCode.OK);
        var document = await response.Json();
        return (from path in document.GetProperty("paths").EnumerateObject()
                from method in path.Value.EnumerateObject()
                where Methods.Contains(method.Name) && !EndsTheSession(method.Name, path.Name)
                select new Operation(method.Name, path.Name, method.Value)).ToList();
    }

    /// <summary>The operation's URL with each route value from <paramref name="value"/> (by the parameter's schema).</summary>
    private static string Url(Operation op, Func<string, JsonElement, string> value)
    {
        var url = op.Path;
        if (!op.Spec.TryGetProperty("parameters", out var parameters)) return url;
        foreach (var p in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var name = p.GetProperty("name").GetString()!;
            url = url.Replace("{" + name + "}", Uri.EscapeDataString(value(name, p.TryGetProperty("schema", out var s) ? s : default)));
        }
        return url;
    }

    /// <summary>A well-formed route value: the sweep's partner account for a workspace slug, else one that is not found.</summary>
    private static Func<string, JsonElement, string> PlainValues(Sweep sweep) => (name, schema) => name == "slug" ? sweep.Account!.Slug : PlainValue(schema);

    private static string PlainValue(JsonElement schema)
    {
        var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) ? t.ToString() : "string";
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return type.Contains("integer") || type.Contains("number") ? "1" : format == "uuid" ? Guid.NewGuid().ToString() : "x" + Guid.NewGuid().ToString("N")[..8];
    }

    private static List<string> QueryNames(Operation op) =>
        op.Spec.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
            : [];

    private static JsonNode? JsonExample(Operation op)
    {
        if (!op.Spec.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content)) return null;
        foreach (var media in content.EnumerateObject().Where(m => m.Name.Contains("json", StringComparison.Ordinal)))
        {
            if (media.Value.TryGetProperty("example", out var example)) return JsonNode.Parse(example.GetRawText());
            if (media.Value.TryGetProperty("examples", out var examples))
                foreach (var named in examples.EnumerateObject())
                    if (named.Value.TryGetProperty("value", out var value)) return JsonNode.Parse(value.GetRawText());
            return new JsonObject();
        }
        return null;
    }

    private static bool IsMultipart(Operation op) =>
        op.Spec.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any(m => m.Name.StartsWith("multipart/", StringComparison.Ordinal));

    /// <summary>A copy of <paramref name="node"/> with every scalar replaced by <paramref name="replace"/> (null keeps it).</summary>
    private static JsonNode? Map(JsonNode? node, Func<JsonValue, JsonNode?> replace) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Map(p.Value, replace)))),
        JsonArray a => new JsonArray(a.Select(i => Map(i, replace)).ToArray()),
        JsonValue v => replace(v) ?? v.DeepClone(),
        _ => null,
    };

    private static bool IsString(JsonValue v) => v.GetValueKind() == JsonValueKind.String;
    private static bool IsNumber(JsonValue v) => v.GetValueKind() == JsonValueKind.Number;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Every_body_taking_operation_answers_malformed_nul_mistyped_and_huge_input_with_an_error_envelope_never_a_5xx()
    {
        var sweep = new Sweep(factory);
        await sweep.StartAsync();
        var operations = await OperationsAsync();
        var swept = 0;
        foreach (var op in operations)
        {
            var example = JsonExample(op);
            if (IsMultipart(op))
            {
                swept++;
                var url = Url(op, PlainValues(sweep));
                var form = new MultipartFormDataContent
                {
                    { new StringContent("a\u0000b"), "caption" },
                    { new StringContent("\u0000"), "name" },
                    { new ByteArrayContent([0, 1, 2, 0, 0xff]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "file", "x.csv" },
                };
                await sweep.SendAsync(op, "multipart with NULs and a garbage file", url, form);
                await sweep.SendAsync(op, "json instead of multipart", url, Json("{}"));
                await sweep.SendAsync(op, "empty multipart", url, new MultipartFormDataContent());
                continue;
            }
            if (example is null) continue;
            swept++;
            var target = Url(op, PlainValues(sweep));
            await sweep.SendAsync(op, "malformed json", target, Json("{\"a\":"));
            var nul = Map(example, v => IsString(v) ? JsonValue.Create(v.GetValue<string>() + "\u0000") : null);
            if (example.ToJsonString() != nul!.ToJsonString()) await sweep.SendAsync(op, "NUL in every string", target, Json(nul.ToJsonString()));
            var unknown = Map(example, v => IsString(v) ? JsonValue.Create("NOT_A_KNOWN_VALUE") : null);
            if (example.ToJsonString() != unknown!.ToJsonString()) await sweep.SendAsync(op, "unknown words in every string", target, Json(unknown.ToJsonString()));
            var mistyped = Map(example, v => IsString(v) ? JsonValue.Create(12345678901234567890m) : IsNumber(v) ? JsonValue.Create("twelve") : JsonValue.Create("yes"));
            await sweep.SendAsync(op, "wrong types", target, Json(mistyped!.ToJsonString()));
            if (example.ToJsonString().IndexOfAny("0123456789".ToCharArray()) >= 0)
            {
                foreach (var huge in new[] { "99999999999999999999999", "2147483647", "-1" })
                {
                    var json = Map(example, v => IsNumber(v) ? JsonNode.Parse(huge)!.AsValue() : null)!.ToJsonString();
                    if (json != example.ToJsonString()) await sweep.SendAsync(op, $"numbers {huge}", target, Json(json));
                }
            }
        }

        Assert.True(swept > 60, $"Expected most of the API to take bodies, swept {swept} operations");
        Assert.True(sweep.Problems.Count == 0, $"{sweep.Problems.Count} problems in {sweep.Requests} requests:\n" + string.Join("\n", sweep.Problems));
    }

    [Fact]
    public async Task Every_operation_answers_nul_and_overflowing_query_parameters_and_route_values_with_an_error_envelope_never_a_5xx()
    {
        var sweep = new Sweep(factory);
        await sweep.StartAsync();
        var operations = await OperationsAsync();
        foreach (var op in operations.Where(o => o.Method is "get"))
        {
            var url = Url(op, PlainValues(sweep));
            var names = QueryNames(op);
            if (names.Count == 0) continue;
            foreach (var value in new[] { "%00", "2147483647", "-1", "99999999999999999999", "1e9", "%FF%FE" })
            {
                var query = string.Join("&", names.Select(n => $"{n}={value}"));
                await sweep.SendAsync(op, $"every query parameter = {value}", $"{url}?{query}", null);
            }
        }
        foreach (var op in operations.Where(o => o.Path.Contains('{')))
        {
            foreach (var value in new[] { "%00", "x%00y", "99999999999999999999", "-1" })
                await sweep.SendAsync(op, $"route values = {value}", Url(op, (_, _) => Uri.UnescapeDataString(value)), op.Method is "get" or "delete" ? null : Json("{}"));
        }

        Assert.True(sweep.Requests > 300, $"Expected to probe most of the API, sent {sweep.Requests} requests");
        Assert.True(sweep.Problems.Count == 0, $"{sweep.Problems.Count} problems in {sweep.Requests} requests:\n" + string.Join("\n", sweep.Problems));
    }

    private static bool NeedsCredentials(Operation op, JsonElement document) =>
        (op.Spec.TryGetProperty("security", out var security) ? security : document.TryGetProperty("security", out var global) ? global : default)
        is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0;

    private static string Description(Operation op) =>
        (op.Spec.TryGetProperty("summary", out var summary) ? summary.GetString() : "") + " " + (op.Spec.TryGetProperty("description", out var d) ? d.GetString() : "");

    private static StringContent? ExampleBody(Operation op) =>
        JsonExample(op) is { } example ? Json(example.ToJsonString()) : op.Method is "get" or "delete" ? null : Json("{}");

    /// <summary>Each operation without credentials, and with one of the forged ones in turn (the sweep stays quick).</summary>
    [Fact]
    public async Task Every_operation_that_needs_credentials_answers_401_without_them_or_with_forged_ones()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        var document = await response.Json();
        var operations = (await OperationsAsync()).Where(o => NeedsCredentials(o, document)).ToList();
        Assert.True(operations.Count > 100, $"Expected most operations to need credentials, found {operations.Count}");
        var problems = new List<string>();
        var credentials = new (string Name, string? Header)[]
        {
            ("none", null), ("a malformed bearer", "Bearer not-a-token"), ("an unknown access token", "Bearer at." + Guid.NewGuid().ToString("N")),
            ("an unknown API key", "Bearer sk_org_" + Guid.NewGuid().ToString("N")), ("an unknown partner key", "Bearer sk_partner_" + Guid.NewGuid().ToString("N")),
        };
        var client = factory.CreateClient();
        var turn = 0;
        foreach (var op in operations)
        foreach (var (name, header) in new[] { credentials[0], credentials[1 + turn++ % (credentials.Length - 1)] })
        {
            var url = Url(op, (_, schema) => PlainValue(schema));
            using var request = new HttpRequestMessage(new HttpMethod(op.Method.ToUpperInvariant()), url) { Content = ExampleBody(op) };
            if (header is not null) request.Headers.TryAddWithoutValidation("Authorization", header);
            var answer = await client.SendAsync(request);
            if (answer.StatusCode != HttpStatusCode.Unauthorized)
                problems.Add($"{op} with {name}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        Assert.True(problems.Count == 0, $"{problems.Count} operations answer without valid credentials:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Operations_for_admins_refuse_an_agent_and_operations_for_super_admins_refuse_an_organization_admin()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var problems = new List<string>();
        var checkedOperations = 0;
        foreach (var op in await OperationsAsync())
        {
            var description = Description(op);
            HttpClient caller;
            if (description.Contains("Super admins only", StringComparison.OrdinalIgnoreCase)) caller = admin.Client;
            else if (description.Contains("Admins only", StringComparison.OrdinalIgnoreCase) || description.Contains("(admin only)", StringComparison.OrdinalIgnoreCase)) caller = agent.Client;
            else continue;
            checkedOperations++;
            using var request = new HttpRequestMessage(new HttpMethod(op.Method.ToUpperInvariant()), Url(op, (_, schema) => PlainValue(schema))) { Content = ExampleBody(op) };
            var answer = await caller.SendAsync(request);
            if (answer.StatusCode != HttpStatusCode.Forbidden)
                problems.Add($"{op} as {(caller == agent.Client ? "an agent" : "an organization admin")}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        Assert.True(checkedOperations > 50, $"Expected many operations for admins, checked {checkedOperations}");
        Assert.True(problems.Count == 0, $"{problems.Count} operations let a lower role through:\n" + string.Join("\n", problems));
    }
}
