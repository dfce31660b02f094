using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InboxApp.Features.ApiReference;

/// <summary>
/// Makes the generated document say what the API does: a nullable property is optional (requests may leave it out, and
/// responses omit nulls) unless it carries <see cref="RequiredAttribute"/>; every operation lists the error responses it
/// can give, in the project's error envelope.
/// </summary>
internal static class ApiContractTransformers
{
    public const string ErrorSchemaName = "Error";

    /// <summary>Removes nullable, non-[Required] properties from a schema's <c>required</c> list.</summary>
    public static void DropOptionalFromRequired(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (schema.Required is not { Count: > 0 } required || schema.Properties is null) return;
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            var nullable = property.IsGetNullable || property.IsSetNullable;
            var annotated = property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;
            if (nullable && !annotated) required.Remove(property.Name);
        }
    }

    /// <summary>Adds 400, 401, 403, 404 and 413 where they can happen, each with the error envelope.</summary>
    public static void DescribeErrors(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var authorized = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var hasBody = description.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Form") || operation.RequestBody is not null;
        var hasQuery = description.ParameterDescriptions.Any(p => p.Source.Id == "Query");
        var hasRouteId = description.RelativePath?.Contains('{') == true;

        operation.Responses ??= new OpenApiResponses();
        if (hasBody || hasQuery || hasRouteId)
            Add(operation, context, "400", "The request is invalid: a field is missing, malformed or out of range (`VALIDATION_ERROR`, `details` names the fields).");
        if (authorized)
        {
            Add(operation, context, "401", "No credential, or an expired or revoked one (`UNAUTHORIZED`).");
            Add(operation, context, "403", "The credential's role may not do this (`FORBIDDEN`).");
        }
        if (hasRouteId)
            Add(operation, context, "404", "No such resource in the caller's organization (`NOT_FOUND`); another organization's ids give 404 too.");
        if (hasBody)
            Add(operation, context, "413", "The body is larger than the API accepts (`PAYLOAD_TOO_LARGE`).");
    }

    private static void Add(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string text)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(ErrorSchemaName, context.Document) },
            },
        };
    }

    /// <summary>The error envelope <c>{ "error": { "message", "code", "details"? } }</c> as a shared schema.</summary>
    public static void AddErrorSchema(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ErrorSchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "error" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "message", "code" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For people: what went wrong." },
                        ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For programs: a stable code such as `VALIDATION_ERROR`, `NOT_FOUND`, `CONFLICT`." },
                        ["details"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Optional: field errors (`{ field: [messages] }`) or other context." },
                    },
                },
            },
            Examples = [JsonNode.Parse("""{ "error": { "message": "The text field is required.", "code": "VALIDATION_ERROR", "details": { "text": ["The text field is required."] } } }""")!],
        };
    }
}
