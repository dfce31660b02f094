using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Templates;

/// <summary>Templates, sandbox numbers and conversations made through the API.</summary>
public static class TemplateTestKit
{
    public static object[] OrderComponents(string body = "Hi {{1}}, your order {{2}} has shipped. Thanks for shopping with us!") =>
    [
        new { type = "HEADER", format = "TEXT", text = "Order update" },
        new { type = "BODY", text = body, example = new { body_text = new[] { new[] { "Ana", "#1234" } } } },
        new { type = "FOOTER", text = "Acme Store" },
        new { type = "BUTTONS", buttons = new object[] { new { type = "QUICK_REPLY", text = "Thanks" }, new { type = "URL", text = "Track", url = "https://acme.test/t/{{1}}", example = new[] { "https://acme.test/t/abc" } } } },
    ];

    public static string NewName() => "order_" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A sandbox number of the admin's organization: its id and its account's id.</summary>
    public static async Task<(Guid PhoneNumberId, Guid AccountId)> SandboxNumberAsync(this SignedIn admin)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Sandbox" });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        return (data.GetProperty("id").GetGuid(), data.GetProperty("accountId").GetGuid());
    }

    public static async Task<JsonElement> DraftAsync(this HttpClient client, string name, object[]? components = null, Guid? accountId = null,
        string language = "en_US", string category = "UTILITY")
    {
        var response = await client.PostAsJsonAsync("/api/v1/templates/draft", new { name, language, category, components = components ?? OrderComponents(), accountId });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    /// <summary>Polls the template until its status is <paramref name="status"/> (the sandbox's review arrives as a webhook).</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient client, Guid id, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var template = await (await client.GetAsync($"/api/v1/templates/{id}")).Data();
            if (template.GetProperty("status").GetString() == status) return template;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Template {id} stayed {template.GetProperty("status").GetString()}, expected {status}");
            await Task.Delay(50);
        }
    }

    /// <summary>An approved template on the sandbox account (submitted, then approved by the sandbox's review webhook).</summary>
    public static async Task<JsonElement> ApprovedAsync(this HttpClient client, string name, Guid accountId, object[]? components = null, string language = "en_US")
    {
        var draft = await client.DraftAsync(name, components, accountId, language);
        var id = draft.GetProperty("id").GetGuid();
        await (await client.PostAsync($"/api/v1/templates/{id}/submit", null)).ShouldBe(HttpStatusCode.OK);
        return await client.WaitForStatusAsync(id, "APPROVED");
    }

    /// <summary>A sandbox customer writes; returns the conversation.</summary>
    public static async Task<Guid> ConversationAsync(this SignedIn admin, Guid phoneNumberId, string? phone = null)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", new
        {
            phoneNumberId, contact = new { name = "Ana Souza", phone = phone ?? "+1415555" + Random.Shared.Next(1000, 9999) }, messages = new[] { "Hello!" },
        });
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).GetProperty("conversationId").GetGuid();
    }

    /// <summary>Moves the customer's last message 25 hours back: the 24-hour window is closed.</summary>
    public static async Task CloseWindowAsync(this InboxAppFactory factory, Guid conversationId)
    {
        await using var db = factory.SystemDb();
        var at = DateTimeOffset.UtcNow.AddHours(-25);
        await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastCustomerMessageAt, at));
    }

    public static Task<HttpResponseMessage> UploadHeaderAsync(this HttpClient client, byte[] content, string contentType, Guid? templateId = null, Guid? accountId = null)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var form = new MultipartFormDataContent { { file, "file", "header" + (contentType == "image/png" ? ".png" : ".bin") } };
        if (templateId is { } t) form.Add(new StringContent(t.ToString()), "templateId");
        if (accountId is { } a) form.Add(new StringContent(a.ToString()), "accountId");
        return client.PostAsync("/api/v1/templates/upload-media", form);
    }

    public static IReadOnlyList<string> Names(this JsonElement list) => list.EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();

    public static IReadOnlyList<string> ProblemsOf(this JsonElement template, string component) =>
        template.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("component").GetString() == component)
            .Select(p => p.GetProperty("message").GetString()!).ToList();
}
