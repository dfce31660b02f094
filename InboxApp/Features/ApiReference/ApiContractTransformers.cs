using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Api;
using InboxApp.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
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

    /// <summary>
    /// Lists the error responses an operation can give, each with the error envelope and an example: the ones its shape
    /// implies (400 for a body or a validated query parameter, 401/403 behind authorization, 404 for ids in the path, 413
    /// for a body, 429 under rate limiting) and the ones declared with <see cref="ApiDocs.ProducesError"/>, both listed
    /// when a status has several causes. Outside <c>/api</c> (the WhatsApp webhook) only the
    /// declared ones are listed, without a body.
    /// </summary>
    public static void DescribeErrors(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var declared = metadata.OfType<ApiErrorDoc>().ToList();
        operation.Responses ??= new OpenApiResponses();

        if (!ApiErrorMiddleware.IsApi("/" + (description.RelativePath ?? "").TrimStart('/')))
        {
            foreach (var group in declared.GroupBy(e => e.Status))
                operation.Responses[Status(group.Key)] = new OpenApiResponse { Description = string.Join(" ", group.Select(e => e.When)) };
            return;
        }

        var authorized = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var bodyType = description.ParameterDescriptions.FirstOrDefault(p => p.Source.Id is "Body" or "Form")?.Type;
        var bodyDoc = metadata.OfType<ApiBodyDoc>().LastOrDefault();
        var hasBody = bodyType is not null || bodyDoc is not null || operation.RequestBody is not null;
        var validatedQuery = operation.Parameters?.Where(p => p.In == ParameterLocation.Query && IsValidated(p.Schema)).Select(p => p.Name).FirstOrDefault();
        var pathParameter = description.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Path");

        var implied = new List<ApiErrorDoc>();
        if (hasBody || validatedQuery is not null)
            implied.Add(new(400, ErrorCodes.ValidationError, "The request is invalid: a field is missing, malformed or out of range; `details` names the fields.", "The request is invalid"));
        if (authorized)
        {
            implied.Add(new(401, ErrorCodes.Unauthorized, "No credential, or an expired or revoked one.", "Authentication required"));
            implied.Add(new(403, ErrorCodes.Forbidden, "The caller's role may not do this, or its organization is suspended or cancelled (`ORGANIZATION_SUSPENDED`, `ORGANIZATION_CANCELLED`).",
                "You do not have access to this resource"));
        }
        if (pathParameter is not null)
        {
            var thing = Thing(description.RelativePath);
            implied.Add(new(404, ErrorCodes.NotFound, authorized
                ? $"No such {thing} in the caller's organization (another organization's ids give 404 too)."
                : $"No such {thing}.", $"{char.ToUpperInvariant(thing[0])}{thing[1..]} not found"));
        }
        if (hasBody)
        {
            var limit = metadata.OfType<IRequestSizeLimitMetadata>().LastOrDefault()?.MaxRequestBodySize
                ?? context.ApplicationServices.GetService<IOptions<ApiOptions>>()?.Value.MaxJsonBodyBytes;
            implied.Add(new(413, ErrorCodes.PayloadTooLarge, limit is null ? "The body is larger than the API accepts." : $"The body is larger than {limit} bytes.",
                limit is null ? "The request body is too large" : $"The request body is larger than {limit} bytes"));
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            implied.Add(new(429, ErrorCodes.RateLimited, "Too many requests from this address; the `Retry-After` header says how many seconds to wait.",
                "Too many requests; retry in 42 seconds"));

        var field = bodyType is not null ? FirstProperty(bodyType) : bodyDoc?.Fields.FirstOrDefault()?.Name ?? validatedQuery;
        var errors = implied.Where(i => !declared.Any(d => d.Status == i.Status && d.Code == i.Code && d.When == i.When)).Concat(declared);
        foreach (var group in errors.GroupBy(e => e.Status).OrderBy(g => g.Key))
        {
            var list = group.ToList();
            var media = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ErrorSchemaName, context.Document) };
            if (list.Count == 1) media.Example = Example(list[0], field);
            else
            {
                media.Examples = new Dictionary<string, IOpenApiExample>();
                foreach (var error in list)
                {
                    var key = error.Code;
                    for (var n = 2; media.Examples.ContainsKey(key); n++) key = $"{error.Code} ({n})";
                    media.Examples[key] = new OpenApiExample { Summary = error.When, Value = Example(error, field) };
                }
            }
            var response = new OpenApiResponse
            {
                Description = list.Count == 1 ? $"{list[0].When} (`{list[0].Code}`)" : string.Join("\n", list.Select(e => $"- `{e.Code}`: {e.When}")),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = media },
            };
            if (group.Key == 429)
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                };
            operation.Responses[Status(group.Key)] = response;
        }
    }

    private static string Status(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A query parameter whose value the API checks (so a wrong one is a 400): anything but free text.</summary>
    private static bool IsValidated(IOpenApiSchema? schema) =>
        schema is not null && (schema is OpenApiSchemaReference || schema.Enum is { Count: > 0 } || schema.Minimum is not null || schema.Maximum is not null
            || schema.Format is not null || (schema.Type is { } type && type != JsonSchemaType.String));

    private static JsonNode Example(ApiErrorDoc error, string? field)
    {
        var body = new JsonObject { ["message"] = error.Message ?? error.When, ["code"] = error.Code };
        if (error.Status == 400 && error.Code == ErrorCodes.ValidationError && field is not null)
            body["details"] = new JsonObject { [field] = new JsonArray((JsonNode)$"The {field} field is invalid.") };
        return new JsonObject { ["error"] = body };
    }

    private static string? FirstProperty(Type type) =>
        type.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).FirstOrDefault();

    /// <summary>
    /// What the path's first parameter names: <c>conversations/{id}</c> gives "conversation", <c>{tagId}</c> "tag",
    /// <c>invitations/token/{token}</c> "invitation" (the collection, when the parameter is not an id).
    /// </summary>
    internal static string Thing(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s is "api" or "v1" or "admin" or "dev").ToArray();
        var index = Array.FindIndex(segments, s => s.StartsWith('{'));
        if (index < 0) return "resource";
        var parameter = segments[index].Trim('{', '}').Split(':')[0];
        string noun;
        if (parameter != "id" && parameter.EndsWith("Id", StringComparison.Ordinal) && parameter.Length > 2)
            noun = string.Concat(parameter[..^2].Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        else
            noun = parameter == "id" && index > 0 ? segments[index - 1] : segments[0];
        if (noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal)) noun = noun[..^1];
        return noun.Replace('-', ' ');
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
