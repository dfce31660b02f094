using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace InboxApp.E2E.Infrastructure;

/// <summary>Meta's webhook for one customer text message, signed with <c>X-Hub-Signature-256</c> and posted to the running server.</summary>
public static class CustomerWebhook
{
    /// <summary>Posts a signed text from the customer; returns its wamid.</summary>
    public static async Task<string> PostTextAsync(InboxServer server, string phoneNumberId, string waId, string name, string text, DateTimeOffset at)
    {
        var wamid = "wamid.E2E" + Guid.NewGuid().ToString("N");
        await PostMessageAsync(server, phoneNumberId, waId, name, new JsonObject
        {
            ["from"] = waId, ["id"] = wamid, ["timestamp"] = at.ToUnixTimeSeconds().ToString(),
            ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
        });
        return wamid;
    }

    /// <summary>Posts one signed inbound message (any type) from the customer.</summary>
    public static async Task PostMessageAsync(InboxServer server, string phoneNumberId, string waId, string name, JsonObject message)
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
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = name }, ["wa_id"] = waId }),
                        ["messages"] = new JsonArray(message),
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
}
