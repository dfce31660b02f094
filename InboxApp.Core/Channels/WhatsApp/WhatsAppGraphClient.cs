using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Channels.WhatsApp;

public sealed record GraphPhoneNumber(
    string Id, string? DisplayPhoneNumber, string? VerifiedName, string? QualityRating, string? MessagingLimitTier,
    string? ThroughputLevel, string? Status, string? NameStatus, string? CodeVerificationStatus, string? PlatformType);

public sealed record GraphWaba(string Id, string? Name, string? AccountReviewStatus, string? Currency);

/// <summary>
/// Meta's Graph API for WhatsApp Cloud API: the one door for everything outbound (<c>WhatsApp:GraphApiBaseUrl</c>,
/// <c>WhatsApp:GraphApiVersion</c>). Errors come back as <see cref="GraphApiException"/> with Meta's code and details.
/// </summary>
public sealed partial class WhatsAppGraphClient(HttpClient http, IOptions<WhatsAppOptions> options)
{
    private string Url(string path) => $"{options.Value.GraphApiBaseUrl.TrimEnd('/')}/{options.Value.GraphApiVersion}/{path.TrimStart('/')}";

    public async Task<GraphPhoneNumber> GetPhoneNumberAsync(string phoneNumberId, string accessToken, CancellationToken ct = default)
    {
        var json = await SendAsync(HttpMethod.Get,
            $"{Uri.EscapeDataString(phoneNumberId)}?fields=id,display_phone_number,verified_name,quality_rating,messaging_limit_tier,throughput,status,name_status,code_verification_status,platform_type",
            accessToken, null, ct);
        return ReadPhoneNumber(json);
    }

    public async Task<IReadOnlyList<GraphPhoneNumber>> ListPhoneNumbersAsync(string wabaId, string accessToken, CancellationToken ct = default)
    {
        var json = await SendAsync(HttpMethod.Get,
            $"{Uri.EscapeDataString(wabaId)}/phone_numbers?fields=id,display_phone_number,verified_name,quality_rating,messaging_limit_tier,throughput,status,name_status,code_verification_status,platform_type",
            accessToken, null, ct);
        return json["data"] is JsonArray data ? data.OfType<JsonObject>().Select(ReadPhoneNumber).ToList() : [];
    }

    public async Task<GraphWaba> GetWabaAsync(string wabaId, string accessToken, CancellationToken ct = default)
    {
        var json = await SendAsync(HttpMethod.Get, $"{Uri.EscapeDataString(wabaId)}?fields=id,name,account_review_status,currency", accessToken, null, ct);
        return new GraphWaba(Str(json, "id") ?? wabaId, Str(json, "name"), Str(json, "account_review_status"), Str(json, "currency"));
    }

    /// <summary>The apps subscribed to the WABA's webhooks (ours must be among them to receive messages).</summary>
    public async Task<IReadOnlyList<string>> GetSubscribedAppsAsync(string wabaId, string accessToken, CancellationToken ct = default)
    {
        var json = await SendAsync(HttpMethod.Get, $"{Uri.EscapeDataString(wabaId)}/subscribed_apps", accessToken, null, ct);
        return json["data"] is JsonArray data
            ? data.OfType<JsonObject>().Select(a => a["whatsapp_business_api_data"] is JsonObject d ? Str(d, "id") ?? Str(d, "name") : Str(a, "id")).OfType<string>().ToList()
            : [];
    }

    public Task SubscribeAppAsync(string wabaId, string accessToken, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"{Uri.EscapeDataString(wabaId)}/subscribed_apps", accessToken, new JsonObject(), ct);

    public Task UnsubscribeAppAsync(string wabaId, string accessToken, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{Uri.EscapeDataString(wabaId)}/subscribed_apps", accessToken, null, ct);

    public Task RegisterPhoneNumberAsync(string phoneNumberId, string pin, string accessToken, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"{Uri.EscapeDataString(phoneNumberId)}/register", accessToken,
            new JsonObject { ["messaging_product"] = "whatsapp", ["pin"] = pin }, ct);

    /// <summary>Embedded Signup: exchanges the browser's <c>code</c> for a business access token.</summary>
    public async Task<string> ExchangeCodeAsync(string appId, string appSecret, string code, CancellationToken ct = default)
    {
        var json = await SendAsync(HttpMethod.Get,
            $"oauth/access_token?client_id={Uri.EscapeDataString(appId)}&client_secret={Uri.EscapeDataString(appSecret)}&code={Uri.EscapeDataString(code)}",
            null, null, ct);
        return Str(json, "access_token") ?? throw new GraphApiException(502, 0, null, "Meta answered without an access token", null, null, null);
    }

    /// <summary>Sends a message (<c>POST /{phone-number-id}/messages</c>); returns the wamid.</summary>
    public async Task<string> SendMessageAsync(string phoneNumberId, string accessToken, JsonObject payload, CancellationToken ct = default)
    {
        payload["messaging_product"] = "whatsapp";
        var json = await SendAsync(HttpMethod.Post, $"{Uri.EscapeDataString(phoneNumberId)}/messages", accessToken, payload, ct);
        return json["messages"] is JsonArray { Count: > 0 } messages && messages[0] is JsonObject first && Str(first, "id") is { } id
            ? id
            : throw new GraphApiException(502, 0, null, "Meta answered without a message id", null, null, null) { OutcomeUnknown = true };
    }

    /// <summary>Marks an inbound message read, optionally showing the typing indicator.</summary>
    public Task MarkReadAsync(string phoneNumberId, string accessToken, string wamid, bool typingIndicator, CancellationToken ct = default)
    {
        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = wamid };
        if (typingIndicator) body["typing_indicator"] = new JsonObject { ["type"] = "text" };
        return SendAsync(HttpMethod.Post, $"{Uri.EscapeDataString(phoneNumberId)}/messages", accessToken, body, ct);
    }

    /// <summary>Downloads inbound media: <c>GET /{media-id}</c> gives a short-lived URL, fetched with the same token.</summary>
    public async Task<(byte[] Content, string? MimeType)> DownloadMediaAsync(string mediaId, string accessToken, long maxBytes, CancellationToken ct = default)
    {
        var meta = await SendAsync(HttpMethod.Get, Uri.EscapeDataString(mediaId), accessToken, null, ct);
        var url = Str(meta, "url") ?? throw new GraphApiException(502, 0, null, "Meta answered without a media URL", null, null, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw await ErrorFromAsync(response, ct);
        if (response.Content.Headers.ContentLength > maxBytes)
            throw new GraphApiException(413, GraphApiException.MediaError, null, $"The media is larger than {maxBytes} bytes", null, null, null);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
                throw new GraphApiException(413, GraphApiException.MediaError, null, $"The media is larger than {maxBytes} bytes", null, null, null);
        }
        return (buffer.ToArray(), Str(meta, "mime_type") ?? response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Uploads media for sending (<c>POST /{phone-number-id}/media</c>); returns the media id.</summary>
    public async Task<string> UploadMediaAsync(string phoneNumberId, string accessToken, byte[] content, string mimeType, string fileName, CancellationToken ct = default)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(mimeType), "type" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(mimeType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"{Uri.EscapeDataString(phoneNumberId)}/media")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var json = await ReadAsync(request, ct);
        return Str(json, "id") ?? throw new GraphApiException(502, 0, null, "Meta answered without a media id", null, null, null);
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, string? accessToken, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, Url(path));
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await ReadAsync(request, ct);
    }

    private async Task<JsonObject> ReadAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            // The request may have been sent before the connection failed.
            throw new GraphApiException(0, 0, null, "Could not reach Meta: " + e.Message, null, null, null, e) { OutcomeUnknown = request.Method != HttpMethod.Get };
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new GraphApiException(0, 0, null, "Meta did not answer in time", null, null, null, e) { OutcomeUnknown = request.Method != HttpMethod.Get };
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw await ErrorFromAsync(response, ct);
            try
            {
                return await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? [];
            }
            catch (JsonException e)
            {
                throw new GraphApiException((int)response.StatusCode, 0, null, "Meta's answer could not be read", null, null, null, e);
            }
        }
    }

    private static async Task<GraphApiException> ErrorFromAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var json = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            if (json?["error"] is JsonObject error)
            {
                return new GraphApiException(status,
                    error["code"]?.GetValueKind() == JsonValueKind.Number ? error["code"]!.GetValue<int>() : 0,
                    error["error_subcode"]?.GetValueKind() == JsonValueKind.Number ? error["error_subcode"]!.GetValue<int>() : null,
                    Str(error, "error_user_msg") ?? Str(error, "message") ?? $"Meta answered {status}",
                    Str(error, "type"),
                    error["error_data"] is JsonObject data ? Str(data, "details") : null,
                    Str(error, "fbtrace_id"));
            }
        }
        catch (JsonException)
        {
            // Not a Graph error body: fall through.
        }
        return new GraphApiException(status, 0, null, $"Meta answered {status} {(response.StatusCode == HttpStatusCode.TooManyRequests ? "(rate limited)" : "")}".Trim(), null, null, null);
    }

    private static GraphPhoneNumber ReadPhoneNumber(JsonObject json) => new(
        Str(json, "id") ?? "",
        Str(json, "display_phone_number"),
        Str(json, "verified_name"),
        Str(json, "quality_rating"),
        Str(json, "messaging_limit_tier"),
        json["throughput"] is JsonObject t ? Str(t, "level") : null,
        Str(json, "status"),
        Str(json, "name_status"),
        Str(json, "code_verification_status"),
        Str(json, "platform_type"));

    private static string? Str(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : json[name] is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.ToJsonString() : null;
}
