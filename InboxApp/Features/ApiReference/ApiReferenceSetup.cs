using InboxApp.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InboxApp.Features.ApiReference;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (title, the bearer security scheme, which operations need it) and
/// the browsable reference at <c>/api-docs</c> (Swagger UI reading that document).
/// </summary>
public static class ApiReferenceSetup
{
    public const string DocumentUrl = "/openapi/v1.json";
    public const string ReferencePath = "api-docs";
    public const string BearerSchemeName = "Bearer";

    public const string BearerDescription =
        "Send `Authorization: Bearer <credential>`. The credential is either a user's access token (`at.…`, from " +
        "`POST /api/v1/auth/login`, valid 15 minutes, renewed with `POST /api/v1/auth/refresh`) or an organization's API key " +
        "(`sk_org_…`, created by an admin under Settings › API keys; it acts as an admin of its organization).";

    public static IServiceCollection AddInboxOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document);
                ApiContractTransformers.AddErrorSchema(document);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                RequireBearerWhereAuthorized(operation, context);
                ApiDocsTransformers.DescribeBody(operation, context);
                ApiDocsTransformers.DescribeQuery(operation, context);
                ApiDocsTransformers.DescribePath(operation, context);
                ApiContractTransformers.DescribeErrors(operation, context);
                ApiDocsTransformers.AddExamples(operation, context, ApiExampleCatalogue.App);
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                ApiContractTransformers.DropOptionalFromRequired(schema, context);
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// <c>ApiReference:Enabled</c> (default true): whether the OpenAPI document and <c>/api-docs</c> are served. Both are public
    /// (partners need them, also in Production); an operator who does not want that sets it to false and both answer 404.
    /// Neither can be framed (<see cref="Security.SecurityHeadersMiddleware"/>).
    /// </summary>
    public const string EnabledSetting = "ApiReference:Enabled";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledSetting, true);

    /// <summary>Serves Swagger UI at <c>/api-docs</c> over the generated document (unless <see cref="EnabledSetting"/> is false).</summary>
    public static WebApplication UseInboxApiReference(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration)) return app;
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = ReferencePath;
            o.DocumentTitle = "API reference · InboxApp";
            o.SwaggerEndpoint(DocumentUrl, "InboxApp API v1");
            o.DisplayRequestDuration();
            o.EnableTryItOutByDefault();
        });
        return app;
    }

    /// <summary>The OpenAPI document at <see cref="DocumentUrl"/> (unless <see cref="EnabledSetting"/> is false).</summary>
    public static WebApplication MapInboxOpenApi(this WebApplication app)
    {
        if (IsEnabled(app.Configuration)) app.MapOpenApi();
        return app;
    }

    internal static void DescribeDocument(OpenApiDocument document)
    {
        document.Info.Title = "InboxApp API";
        document.Info.Description =
            "The partner API of InboxApp. Responses use the envelope `{ \"data\": … }` (lists add `meta.pagination`); " +
            "errors are `{ \"error\": { \"message\", \"code\", \"details\"? } }`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "at.… access token or sk_org_… API key",
            Description = BearerDescription,
        };
    }

    /// <summary>Operations behind an authorization policy (and not anonymous) list the bearer scheme as their requirement.</summary>
    internal static void RequireBearerWhereAuthorized(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any()) return;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeName, context.Document)] = [] });
    }
}
