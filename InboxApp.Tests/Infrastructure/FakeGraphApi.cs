using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// An in-process stand-in for Meta's Graph API (WhatsApp Cloud API) on a real loopback port, answering with the documented
/// payloads and error bodies: phone numbers, WABAs, subscribed apps, registration, the Embedded Signup code exchange,
/// message sends, media upload and download. Tests arrange state and queue failures, then inspect what was called.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    public sealed record PhoneState(string Id, string DisplayPhoneNumber, string VerifiedName, string WabaId)
    {
        public string QualityRating { get; set; } = "GREEN";
        public string MessagingLimitTier { get; set; } = "TIER_1K";
        public string Status { get; set; } = "CONNECTED";
        public bool Registered { get; set; }
    }

    public sealed record Call(string Method, string Path, string? Token, string Body);

    /// <summary>A file uploaded to <c>/{phone-number-id}/media</c>: the id Meta gave it and what was sent.</summary>
    public sealed record Upload(string PhoneNumberId, string MediaId, string MimeType, string FileName, byte[] Content);

    /// <summary>A message template as the fake keeps it (Meta's fields).</summary>
    public sealed class TemplateState(string id, string wabaId, string name, string language, string category, JsonArray components)
    {
        public string Id { get; } = id;
        public string WabaId { get; } = wabaId;
        public string Name { get; } = name;
        public string Language { get; } = language;
        public string Category { get; set; } = category;
        public JsonArray Components { get; set; } = components;
        public string Status { get; set; } = "PENDING";
        public string Quality { get; set; } = "UNKNOWN";
        public string? RejectedReason { get; set; }
        public string? ParameterFormat { get; set; }
    }

    /// <summary>A resumable upload session (<c>POST /{app-id}/uploads</c>) and, once sent, its bytes and handle.</summary>
    public sealed record UploadSession(string AppId, string FileName, long FileLength, string FileType)
    {
        public byte[]? Content { get; set; }
        public string? Handle { get; set; }
    }

    private readonly WebApplication app;

    /// <summary>Templates by Meta's id.</summary>
    public ConcurrentDictionary<string, TemplateState> Templates { get; } = new();
    public ConcurrentDictionary<string, UploadSession> UploadSessions { get; } = new();
    /// <summary>The status a new template gets (Meta answers PENDING; tests may want APPROVED at once).</summary>
    public string NewTemplateStatus { get; set; } = "PENDING";
    /// <summary>Templates per page of <c>GET /{waba-id}/message_templates</c> when the request gives no limit.</summary>
    public int TemplatePageSize { get; set; } = 25;

    public IEnumerable<TemplateState> TemplatesOf(string wabaId) => Templates.Values.Where(t => t.WabaId == wabaId);

    public ConcurrentDictionary<string, PhoneState> Phones { get; } = new();
    public ConcurrentDictionary<string, string> Wabas { get; } = new();
    /// <summary>WABA id → subscribed app ids.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<string>> Subscriptions { get; } = new();
    public ConcurrentDictionary<string, bool> ValidTokens { get; } = new();
    /// <summary>Embedded Signup codes → the business token they exchange for.</summary>
    public ConcurrentDictionary<string, string> Codes { get; } = new();
    public ConcurrentDictionary<string, (byte[] Content, string MimeType)> Media { get; } = new();
    public ConcurrentQueue<Call> Calls { get; } = new();
    public ConcurrentQueue<Upload> Uploads { get; } = new();
    /// <summary>Errors to answer to the next matching requests, in order: (path contains, HTTP status, Graph code, message).</summary>
    public ConcurrentQueue<(string PathContains, int Status, int Code, string Message)> Failures { get; } = new();
    public string AppId { get; set; } = "fake-app-id";
    /// <summary>Further Meta apps (an organization's own): app id → app secret, checked on the code exchange.</summary>
    public ConcurrentDictionary<string, string> Apps { get; } = new();
    /// <summary>Business token → the app it was issued for (by the code exchange); subscribing with it subscribes that app.</summary>
    public ConcurrentDictionary<string, string> TokenApps { get; } = new();
    /// <summary>WABA id → <c>account_review_status</c> (APPROVED when absent).</summary>
    public ConcurrentDictionary<string, string> WabaReviewStatus { get; } = new();
    /// <summary>How long every answer takes, to observe concurrency.</summary>
    public TimeSpan Delay { get; set; }
    /// <summary>The most requests that were in flight at the same time (reset it before measuring).</summary>
    public int PeakConcurrency { get => peak; set => peak = value; }
    private int inFlight;
    private int peak;

    public string BaseUrl { get; }

    /// <summary>Runs when a request has been received and recorded, before it is answered (a test can stop the caller there).</summary>
    public Func<Call, Task>? BeforeAnswer { get; set; }

    private FakeGraphApi(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeGraphApi? fake = null;
        app.Map("/{**path}", (HttpContext context) => fake!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeGraphApi(app, address);
        return fake;
    }

    /// <summary>A WABA with one phone number and a valid token for both.</summary>
    public (string WabaId, string PhoneNumberId, string Token) AddAccount(string displayPhone = "+1 555-010-0100", string verifiedName = "Acme Support")
    {
        var waba = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();
        var phone = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();
        var token = "EAAG" + Guid.NewGuid().ToString("N");
        Wabas[waba] = verifiedName + " WABA";
        Phones[phone] = new PhoneState(phone, displayPhone, verifiedName, waba);
        ValidTokens[token] = true;
        return (waba, phone, token);
    }

    public IEnumerable<Call> CallsTo(string pathContains) => Calls.Where(c => c.Path.Contains(pathContains, StringComparison.Ordinal));

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref inFlight);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!.Trim('/');
        byte[]? raw = null;
        if (path.Contains("/upload:", StringComparison.Ordinal))
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            raw = buffer.ToArray();
        }
        var body = raw is not null ? $"({raw.Length} bytes)" : request.HasFormContentType ? "(multipart)" : await new StreamReader(request.Body).ReadToEndAsync();
        var auth = request.Headers.Authorization.ToString();
        // Graph takes "Bearer {token}"; the resumable upload's second step uses "OAuth {token}".
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : auth.StartsWith("OAuth ", StringComparison.Ordinal) ? auth[6..] : null;
        var call = new Call(request.Method, path + request.QueryString, token, body);
        Calls.Enqueue(call);
        if (BeforeAnswer is { } hook) await hook(call);

        if (Failures.TryPeek(out var failure) && path.Contains(failure.PathContains, StringComparison.Ordinal) && Failures.TryDequeue(out failure))
        {
            await Error(context, failure.Status, failure.Code, failure.Message);
            return;
        }

        var segments = path.Split('/');
        if (segments[0] == "download")
        {
            await DownloadAsync(context, segments, token);
            return;
        }
        // {version}/oauth/access_token
        if (segments.Length == 3 && segments[1] == "oauth")
        {
            var code = request.Query["code"].ToString();
            var clientId = request.Query["client_id"].ToString();
            if (clientId != AppId && !Apps.ContainsKey(clientId))
            {
                await Error(context, 400, 101, "Error validating application. Invalid application ID.", "OAuthException");
                return;
            }
            if (Apps.TryGetValue(clientId, out var secret) && secret != request.Query["client_secret"])
            {
                await Error(context, 400, 1, "Error validating client secret.", "OAuthException");
                return;
            }
            if (!Codes.TryRemove(code, out var exchanged))
            {
                await Error(context, 400, 100, "Invalid verification code format.", "OAuthException");
                return;
            }
            TokenApps[exchanged] = clientId;
            await Json(context, new JsonObject { ["access_token"] = exchanged, ["token_type"] = "bearer" });
            return;
        }
        if (token is null || !ValidTokens.ContainsKey(token))
        {
            await Error(context, 401, 190, "Error validating access token: Session has expired.", "OAuthException");
            return;
        }
        var id = segments.Length > 1 ? segments[1] : "";
        var edge = segments.Length > 2 ? segments[2] : null;
        switch (request.Method, edge)
        {
            case ("GET", null) when Phones.TryGetValue(id, out var phone):
                await Json(context, PhoneJson(phone));
                return;
            case ("GET", null) when Wabas.TryGetValue(id, out var name):
                await Json(context, new JsonObject { ["id"] = id, ["name"] = name, ["account_review_status"] = WabaReviewStatus.GetValueOrDefault(id, "APPROVED"), ["currency"] = "USD" });
                return;
            case ("GET", null) when Media.TryGetValue(id, out var media):
                await Json(context, new JsonObject
                {
                    ["url"] = $"{BaseUrl}/download/{id}", ["mime_type"] = media.MimeType, ["sha256"] = "fake", ["file_size"] = media.Content.Length,
                    ["id"] = id, ["messaging_product"] = "whatsapp",
                });
                return;
            case ("GET", "phone_numbers") when Wabas.ContainsKey(id):
                await Json(context, new JsonObject { ["data"] = new JsonArray(Phones.Values.Where(p => p.WabaId == id).Select(p => (JsonNode)PhoneJson(p)).ToArray()) });
                return;
            case ("GET", "subscribed_apps") when Wabas.ContainsKey(id):
                await Json(context, new JsonObject
                {
                    ["data"] = new JsonArray(Subscriptions.GetOrAdd(id, _ => []).Distinct()
                        .Select(a => (JsonNode)new JsonObject { ["whatsapp_business_api_data"] = new JsonObject { ["id"] = a, ["name"] = "InboxApp" } }).ToArray()),
                });
                return;
            case ("POST", "subscribed_apps") when Wabas.ContainsKey(id):
                Subscriptions.GetOrAdd(id, _ => []).Add(TokenApps.GetValueOrDefault(token, AppId));
                await Json(context, new JsonObject { ["success"] = true });
                return;
            case ("DELETE", "subscribed_apps") when Wabas.ContainsKey(id):
                Subscriptions[id] = [];
                await Json(context, new JsonObject { ["success"] = true });
                return;
            case ("POST", "register") when Phones.TryGetValue(id, out var phone):
                var pin = JsonNode.Parse(body)?["pin"]?.GetValue<string>();
                if (pin is null || pin.Length != 6 || !pin.All(char.IsAsciiDigit))
                {
                    await Error(context, 400, 133005, "Two step verification PIN Mismatch");
                    return;
                }
                phone.Registered = true;
                await Json(context, new JsonObject { ["success"] = true });
                return;
            case ("POST", "messages") when Phones.ContainsKey(id):
                await MessagesAsync(context, body);
                return;
            case ("POST", "media") when Phones.ContainsKey(id):
                await UploadAsync(context, id);
                return;
            case ("POST", "message_templates") when Wabas.ContainsKey(id):
                await CreateTemplateAsync(context, id, body);
                return;
            case ("GET", "message_templates") when Wabas.ContainsKey(id):
                await ListTemplatesAsync(context, id);
                return;
            case ("DELETE", "message_templates") when Wabas.ContainsKey(id):
                var deleteName = request.Query["name"].ToString();
                var doomed = TemplatesOf(id).Where(t => t.Name == deleteName).ToList();
                if (doomed.Count == 0)
                {
                    await Error(context, 400, 100, "Invalid parameter", subcode: 2593002, details: $"Message template \"{deleteName}\" not found.");
                    return;
                }
                foreach (var t in doomed) Templates.TryRemove(t.Id, out _);
                await Json(context, new JsonObject { ["success"] = true });
                return;
            case ("POST", null) when Templates.TryGetValue(id, out var template):
                await EditTemplateAsync(context, template, body);
                return;
            case ("POST", "uploads") when id == AppId || Apps.ContainsKey(id):
                var length = long.TryParse(request.Query["file_length"], out var l) ? l : -1;
                var fileType = request.Query["file_type"].ToString();
                if (length <= 0 || fileType.Length == 0)
                {
                    await Error(context, 400, 100, "(#100) The parameters file_length and file_type are required.");
                    return;
                }
                var sessionId = "upload:" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('/', '_').Replace('+', '-');
                UploadSessions[sessionId] = new UploadSession(id, request.Query["file_name"].ToString(), length, fileType);
                await Json(context, new JsonObject { ["id"] = sessionId });
                return;
            case ("POST", null) when UploadSessions.TryGetValue(id, out var session):
                if (request.Headers["file_offset"].ToString() != "0" || raw is null || raw.Length != session.FileLength)
                {
                    await Error(context, 400, 100, "(#100) Invalid file_offset or file length.", details: $"Expected {session.FileLength} bytes at offset 0.");
                    return;
                }
                session.Content = raw;
                session.Handle = "4::" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=');
                await Json(context, new JsonObject { ["h"] = session.Handle });
                return;
            default:
                await Error(context, 400, 100, $"Unsupported {request.Method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", "GraphMethodException", subcode: 33);
                return;
        }
    }

    /// <summary>
    /// <c>POST /{phone-number-id}/messages</c>: a read receipt (with or without typing indicator) answers <c>{"success":true}</c>;
    /// a send is checked as Meta checks it (media ids must have been uploaded, 1–3 reply buttons of at most 20 characters,
    /// a template's name and language) and answers the wamid, templates with <c>message_status: accepted</c>.
    /// </summary>
    private async Task MessagesAsync(HttpContext context, string body)
    {
        var payload = JsonNode.Parse(body)!.AsObject();
        if (payload["messaging_product"]?.GetValue<string>() != "whatsapp")
        {
            await Error(context, 400, 100, "(#100) The parameter messaging_product is required.");
            return;
        }
        if (payload["status"]?.GetValue<string>() == "read")
        {
            if (payload["message_id"] is null || payload["typing_indicator"] is JsonObject t && t["type"]?.GetValue<string>() != "text")
            {
                await Error(context, 400, 100, "(#100) Invalid parameter");
                return;
            }
            await Json(context, new JsonObject { ["success"] = true });
            return;
        }
        var type = payload["type"]?.GetValue<string>() ?? "text";
        var content = payload[type] as JsonNode;
        if (content is null)
        {
            await Error(context, 400, 131008, "(#131008) Required parameter is missing", details: $"Parameter '{type}' is required.");
            return;
        }
        switch (type)
        {
            case "image" or "video" or "audio" or "document" or "sticker":
                var mediaId = content["id"]?.GetValue<string>();
                if (content["link"] is null && (mediaId is null || !Media.ContainsKey(mediaId)))
                {
                    await Error(context, 400, 131053, "(#131053) Media upload error", details: $"Media id {mediaId} was not found or has expired.");
                    return;
                }
                break;
            case "reaction" when content["message_id"] is null || content["emoji"] is null:
                await Error(context, 400, 131008, "(#131008) Required parameter is missing", details: "reaction needs message_id and emoji.");
                return;
            case "interactive" when InvalidButtons(content) is { } problem:
                await Error(context, 400, 131009, "(#131009) Parameter value is not valid", details: problem);
                return;
            case "template" when content["name"] is null || content["language"] is not JsonObject language || language["code"] is null:
                await Error(context, 400, 131008, "(#131008) Required parameter is missing", details: "template needs name and language.code.");
                return;
        }
        var to = payload["to"]?.GetValue<string>() ?? "";
        var message = new JsonObject { ["id"] = "wamid." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=') };
        if (type == "template") message["message_status"] = "accepted";
        await Json(context, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(message),
        });
    }

    /// <summary>
    /// <c>POST /{waba-id}/message_templates</c>: checked as Meta checks it (name shape, category, a BODY, one template per name and
    /// language) and answered <c>{ id, status, category }</c>.
    /// </summary>
    private async Task CreateTemplateAsync(HttpContext context, string wabaId, string body)
    {
        var json = JsonNode.Parse(body) as JsonObject;
        var name = json?["name"]?.GetValue<string>();
        var language = json?["language"]?.GetValue<string>();
        var category = json?["category"]?.GetValue<string>();
        if (name is null || language is null || category is null || json!["components"] is not JsonArray components)
        {
            await Error(context, 400, 100, "(#100) The parameters name, language, category and components are required.");
            return;
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9_]{1,512}$"))
        {
            await Error(context, 400, 100, "Invalid parameter", subcode: 2388042, details: "Template name can only contain lowercase characters, numbers and underscores.");
            return;
        }
        if (category is not ("MARKETING" or "UTILITY" or "AUTHENTICATION"))
        {
            await Error(context, 400, 100, "Invalid parameter", details: $"Invalid category {category}.");
            return;
        }
        if (!components.Any(c => c?["type"]?.GetValue<string>()?.ToUpperInvariant() == "BODY"))
        {
            await Error(context, 400, 100, "Invalid parameter", subcode: 2388043, details: "Message template body is required.");
            return;
        }
        if (TemplatesOf(wabaId).Any(t => t.Name == name && t.Language == language))
        {
            await Error(context, 400, 100, "Invalid parameter", subcode: 2388024,
                details: $"Content in this language already exists for the message template {name}.");
            return;
        }
        var id = Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString();
        Templates[id] = new TemplateState(id, wabaId, name, language, category, (JsonArray)components.DeepClone())
        {
            Status = NewTemplateStatus, ParameterFormat = json["parameter_format"]?.GetValue<string>() ?? "POSITIONAL",
        };
        await Json(context, new JsonObject { ["id"] = id, ["status"] = NewTemplateStatus, ["category"] = category });
    }

    /// <summary><c>GET /{waba-id}/message_templates?limit&amp;after</c>: Meta's cursor paging (<c>paging.cursors</c>, <c>next</c> while more remain).</summary>
    private async Task ListTemplatesAsync(HttpContext context, string wabaId)
    {
        var all = TemplatesOf(wabaId).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var limit = int.TryParse(context.Request.Query["limit"], out var l) && l > 0 ? Math.Min(l, TemplatePageSize) : TemplatePageSize;
        var after = context.Request.Query["after"].ToString();
        var start = after.Length > 0 && int.TryParse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(after)), out var s) ? s : 0;
        var page = all.Skip(start).Take(limit).ToList();
        string Cursor(int index) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(index.ToString()));
        var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = Cursor(start), ["after"] = Cursor(start + page.Count) } };
        if (start + page.Count < all.Count) paging["next"] = $"{BaseUrl}{context.Request.Path}?limit={limit}&after={Cursor(start + page.Count)}";
        await Json(context, new JsonObject
        {
            ["data"] = new JsonArray(page.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id, ["name"] = t.Name, ["language"] = t.Language, ["status"] = t.Status, ["category"] = t.Category,
                ["components"] = t.Components.DeepClone(), ["quality_score"] = new JsonObject { ["score"] = t.Quality },
                ["rejected_reason"] = t.RejectedReason ?? "NONE", ["parameter_format"] = t.ParameterFormat ?? "POSITIONAL",
            }).ToArray()),
            ["paging"] = paging,
        });
    }

    /// <summary><c>POST /{template-id}</c>: new components (and category); a PENDING template cannot be edited; the edit goes to review.</summary>
    private async Task EditTemplateAsync(HttpContext context, TemplateState template, string body)
    {
        var json = JsonNode.Parse(body) as JsonObject;
        if (template.Status == "PENDING")
        {
            await Error(context, 400, 100, "Invalid parameter", subcode: 2388040, details: "A template in review cannot be edited.");
            return;
        }
        if (json?["components"] is JsonArray components) template.Components = (JsonArray)components.DeepClone();
        if (json?["category"]?.GetValue<string>() is { } category) template.Category = category;
        template.Status = "PENDING";
        template.RejectedReason = null;
        await Json(context, new JsonObject { ["success"] = true });
    }

    private static string? InvalidButtons(JsonNode content)
    {
        if (content["type"]?.GetValue<string>() != "button") return null;
        if (content["action"]?["buttons"] is not JsonArray buttons || buttons.Count is < 1 or > 3) return "Buttons count should be between 1 and 3.";
        return buttons.Any(b => b?["reply"]?["title"]?.GetValue<string>() is not { Length: >= 1 and <= 20 }) ? "Button title length should be between 1 and 20." : null;
    }

    /// <summary>Meta's supported outbound media types and their size limits.</summary>
    private static readonly Dictionary<string, long> MediaLimits = new()
    {
        ["image/jpeg"] = 5 * 1024 * 1024, ["image/png"] = 5 * 1024 * 1024, ["image/webp"] = 500 * 1024,
        ["video/mp4"] = 16 * 1024 * 1024, ["video/3gpp"] = 16 * 1024 * 1024,
        ["audio/aac"] = 16 * 1024 * 1024, ["audio/amr"] = 16 * 1024 * 1024, ["audio/mpeg"] = 16 * 1024 * 1024, ["audio/mp4"] = 16 * 1024 * 1024,
        ["audio/ogg"] = 16 * 1024 * 1024,
        ["application/pdf"] = 100 * 1024 * 1024, ["text/plain"] = 100 * 1024 * 1024,
        ["application/msword"] = 100 * 1024 * 1024, ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = 100 * 1024 * 1024,
        ["application/vnd.ms-excel"] = 100 * 1024 * 1024, ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = 100 * 1024 * 1024,
        ["application/vnd.ms-powerpoint"] = 100 * 1024 * 1024, ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = 100 * 1024 * 1024,
    };

    /// <summary><c>POST /{phone-number-id}/media</c> (multipart: <c>messaging_product</c>, <c>type</c>, <c>file</c>): <c>{"id"}</c>.</summary>
    private async Task UploadAsync(HttpContext context, string phoneNumberId)
    {
        if (!context.Request.HasFormContentType)
        {
            await Error(context, 400, 100, "(#100) The parameter file is required.");
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (form["messaging_product"] != "whatsapp" || file is null)
        {
            await Error(context, 400, 100, "(#100) The parameters messaging_product and file are required.");
            return;
        }
        var mime = (form["type"].ToString() is { Length: > 0 } t ? t : file.ContentType).Split(';')[0].Trim();
        if (!MediaLimits.TryGetValue(mime, out var limit))
        {
            await Error(context, 400, 131053, "(#131053) Media upload error", details: $"Param file must be a file with one of the supported types; got {mime}.");
            return;
        }
        if (file.Length > limit)
        {
            await Error(context, 400, 131053, "(#131053) Media upload error", details: $"File size {file.Length} exceeds the limit of {limit} bytes for {mime}.");
            return;
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var mediaId = Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString();
        Media[mediaId] = (buffer.ToArray(), mime);
        Uploads.Enqueue(new Upload(phoneNumberId, mediaId, mime, file.FileName, buffer.ToArray()));
        await Json(context, new JsonObject { ["id"] = mediaId });
    }

    private async Task DownloadAsync(HttpContext context, string[] segments, string? token)
    {
        if (token is null || !ValidTokens.ContainsKey(token))
        {
            context.Response.StatusCode = 401;
            return;
        }
        if (segments.Length < 2 || !Media.TryGetValue(segments[1], out var media))
        {
            context.Response.StatusCode = 404;
            return;
        }
        context.Response.ContentType = media.MimeType;
        await context.Response.Body.WriteAsync(media.Content);
    }

    private static JsonObject PhoneJson(PhoneState p) => new()
    {
        ["id"] = p.Id, ["display_phone_number"] = p.DisplayPhoneNumber, ["verified_name"] = p.VerifiedName,
        ["quality_rating"] = p.QualityRating, ["messaging_limit_tier"] = p.MessagingLimitTier,
        ["throughput"] = new JsonObject { ["level"] = "STANDARD" }, ["status"] = p.Status, ["name_status"] = "APPROVED",
        ["code_verification_status"] = "VERIFIED", ["platform_type"] = p.Registered ? "CLOUD_API" : "NOT_APPLICABLE",
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
