using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.ApiReference;

/// <summary>
/// The OpenAPI document a test host serves (<c>GET /openapi/v1.json</c>, asserted 200), fetched once per host: the app
/// builds the document anew for every request (about a second of CPU for this API), and it cannot change while a host
/// runs. Each caller gets its own parsed copy.
/// </summary>
internal static class ServedOpenApi
{
    private static readonly ConditionalWeakTable<InboxAppFactory, Task<string>> Documents = new();

    public static async Task<JsonElement> DocumentAsync(InboxAppFactory factory)
    {
        var fetch = Documents.GetValue(factory, FetchAsync);
        string text;
        try
        {
            text = await fetch;
        }
        catch
        {
            // A failed fetch is not kept: the next test asks the host again (and fails on its own answer).
            Documents.Remove(factory);
            throw;
        }
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task<string> FetchAsync(InboxAppFactory factory)
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
