using System.Net;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.ApiReference;

[Collection(SharedApp.Name)]
public sealed class ApiReferenceTests(NoJobsAppFactory factory)
{
    private Task<JsonElement> DocumentAsync() => ServedOpenApi.DocumentAsync(factory);

    [Fact]
    public async Task The_openapi_document_lists_the_login_endpoint_without_a_security_requirement()
    {
        var document = await DocumentAsync();

        Assert.Equal("InboxApp API", document.GetProperty("info").GetProperty("title").GetString());
        var login = document.GetProperty("paths").GetProperty("/api/v1/auth/login").GetProperty("post");
        Assert.Contains("Auth", login.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(login.TryGetProperty("security", out _), "Signing in needs no credential");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_bearer_scheme_for_access_tokens_and_api_keys()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var description = scheme.GetProperty("description").GetString()!;
        Assert.Contains("`at.…`", description);
        Assert.Contains("`sk_org_…`", description);
    }

    [Fact]
    public async Task Protected_operations_require_the_bearer_scheme()
    {
        var document = await DocumentAsync();

        var me = document.GetProperty("paths").GetProperty("/api/v1/auth/me").GetProperty("get");
        var requirement = Assert.Single(me.GetProperty("security").EnumerateArray());
        Assert.True(requirement.TryGetProperty("Bearer", out _), $"Expected the Bearer scheme: {requirement}");
    }

    [Fact]
    public async Task The_api_reference_page_answers_html_that_loads_the_openapi_document()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/api-docs/");
        if (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect)
            response = await client.GetAsync(response.Headers.Location);

        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>API reference", html);
        var config = await client.GetStringAsync("/api-docs/index.js");
        Assert.Contains("/openapi/v1.json", config);
    }

    [Fact]
    public async Task The_api_reference_is_reachable_without_the_trailing_slash()
    {
        var response = await factory.CreateClient().GetAsync("/api-docs");

        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }
}
