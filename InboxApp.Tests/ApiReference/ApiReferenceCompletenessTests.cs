using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.ApiReference;

/// <summary>
/// Walks the whole generated document: every operation must say what it does, show an example of what it takes and
/// answers, list the errors it can answer in the error envelope, and describe its query parameters; every example must be
/// an instance of its schema. A failure names the operation and what it lacks (docs/conventions.md, API conventions, says
/// how to add each).
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ApiReferenceCompletenessTests(NoJobsAppFactory factory)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>Query parameters that take one of a few words: they must list them.</summary>
    private static readonly string[] EnumeratedQueryParameters = ["status", "sort", "role", "subFilter", "origin"];

    private Task<JsonElement> DocumentAsync() => ServedOpenApi.DocumentAsync(factory);

    private static IEnumerable<(string Name, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select ($"{method.Name.ToUpperInvariant()} {path.Name}", path.Name, method.Value);

    [Fact]
    public async Task Every_operation_has_a_summary_a_description_examples_and_its_error_responses()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        var count = 0;
        foreach (var (name, path, operation) in Operations(document))
        {
            count++;
            foreach (var problem in Problems(path, operation)) problems.Add($"{name}: {problem}");
        }

        Assert.True(count > 100, $"Expected the whole API in the document, found {count} operations");
        Assert.True(problems.Count == 0, $"{problems.Count} gaps in the API reference:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_example_in_the_document_is_an_instance_of_its_schema()
    {
        var document = await DocumentAsync();
        var validator = new OpenApiSchemaValidator(document);
        var problems = new List<string>();
        var checkedExamples = 0;
        foreach (var (name, _, operation) in Operations(document))
        {
            var bodies = new List<(string Where, JsonElement Content)>();
            if (operation.TryGetProperty("requestBody", out var requestBody) && requestBody.TryGetProperty("content", out var requestContent))
                bodies.Add(("request", requestContent));
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
                if (response.Value.TryGetProperty("content", out var content)) bodies.Add((response.Name, content));

            foreach (var (where, content) in bodies)
            foreach (var media in content.EnumerateObject())
            {
                if (!media.Value.TryGetProperty("schema", out var schema)) continue;
                foreach (var (label, example) in Examples(media.Value))
                {
                    checkedExamples++;
                    foreach (var error in validator.Validate(schema, example))
                        problems.Add($"{name} {where} {media.Name} example{label}: {error}");
                }
            }
        }

        Assert.True(checkedExamples > 300, $"Expected examples all over the document, checked {checkedExamples}");
        Assert.True(problems.Count == 0, $"{problems.Count} examples do not match their schema:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_walk_reports_an_operation_without_docs_by_name()
    {
        // The rules themselves: an undocumented operation of the API yields a problem for each missing part.
        using var bare = JsonDocument.Parse("""
            { "security": [ { "Bearer": [] } ], "parameters": [ { "name": "id", "in": "path" }, { "name": "status", "in": "query", "schema": { "type": "string" } } ],
              "requestBody": { "content": { "application/json": { "schema": { "type": "object" } } } },
              "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "type": "object" } } } } } }
            """);

        var problems = Problems("/api/v1/things/{id}", bare.RootElement).ToList();

        foreach (var expected in new[] { "no summary", "no description", "no request example", "200 has no example", "no 400", "no 401", "no 403", "no 404", "no 413",
                     "query parameter status has no description", "query parameter status lists no values" })
            Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>The JSON API (<c>/api/…</c> and the public <c>/v1/…</c>), whose errors use the Error envelope.</summary>
    private static bool IsApiPath(string path) => path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/v1/", StringComparison.Ordinal);

    private static IEnumerable<string> Problems(string path, JsonElement operation)
    {
        if (string.IsNullOrWhiteSpace(Text(operation, "summary"))) yield return "no summary (.WithSummary)";
        if (string.IsNullOrWhiteSpace(Text(operation, "description"))) yield return "no description (.WithDescription)";

        var hasBody = operation.TryGetProperty("requestBody", out var body);
        if (hasBody)
        {
            foreach (var media in body.GetProperty("content").EnumerateObject())
                if (!Examples(media.Value).Any()) yield return $"no request example for {media.Name} (an IApiExamples entry for the request type)";
        }

        var responses = operation.GetProperty("responses");
        var statuses = responses.EnumerateObject().Select(r => r.Name).ToHashSet();
        if (!statuses.Any(s => s.StartsWith('2'))) yield return "no success response (a typed result: Ok<…>, Created<…>, NoContent)";
        foreach (var response in responses.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(Text(response.Value, "description"))) yield return $"{response.Name} has no description";
            if (!response.Value.TryGetProperty("content", out var content)) continue;
            foreach (var media in content.EnumerateObject())
            {
                if (media.Name.Contains("json", StringComparison.Ordinal) && !Examples(media.Value).Any())
                    yield return $"{response.Name} has no example for {media.Name} (an IApiExamples entry for the response's data type)";
                if (response.Name[0] is '4' or '5' && IsApiPath(path)
                    && !(media.Value.TryGetProperty("schema", out var schema) && schema.TryGetProperty("$ref", out var reference) && reference.GetString() == "#/components/schemas/Error"))
                    yield return $"{response.Name} is not described with the Error schema (.ProducesError)";
            }
        }

        var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        var query = parameters.Where(x => x.GetProperty("in").GetString() == "query").ToList();
        if (IsApiPath(path))
        {
            var required = new List<string>();
            if (operation.TryGetProperty("security", out _)) required.AddRange(["401", "403"]);
            if (hasBody) required.AddRange(["400", "413"]);
            if (parameters.Any(x => x.GetProperty("in").GetString() == "path")) required.Add("404");
            if (query.Any(q => q.TryGetProperty("schema", out var s) && (s.TryGetProperty("enum", out _) || s.TryGetProperty("minimum", out _) || s.TryGetProperty("$ref", out _))))
                required.Add("400");
            foreach (var status in required.Distinct().Where(s => !statuses.Contains(s)))
                yield return $"no {status} response";
        }

        foreach (var parameter in query)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var schema = parameter.TryGetProperty("schema", out var s) ? s : default;
            bool Has(string keyword) => schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out _);
            if (string.IsNullOrWhiteSpace(Text(parameter, "description"))) yield return $"query parameter {name} has no description (.WithQuery)";
            if (EnumeratedQueryParameters.Contains(name) && !Has("enum") && !Has("$ref")) yield return $"query parameter {name} lists no values (.WithQuery<TEnum>)";
            if (name == "page" && !(Has("minimum") && Has("default"))) yield return "query parameter page has no minimum or default (.WithPaging)";
            if (name is "limit" or "pageSize" && !(Has("minimum") && Has("maximum") && Has("default")))
                yield return $"query parameter {name} has no minimum, maximum or default (.WithPaging / .WithCursorPaging)";
        }
    }

    private static IEnumerable<(string Label, JsonElement Value)> Examples(JsonElement media)
    {
        if (media.TryGetProperty("example", out var example)) yield return ("", example);
        if (media.TryGetProperty("examples", out var examples))
            foreach (var named in examples.EnumerateObject())
                if (named.Value.TryGetProperty("value", out var value)) yield return ($" \"{named.Name}\"", value);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
