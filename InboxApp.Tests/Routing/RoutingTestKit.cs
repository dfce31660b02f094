using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Routing;

/// <summary>Builders for routing tests: teams, rules, sandbox conversations, and waiting for routing's record.</summary>
public static class RoutingTestKit
{
    public static async Task<Guid> TeamAsync(HttpClient admin, string name, params Guid[] members)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/teams", new { name });
        await response.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Data()).Id();
        foreach (var member in members)
            await (await admin.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { userId = member })).ShouldBe(HttpStatusCode.Created);
        return id;
    }

    public static async Task<JsonElement> RuleAsync(HttpClient admin, string name, Guid teamId, object[] conditions, string matchType = "ANY")
    {
        var response = await admin.PostAsJsonAsync("/api/v1/routing-rules", new { name, teamId, matchType, conditions });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    public static object Keywords(params string[] words) => new { type = "KEYWORDS", values = words };

    public static async Task<Guid> SandboxNumberAsync(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/v1/sandbox/numbers", null);
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).Id();
    }

    /// <summary>A simulated customer writes <paramref name="messages"/>; answers the conversation's id.</summary>
    public static async Task<Guid> CustomerWritesAsync(this InboxAppFactory factory, HttpClient admin, string phone, params string[] messages)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/dev/simulate/conversation", new { contact = new { name = "Customer " + phone[^4..], phone }, messages });
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            // Say why the webhook processor failed the delivery.
            await using var db = factory.SystemDb();
            var errors = await db.WebhookDeliveries.Where(d => d.Error != null).OrderByDescending(d => d.ReceivedAt).Select(d => d.Error).Take(3).ToListAsync();
            Assert.Fail("The simulated delivery failed: " + string.Join(" | ", errors));
        }
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).GetProperty("conversationId").GetGuid();
    }

    public static async Task<JsonElement> RoutingOfAsync(HttpClient client, Guid conversationId)
    {
        var response = await client.GetAsync($"/api/v1/conversations/{conversationId}/routing");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    /// <summary>Polls the conversation's routing record until <paramref name="done"/> holds; answers it.</summary>
    public static async Task<JsonElement> RoutedAsync(HttpClient client, Guid conversationId, Func<JsonElement, bool> done, string what)
    {
        JsonElement last = default;
        await Messaging.MessagingTestData.EventuallyAsync(async () => done(last = await RoutingOfAsync(client, conversationId)), what, TimeSpan.FromSeconds(30));
        return last;
    }

    public static Guid? Guid(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetGuid() : null;

    public static string Phone() => "+4915" + Random.Shared.Next(10_000_000, 99_999_999);
}
