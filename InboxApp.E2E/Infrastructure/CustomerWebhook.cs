using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace InboxApp.E2E.Infrastructure;

/// <summary>Meta's webhook for one customer text message, signed with <c>X-Hub-Signature-256</c> and posted to the running server.</summary>
public static class CustomerWebhook
{
    public static async Task PostTextAsync(InboxServer server, string phoneNumberId, string waId, string name, string text, DateTimeOffset at)
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
                        ["messages"] = new JsonArray(new JsonObject
                        {
                            ["from"] = waId, ["id"] = "wamid.E2E" + Guid.NewGuid().ToString("N"), ["timestamp"] = at.ToUnixTimeSeconds().ToString(),
                            ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
                        }),
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
