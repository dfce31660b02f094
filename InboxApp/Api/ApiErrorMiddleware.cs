using System.Text.Json;
using InboxApp.Core.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace InboxApp.Api;

/// <summary>
/// Every failure under <c>/api</c> and <c>/v1</c> leaves as the error envelope: expected errors with their code, malformed JSON and wrong
/// types as 400, oversized bodies as 413, anything else as 500 INTERNAL_ERROR with no internals in the body.
/// Also applies the request body limit for API calls.
/// </summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger, IOptions<JsonOptions> json, IOptions<ApiOptions> apiOptions)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? apiOptions.Value.MaxJsonBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"The request body is larger than {limit} bytes");
            return;
        }
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limit;

        try
        {
            await next(context);
        }
        catch (InboxException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.StatusCode, e.Code, e.Message, e.Details);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                await WriteAsync(context, 413, ErrorCodes.PayloadTooLarge, "The request body is too large");
            else
                await WriteAsync(context, 400, ErrorCodes.ValidationError, Describe(e));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, 500, ErrorCodes.InternalError, "An unexpected error occurred");
        }
    }

    /// <summary>The API's paths: <c>/api</c> and the public API's <c>/v1</c>.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/v1");

    /// <summary>A short, safe description of a binding failure (no stack, no type names).</summary>
    private static string Describe(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException je)
            return je.Path is { Length: > 1 } p ? $"Invalid JSON at {p.TrimStart('$', '.')}" : "The request body is not valid JSON";
        return e.Message.Contains("body was provided", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Required parameter", StringComparison.Ordinal)
            ? "A required request body or parameter is missing"
            : e.Message.Contains("Failed to bind parameter", StringComparison.Ordinal) ? "A parameter has the wrong format" : "The request is invalid";
    }

    private Task WriteAsync(HttpContext context, int status, string code, string message, IReadOnlyDictionary<string, string[]>? details = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorEnvelope(new ErrorBody(message, code, details)), json.Value.SerializerOptions);
    }
}

public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest JSON body accepted by the API, in bytes (uploads set their own limits). Default 1 MiB.</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per minute and client address on the sign-in endpoints (see <see cref="RateLimits"/>).</summary>
    public int AuthRequestsPerMinute { get; set; } = 20;

    /// <summary>Attempts per minute on one account (password, code, code request), from any address.</summary>
    public int AuthRequestsPerAccountPerMinute { get; set; } = 10;

    /// <summary>Token refreshes per minute and client address (its own budget, apart from signing in).</summary>
    public int RefreshRequestsPerMinute { get; set; } = 300;
}
