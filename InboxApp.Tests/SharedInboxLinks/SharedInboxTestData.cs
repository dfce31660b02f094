using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.SharedInboxLinks;

/// <summary>A shared inbox link as created over HTTP: its id, full URL and the secret at its end.</summary>
public sealed record CreatedLink(Guid Id, string PublicUrl, JsonElement Data)
{
    public string Token => PublicUrl[(PublicUrl.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..];
    public string Path => "/s/" + Token;
}

public static class SharedInboxTestData
{
    public static readonly object AllPermissions = new
    {
        readInbox = true, readDetails = true, markRead = true, sendText = true, sendMedia = true, sendTemplates = true, sendAdvanced = true,
    };

    public static async Task<Guid> SandboxNumberAsync(SignedIn admin, string alias = "Sandbox")
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias });
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).GetProperty("id").GetGuid();
    }

    /// <summary>A simulated customer writes to the sandbox number; answers the conversation.</summary>
    public static async Task<Guid> CustomerWritesAsync(SignedIn admin, Guid phoneNumberId, string name, string text)
    {
        var phone = "+1415" + Random.Shared.Next(1_000_000, 9_999_999);
        var response = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation",
            new { phoneNumberId, contact = new { name, phone }, messages = new[] { text } });
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).GetProperty("conversationId").GetGuid();
    }

    public static async Task<CreatedLink> CreateLinkAsync(this HttpClient client, Guid phoneNumberId, object? permissions = null, string name = "Support access",
        DateTimeOffset? expiresAt = null, string[]? allowedOrigins = null)
    {
        var response = await client.PostAsJsonAsync("/v1/shared-inbox-links",
            new { phoneNumberId, name, permissions = permissions ?? AllPermissions, expiresAt, allowedOrigins });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        return new CreatedLink(data.GetProperty("id").GetGuid(), data.GetProperty("publicUrl").GetString()!, data);
    }
}
