using Microsoft.AspNetCore.Routing.Template;

namespace InboxApp.Api;

/// <summary>
/// An unknown path under <c>/api</c> answers 404 for every method. Routing alone answers 405 for methods other than GET:
/// the interface's catch-all fallback (GET and HEAD, its constraint refusing <c>/api</c>) is a candidate for every
/// path when methods are compared, before its constraint is. Here a 405 stays only where an API route has this shape.
/// </summary>
public sealed class UnknownApiPathMiddleware(RequestDelegate next, EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyList<TemplateMatcher>> apiRoutes = new(() => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => ApiErrorMiddleware.IsApi("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')))
        .Select(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()))
        .ToList());

    public Task InvokeAsync(HttpContext context)
    {
        if (ApiErrorMiddleware.IsApi(context.Request.Path)
            && context.GetEndpoint()?.DisplayName == MethodNotAllowedEndpoint
            && !apiRoutes.Value.Any(m => m.TryMatch(context.Request.Path, [])))
        {
            context.SetEndpoint(null);
        }
        return next(context);
    }

    // The name of the endpoint routing selects when no candidate takes the method (HttpMethodMatcherPolicy).
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";
}
