using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.PublicApi;

/// <summary>Organizations' API keys and the calls of the public <c>/v1</c> API as a partner makes them.</summary>
public static class PublicApiTestKit
{
    /// <summary>A client carrying a new <c>sk_org_</c> key of the admin's organization.</summary>
    public static async Task<HttpClient> ApiKeyClientAsync(this InboxAppFactory factory, SignedIn admin)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Partner " + Guid.NewGuid().ToString("N")[..6] });
        await response.ShouldBe(HttpStatusCode.Created);
        var key = (await response.Data()).GetProperty("key").GetString()!;
        Assert.StartsWith("sk_org_", key);
        return factory.CreateClient().WithBearer(key);
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, Guid phoneId, object body) =>
        client.PostAsJsonAsync($"/v1/phones/{phoneId}/messages", body);

    /// <summary>The message a send answered (201).</summary>
    public static async Task<JsonElement> SentAsync(this HttpClient client, Guid phoneId, object body)
    {
        var response = await client.SendAsync(phoneId, body);
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    public static async Task<JsonElement> HealthAsync(this HttpClient client, Guid phoneId)
    {
        var response = await client.GetAsync($"/v1/phones/{phoneId}/health");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    /// <summary>A string member, or null when it is missing (the API omits nulls) or null.</summary>
    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static IReadOnlyList<string> Codes(this JsonElement health) =>
        health.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList();

    /// <summary>Every false capability has a reason that names it in <c>blocks</c>, and every true one has none.</summary>
    public static void ReasonsExplainCapabilities(this JsonElement health)
    {
        foreach (var capability in health.GetProperty("capabilities").EnumerateObject())
        {
            var blocked = health.GetProperty("reasons").EnumerateArray()
                .Any(r => r.GetProperty("blocks").EnumerateArray().Any(b => b.GetString() == capability.Name));
            Assert.True(capability.Value.GetBoolean() != blocked, $"{capability.Name} is {capability.Value.GetBoolean()} but blocked is {blocked}");
        }
    }

    /// <summary>The error's field names (<c>error.details</c>).</summary>
    public static async Task<IReadOnlyList<string>> FieldErrorsAsync(this HttpResponseMessage response)
    {
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        return error.TryGetProperty("details", out var details) ? details.EnumerateObject().Select(p => p.Name).ToList() : [];
    }
}
