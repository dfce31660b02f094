using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.ApiReference;

[Collection(SharedApp.Second)]
public sealed class ApiContractTests(NoJobsAppFactory factory)
{
    private Task<JsonElement> DocumentAsync() => ServedOpenApi.DocumentAsync(factory);

    private static string[] Required(JsonElement document, string schema) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(schema).TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!).ToArray()
            : [];

    [Fact]
    public async Task Optional_request_fields_and_null_omitted_response_fields_are_not_marked_required()
    {
        var document = await DocumentAsync();

        var send = Required(document, "SendMessageRequest");
        Assert.DoesNotContain("replyTo", send);
        Assert.DoesNotContain("text", send);

        var message = Required(document, "MessageDto");
        Assert.Contains("id", message);
        Assert.Contains("timestamp", message);
        Assert.DoesNotContain("caption", message);
        Assert.DoesNotContain("readAt", message);
    }

    [Fact]
    public async Task Every_operation_under_the_api_lists_its_error_responses_in_the_error_envelope()
    {
        var document = await DocumentAsync();
        var error = document.GetProperty("components").GetProperty("schemas").GetProperty("Error");
        Assert.Equal(["error"], error.GetProperty("required").EnumerateArray().Select(r => r.GetString()));

        var conversation = document.GetProperty("paths").GetProperty("/api/v1/conversations/{id}").EnumerateObject().First().Value;
        var responses = conversation.GetProperty("responses");
        foreach (var status in new[] { "401", "403", "404" })
        {
            var schema = responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("#/components/schemas/Error", schema.GetProperty("$ref").GetString());
        }

        var login = document.GetProperty("paths").GetProperty("/api/v1/auth/login").GetProperty("post").GetProperty("responses");
        Assert.True(login.TryGetProperty("400", out _));
        var loginFailure = login.GetProperty("401").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("INVALID_CREDENTIALS", loginFailure.GetProperty("error").GetProperty("code").GetString());
        var loginRefusals = login.GetProperty("403").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        Assert.DoesNotContain("FORBIDDEN", loginRefusals.EnumerateObject().Select(e => e.Name)); // signing in needs no role, only a usable account
        Assert.True(login.TryGetProperty("429", out var limited), "Signing in is rate limited");
        Assert.True(limited.GetProperty("headers").TryGetProperty("Retry-After", out _));
    }
}
