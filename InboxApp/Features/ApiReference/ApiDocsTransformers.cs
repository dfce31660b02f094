using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InboxApp.Features.ApiReference;

/// <summary>
/// Turns the endpoints' <see cref="ApiDocs"/> metadata and the <see cref="ApiExampleCatalogue"/> into the document:
/// bodies the handlers read themselves, query parameters' descriptions, values, defaults and ranges, and the examples of
/// request bodies and responses.
/// </summary>
internal static class ApiDocsTransformers
{
    /// <summary>A multipart or raw body declared with <see cref="ApiDocs.WithMultipartBody"/> / <see cref="ApiDocs.WithRawBody"/>.</summary>
    public static void DescribeBody(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiBodyDoc>().LastOrDefault();
        if (body is null) return;
        var media = new OpenApiMediaType();
        if (body.Fields.Count > 0)
        {
            var properties = new Dictionary<string, IOpenApiSchema>();
            var required = new HashSet<string>();
            var example = new JsonObject();
            foreach (var field in body.Fields)
            {
                properties[field.Name] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = field.IsFile ? "binary" : null,
                    Description = field.Description,
                    Enum = field.Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
                };
                if (field.Required) required.Add(field.Name);
                example[field.Name] = field.Example;
            }
            media.Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties, Required = required };
            media.Example = example;
        }
        else
        {
            media.Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = body.Description };
            media.Example = JsonNode.Parse(body.ExampleJson!);
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Description = body.Description,
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { [body.ContentType] = media },
        };
    }

    /// <summary>Query parameters declared with <see cref="ApiDocs.WithQuery"/> (added when the handler reads them itself).</summary>
    public static void DescribeQuery(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        foreach (var doc in context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiQueryDoc>())
        {
            operation.Parameters ??= [];
            var parameter = operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.In == ParameterLocation.Query && p.Name == doc.Name);
            if (parameter is null)
            {
                parameter = new OpenApiParameter { Name = doc.Name, In = ParameterLocation.Query, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                operation.Parameters.Add(parameter);
            }
            parameter.Description = doc.Description;
            var defaultValue = doc.Default is null ? null : JsonSerializer.SerializeToNode(doc.Default is Enum ? doc.DefaultText : doc.Default);
            if (doc.Values is not null)
            {
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = doc.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
                    Default = defaultValue,
                };
            }
            else if (doc.Minimum is not null || doc.Maximum is not null)
            {
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = doc.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Maximum = doc.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Default = defaultValue,
                };
            }
            else if (defaultValue is not null && parameter.Schema is OpenApiSchema schema)
            {
                schema.Default = defaultValue;
            }
        }
    }

    /// <summary>Path parameters without a description say what they name: "The conversation's id."</summary>
    public static void DescribePath(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path && string.IsNullOrEmpty(p.Description)) ?? [])
        {
            var name = parameter.Name ?? "";
            parameter.Description = name == "id"
                ? $"The {ApiContractTransformers.Thing(context.Description.RelativePath)}'s id."
                : name.EndsWith("Id", StringComparison.Ordinal)
                    ? $"The {string.Concat(name[..^2].Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()))}'s id."
                    : $"The {name}.";
        }
    }

    /// <summary>Examples of the JSON request body and the JSON success responses, from the catalogue.</summary>
    public static void AddExamples(OpenApiOperation operation, OpenApiOperationTransformerContext context, ApiExampleCatalogue catalogue)
    {
        var description = context.Description;
        var cursor = operation.Parameters?.Any(p => p.In == ParameterLocation.Query && p.Name == "cursor") == true;

        var body = description.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body");
        if (body is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
                Set(media, catalogue.Compose(body.Type, cursorPaging: false));
        }

        if (operation.Responses is null) return;
        foreach (var responseType in description.SupportedResponseTypes)
        {
            if (responseType.Type is null || responseType.Type == typeof(void)) continue;
            if (!operation.Responses.TryGetValue(responseType.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                || response.Content is null) continue;
            foreach (var (contentType, media) in response.Content)
            {
                if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
                    Set(media, catalogue.Compose(responseType.Type, cursor));
            }
        }
    }

    private static void Set(OpenApiMediaType media, IReadOnlyList<ApiExample> examples)
    {
        if (examples.Count == 0 || media.Example is not null || media.Examples is { Count: > 0 }) return;
        if (examples is [{ Summary: null } only])
        {
            media.Example = only.Value.DeepClone();
            return;
        }
        media.Examples = new Dictionary<string, IOpenApiExample>();
        for (var i = 0; i < examples.Count; i++)
        {
            var key = examples[i].Summary ?? $"Example {i + 1}";
            media.Examples[media.Examples.ContainsKey(key) ? $"{key} ({i + 1})" : key] =
                new OpenApiExample { Summary = examples[i].Summary, Value = examples[i].Value.DeepClone() };
        }
    }
}
