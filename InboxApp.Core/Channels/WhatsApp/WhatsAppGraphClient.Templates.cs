using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>A template as Meta lists it (<c>GET /{waba-id}/message_templates</c>); the components as Meta's JSON array.</summary>
public sealed record GraphTemplate(string Id, string Name, string Language, string? Status, string? Category, string? ComponentsJson,
    string? QualityScore, string? RejectedReason, string? ParameterFormat);

/// <summary>Meta's answer to a template creation: its id, status (PENDING, APPROVED, REJECTED) and category.</summary>
public sealed record GraphTemplateCreated(string Id, string Status, string? Category);

/// <summary>Message templates: create, list (all pages), edit, delete by name, and the resumable upload for header examples.</summary>
public sealed partial class WhatsAppGraphClient
{
    public const string TemplateFields = "id,name,language,status,category,components,quality_score,rejected_reason,parameter_format";
    private const int TemplatePageSize = 100;
    private const int MaxTemplatePages = 100;

    /// <summary><c>POST /{waba-id}/message_templates</c> with <c>{ name, language, category, parameter_format?, components }</c>.</summary>
    public async Task<GraphTemplateCreated> CreateTemplateAsync(string wabaId, string accessToken, JsonObject template, CancellationToken ct = default)
    {
        var json = await SendAsync(HttpMethod.Post, $"{Uri.EscapeDataString(wabaId)}/message_templates", accessToken, template, ct);
        return new GraphTemplateCreated(
            Str(json, "id") ?? throw new GraphApiException(502, 0, null, "Meta answered without a template id", null, null, null),
            Str(json, "status") ?? "PENDING", Str(json, "category"));
    }

    /// <summary>Every template of the WABA, following Meta's cursor paging (<c>paging.cursors.after</c> while <c>paging.next</c> is given).</summary>
    public async Task<IReadOnlyList<GraphTemplate>> ListTemplatesAsync(string wabaId, string accessToken, CancellationToken ct = default)
    {
        var result = new List<GraphTemplate>();
        string? after = null;
        for (var page = 0; page < MaxTemplatePages; page++)
        {
            var path = $"{Uri.EscapeDataString(wabaId)}/message_templates?fields={TemplateFields}&limit={TemplatePageSize}"
                + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var json = await SendAsync(HttpMethod.Get, path, accessToken, null, ct);
            if (json["data"] is JsonArray data)
            {
                foreach (var t in data.OfType<JsonObject>())
                {
                    if (Str(t, "id") is not { } id || Str(t, "name") is not { } name) continue;
                    result.Add(new GraphTemplate(id, name, Str(t, "language") ?? "", Str(t, "status"), Str(t, "category"),
                        t["components"] is JsonArray components ? components.ToJsonString() : null,
                        t["quality_score"] is JsonObject quality ? Str(quality, "score") : Str(t, "quality_score"),
                        Str(t, "rejected_reason"), Str(t, "parameter_format")));
                }
            }
            var paging = json["paging"] as JsonObject;
            after = paging?["cursors"] is JsonObject cursors ? Str(cursors, "after") : null;
            if (paging?["next"] is null || after is null) break;
        }
        return result;
    }

    /// <summary><c>POST /{template-id}</c> with the new <c>components</c> (and <c>category</c>); Meta reviews the template again.</summary>
    public Task EditTemplateAsync(string templateId, string accessToken, JsonObject changes, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, Uri.EscapeDataString(templateId), accessToken, changes, ct);

    /// <summary><c>DELETE /{waba-id}/message_templates?name=…</c>: every language of that name.</summary>
    public Task DeleteTemplateAsync(string wabaId, string accessToken, string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{Uri.EscapeDataString(wabaId)}/message_templates?name={Uri.EscapeDataString(name)}", accessToken, null, ct);

    /// <summary>
    /// Meta's resumable upload for a header example: <c>POST /{app-id}/uploads?file_name&amp;file_length&amp;file_type</c> opens a
    /// session (<c>{"id":"upload:…"}</c>), <c>POST /{upload-id}</c> with <c>Authorization: OAuth {token}</c> and <c>file_offset: 0</c>
    /// sends the bytes and answers the handle (<c>{"h":"…"}</c>) that goes into <c>example.header_handle</c>.
    /// </summary>
    public async Task<string> ResumableUploadAsync(string appId, string accessToken, byte[] content, string mimeType, string fileName, CancellationToken ct = default)
    {
        var session = await SendAsync(HttpMethod.Post,
            $"{Uri.EscapeDataString(appId)}/uploads?file_name={Uri.EscapeDataString(fileName)}&file_length={content.Length}&file_type={Uri.EscapeDataString(mimeType)}",
            accessToken, null, ct);
        var uploadId = Str(session, "id") ?? throw new GraphApiException(502, 0, null, "Meta answered without an upload session id", null, null, null);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(uploadId)) { Content = new ByteArrayContent(content) };
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", accessToken);
        request.Headers.Add("file_offset", "0");
        var json = await ReadAsync(request, ct);
        return Str(json, "h") ?? throw new GraphApiException(502, 0, null, "Meta answered without a file handle", null, null, null);
    }
}
