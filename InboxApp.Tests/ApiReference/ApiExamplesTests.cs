using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using InboxApp.Api;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.ApiReference;

/// <summary>
/// The examples of the API reference are real: request examples deserialize into their request types and pass their
/// validation, and a few, taken from the published document, are sent to the API, which accepts them and answers what
/// the documented schema and example say.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ApiExamplesTests(NoJobsAppFactory factory)
{
    private JsonSerializerOptions StrictJson() =>
        new(factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    [Fact]
    public void Every_request_example_deserializes_into_its_request_type_and_passes_its_validation()
    {
        var json = StrictJson();
        var catalogue = ApiExampleCatalogue.App;
        var requestTypes = catalogue.Types.Where(t => t.Name.EndsWith("Request", StringComparison.Ordinal)).ToList();
        var problems = new List<string>();

        foreach (var type in requestTypes)
        foreach (var example in catalogue.For(type))
        {
            var name = $"{type.Name}{(example.Summary is null ? "" : $" \"{example.Summary}\"")}";
            object? request;
            try
            {
                request = example.Value.Deserialize(type, json);
            }
            catch (JsonException e)
            {
                problems.Add($"{name}: {e.Message}");
                continue;
            }
            if (request is null)
            {
                problems.Add($"{name}: null");
                continue;
            }
            foreach (var (field, messages) in ValidationFilter.Validate(request))
                problems.Add($"{name}: {field}: {string.Join(" ", messages)}");
        }

        Assert.True(requestTypes.Count > 40, $"Expected the request types of the whole API, found {requestTypes.Count}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_example_in_the_catalogue_belongs_to_a_type_an_endpoint_takes_or_answers()
    {
        var used = new HashSet<Type>();
        void Use(Type type)
        {
            if (!used.Add(type) || !type.IsGenericType) return;
            foreach (var argument in type.GetGenericArguments()) Use(argument);
        }
        var descriptions = factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items);
        foreach (var description in descriptions)
        {
            foreach (var parameter in description.ParameterDescriptions.Where(p => p.Source.Id == "Body")) Use(parameter.Type);
            foreach (var response in description.SupportedResponseTypes.Where(r => r.Type is not null)) Use(response.Type!);
        }

        var stale = ApiExampleCatalogue.App.Types.Where(t => !used.Contains(t)).Select(t => t.Name).ToList();

        Assert.True(stale.Count == 0, "Examples of types no endpoint takes or answers (remove them, or fix the type): " + string.Join(", ", stale));
    }

    [Fact]
    public void A_malformed_example_is_refused_when_it_is_registered()
    {
        var catalogue = new ApiExampleCatalogue();

        var error = Assert.Throws<InvalidOperationException>(() => catalogue.Add<HealthResponse>("""{ "status": "ok" """));

        Assert.Contains(nameof(HealthResponse), error.Message);
    }

    [Fact]
    public void Envelopes_and_lists_are_built_around_the_examples_of_their_items()
    {
        var catalogue = new ApiExampleCatalogue().Add<HealthResponse>("""{ "status": "ok" }""");

        var data = Assert.Single(catalogue.Compose(typeof(DataEnvelope<HealthResponse>), cursorPaging: false));
        var page = Assert.Single(catalogue.Compose(typeof(ListEnvelope<HealthResponse>), cursorPaging: false));
        var cursor = Assert.Single(catalogue.Compose(typeof(ListEnvelope<HealthResponse>), cursorPaging: true));

        Assert.Equal("""{"data":{"status":"ok"}}""", data.Value.ToJsonString());
        Assert.Equal("ok", page.Value["data"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(1, page.Value["meta"]!["pagination"]!["page"]!.GetValue<int>());
        Assert.True(cursor.Value["meta"]!["pagination"]!["hasMore"]!.GetValue<bool>());
        Assert.Empty(catalogue.Compose(typeof(DataEnvelope<MessageResponseless>), cursorPaging: false));
    }

    private sealed record MessageResponseless(string Text);

    [Theory]
    [InlineData("post", "/api/v1/tags")]
    [InlineData("post", "/api/v1/teams")]
    [InlineData("post", "/api/v1/quick-replies")]
    [InlineData("post", "/api/v1/api-keys")]
    [InlineData("patch", "/api/v1/profile")]
    [InlineData("post", "/api/v1/invitations")]
    public async Task A_documented_request_example_is_accepted_and_answered_as_documented(string method, string path)
    {
        var document = await DocumentAsync();
        var admin = await factory.RegisterOrganizationAsync();

        var response = await SendExampleAsync(admin.Client, document, method, path);

        await AnsweredAsDocumentedAsync(document, method, path, response);
    }

    [Fact]
    public async Task The_sandbox_examples_create_a_number_simulate_a_customer_and_send_a_location_to_them()
    {
        var document = await DocumentAsync();
        var admin = await factory.RegisterOrganizationAsync();

        var number = await SendExampleAsync(admin.Client, document, "post", "/api/v1/sandbox/numbers");
        await AnsweredAsDocumentedAsync(document, "post", "/api/v1/sandbox/numbers", number);
        var simulated = await SendExampleAsync(admin.Client, document, "post", "/api/v1/dev/simulate/conversation");
        await AnsweredAsDocumentedAsync(document, "post", "/api/v1/dev/simulate/conversation", simulated);
        var conversationId = (await simulated.Data()).GetProperty("conversationId").GetString()!;

        var sent = await SendExampleAsync(admin.Client, document, "post", "/api/v1/conversations/{id}/messages", conversationId, exampleName: "A location");

        await AnsweredAsDocumentedAsync(document, "post", "/api/v1/conversations/{id}/messages", sent);
        Assert.Equal("LOCATION", (await sent.Data()).GetProperty("type").GetString());
    }

    private Task<JsonElement> DocumentAsync() => ServedOpenApi.DocumentAsync(factory);

    /// <summary>Sends the request example the document shows for the operation (the named one when it shows several).</summary>
    private static async Task<HttpResponseMessage> SendExampleAsync(HttpClient client, JsonElement document, string method, string path,
        string? id = null, string? exampleName = null)
    {
        var media = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var example = media.TryGetProperty("example", out var single)
            ? single
            : exampleName is null
                ? media.GetProperty("examples").EnumerateObject().First().Value.GetProperty("value")
                : media.GetProperty("examples").GetProperty(exampleName).GetProperty("value");
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path.Replace("{id}", id))
        {
            Content = new StringContent(example.GetRawText(), Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request);
    }

    /// <summary>
    /// A success, whose body is an instance of the documented schema of its status, and whose <c>data</c> fields all appear
    /// in one of the documented examples (so the examples show what a real answer carries).
    /// </summary>
    private static async Task AnsweredAsDocumentedAsync(JsonElement document, string method, string path, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method.ToUpperInvariant()} {path} with its example answered {(int)response.StatusCode}: {body}");
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var media = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json");
        using var real = JsonDocument.Parse(body);

        var errors = new OpenApiSchemaValidator(document).Validate(media.GetProperty("schema"), real.RootElement);
        Assert.True(errors.Count == 0, $"{path}: the real answer does not match the documented schema:\n{string.Join("\n", errors)}\n{body}");

        var examples = media.TryGetProperty("example", out var single)
            ? [single]
            : media.GetProperty("examples").EnumerateObject().Select(e => e.Value.GetProperty("value")).ToList();
        var realData = real.RootElement.GetProperty("data");
        if (realData.ValueKind == JsonValueKind.Array) realData = realData[0];
        var shown = examples.Select(e => e.GetProperty("data")).Select(d => d.ValueKind == JsonValueKind.Array ? d[0] : d)
            .SelectMany(d => d.EnumerateObject().Select(p => p.Name)).ToHashSet();
        var missing = realData.EnumerateObject().Select(p => p.Name).Where(n => !shown.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"{path}: the documented example lacks fields the real answer has: {string.Join(", ", missing)}\n{body}");
    }
}
