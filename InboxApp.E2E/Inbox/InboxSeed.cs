using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using InboxApp.Core.ApiKeys;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.E2E.Inbox;

/// <summary>
/// What the inbox tests put in their <see cref="Workspace"/>: customers writing to its sandbox number through signed
/// WhatsApp webhooks (text, media, replies, many messages in one delivery), and admin calls to the public API with an
/// API key of its admin (quick replies, the sandbox simulator). Every customer gets a fresh phone number.
/// </summary>
public sealed class InboxSeed(InboxServer server, Workspace workspace)
{
    private HttpClient? api;

    /// <summary>A fresh WhatsApp id for a new customer.</summary>
    public static string NewWaId() => "4477" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>A customer's text message (a webhook <c>messages[]</c> item) at <paramref name="at"/>.</summary>
    public static JsonObject Text(string text, DateTimeOffset at, string? quotedWamid = null)
    {
        var message = Base("text", at);
        message["text"] = new JsonObject { ["body"] = text };
        if (quotedWamid is not null) message["context"] = new JsonObject { ["id"] = quotedWamid };
        return message;
    }

    /// <summary>A customer's image or document with WhatsApp's media id (the app downloads it in the background).</summary>
    public static JsonObject Media(string type, string mimeType, string? caption, string? fileName, DateTimeOffset at)
    {
        var message = Base(type, at);
        var media = new JsonObject { ["id"] = "media" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999), ["mime_type"] = mimeType };
        if (caption is not null) media["caption"] = caption;
        if (fileName is not null) media["filename"] = fileName;
        message[type] = media;
        return message;
    }

    private static JsonObject Base(string type, DateTimeOffset at) => new()
    {
        ["id"] = "wamid.E2E" + Guid.NewGuid().ToString("N"), ["timestamp"] = at.ToUnixTimeSeconds().ToString(), ["type"] = type,
    };

    /// <summary>One text from a new customer, now (or at <paramref name="at"/>); returns the customer's WhatsApp id.</summary>
    public async Task<string> CustomerWritesAsync(string name, string text, DateTimeOffset? at = null)
    {
        var waId = NewWaId();
        await CustomerSendsAsync(waId, name, Text(text, at ?? DateTimeOffset.UtcNow));
        return waId;
    }

    /// <summary>Posts one signed webhook delivery carrying <paramref name="messages"/> from the customer <paramref name="waId"/>.</summary>
    public async Task CustomerSendsAsync(string waId, string name, params JsonObject[] messages)
    {
        foreach (var m in messages) m["from"] = waId;
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
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550000000", ["phone_number_id"] = workspace.SandboxMetaId },
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = name }, ["wa_id"] = waId }),
                        ["messages"] = new JsonArray(messages.Select(JsonNode (m) => m).ToArray()),
                    },
                }),
            }),
        }.ToJsonString();
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(InboxServer.WhatsAppAppSecret), Encoding.UTF8.GetBytes(body)));
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", signature);
        var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}");
    }

    /// <summary>The public API as the workspace's admin (an API key made for the test).</summary>
    public async Task<HttpClient> ApiAsync()
    {
        if (api is not null) return api;
        var key = await server.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync(workspace.Admin, "e2e " + Guid.NewGuid().ToString("N")[..8], null);
        api = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/api/v1/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return api;
    }

    /// <summary>Switches the workspace's bot on or off (pages read it when they open; new conversations start with the bot when on).</summary>
    public async Task SwitchBotAsync(bool on)
    {
        await using var db = server.Services.GetRequiredService<InboxDb>().System();
        await db.Organizations.Where(o => o.Id == workspace.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.BotEnabled, on));
    }

    /// <summary>Sends <paramref name="body"/> to the API as admin and fails the test on anything but 2xx.</summary>
    public async Task<JsonNode> PostAsync(string path, object body)
    {
        var response = await (await ApiAsync()).PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The <c>data</c> of a GET to the API as admin.</summary>
    public async Task<JsonNode> GetAsync(string path)
    {
        var response = await (await ApiAsync()).GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["data"]!;
    }

    /// <summary>
    /// <paramref name="count"/> new customers with one message each, through the sandbox simulator API (50 per call);
    /// names are <paramref name="prefix"/> 001, 002, … in the order they wrote.
    /// </summary>
    public async Task SimulateCustomersAsync(string prefix, int count)
    {
        for (var start = 0; start < count; start += 50)
        {
            var batch = Enumerable.Range(start + 1, Math.Min(50, count - start))
                .Select(i => new { contact = new { name = $"{prefix} {i:D3}", phone = NewWaId() }, messages = new[] { $"Hello from {prefix} {i:D3}" } })
                .ToArray();
            await PostAsync("dev/simulate/batch", new { conversations = batch });
        }
    }

    /// <summary>The newest conversation of the workspace's customer named <paramref name="contactName"/>, waiting (up to 15 s) for the webhook worker to store it.</summary>
    public async Task<Guid> ConversationIdAsync(string contactName)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var db = server.Services.GetRequiredService<InboxDb>().For(workspace.OrganizationId))
            {
                var id = await db.Conversations.Where(c => c.OrganizationId == workspace.OrganizationId && c.Contact!.ProfileName == contactName).OrderByDescending(c => c.CreatedAt)
                    .Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
                if (id is { } found) return found;
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException($"No conversation with {contactName} within 15 s");
            await Task.Delay(100);
        }
    }
}
