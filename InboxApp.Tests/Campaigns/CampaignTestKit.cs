using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Templates;

namespace InboxApp.Tests.Campaigns;

/// <summary>Approved templates, campaigns and waits, through the API.</summary>
public static class CampaignTestKit
{
    /// <summary>A body with one variable (<c>{{1}}</c>, the customer's name) and nothing else to fill.</summary>
    public static object[] GreetingComponents() =>
    [
        new { type = "BODY", text = "Hi {{1}}, your spring offer is waiting for you in our store today.", example = new { body_text = new[] { new[] { "Ana" } } } },
    ];

    /// <summary>A sandbox number and an approved greeting template on it: (number id, template id, template name).</summary>
    public static async Task<(Guid NumberId, Guid TemplateId, string TemplateName)> SandboxTemplateAsync(this SignedIn admin)
    {
        var (numberId, accountId) = await admin.SandboxNumberAsync();
        var name = TemplateTestKit.NewName();
        var template = await admin.Client.ApprovedAsync(name, accountId, GreetingComponents());
        return (numberId, template.GetProperty("id").GetGuid(), name);
    }

    public static string NewPhone() => "+1415" + Random.Shared.Next(2_000_000, 9_999_999);

    public static async Task<JsonElement> CreateCampaignAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/campaigns", body);
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    public static async Task<JsonElement> CampaignAsync(this HttpClient client, Guid id, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/campaigns/{id}{query}");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    /// <summary>Polls the campaign until <paramref name="condition"/> holds for its detail (campaign + first page of recipients).</summary>
    public static async Task<JsonElement> WaitForCampaignAsync(this HttpClient client, Guid id, Func<JsonElement, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var detail = await client.CampaignAsync(id, "?limit=100");
            if (condition(detail)) return detail;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}; campaign: {detail.GetProperty("campaign")}");
            await Task.Delay(50);
        }
    }

    public static string Status(this JsonElement detail) => detail.GetProperty("campaign").GetProperty("status").GetString()!;

    public static int Count(this JsonElement detail, string state) => detail.GetProperty("campaign").GetProperty("counts").GetProperty(state).GetInt32();

    public static IReadOnlyList<JsonElement> Recipients(this JsonElement detail) => detail.GetProperty("recipients").EnumerateArray().ToList();
}
