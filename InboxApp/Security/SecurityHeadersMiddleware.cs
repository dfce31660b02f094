using InboxApp.Features.ApiReference;
using InboxApp.Features.Jobs;
using InboxApp.Features.SharedInboxLinks;

namespace InboxApp.Security;

/// <summary>
/// Headers on every response: <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: same-origin</c> and
/// <c>X-Frame-Options: DENY</c> (no page of the app, the API reference included, may be framed). HTML pages also get a
/// Content-Security-Policy that runs only the app's own script files (no inline script, no eval, no plugins) and forbids
/// framing; the API reference (Swagger UI) and Hangfire's dashboard, third-party pages, get the framing rule only.
/// A page made to be framed by others (the partner connect page) sets its own whole policy with <see cref="UseOwnPolicy"/>:
/// it then gets that policy (its <c>frame-ancestors</c> names who may frame it) and no <c>X-Frame-Options</c>.
/// A shared inbox link's page (<c>/s/{secret}</c>) may be framed by the origins its link allows
/// (<see cref="SharedInboxGuardMiddleware"/> puts them in <see cref="HttpContext.Items"/>): <c>frame-ancestors</c> names them
/// and <c>X-Frame-Options</c> is left out (it cannot name several origins).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The policy of the app's pages: Blazor Server and MudBlazor load their scripts from the app's own origin.</summary>
    public const string PagePolicy = "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>The policy of third-party pages served by the app.</summary>
    public const string FramePolicy = "frame-ancestors 'none'";

    private const string OwnPolicyKey = "InboxApp.OwnContentSecurityPolicy";

    /// <summary>This response carries <paramref name="policy"/> as its Content-Security-Policy instead of the app's, and no X-Frame-Options.</summary>
    public static void UseOwnPolicy(HttpContext context, string policy) => context.Items[OwnPolicyKey] = policy;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (http.Items.TryGetValue(OwnPolicyKey, out var own) && own is string policy)
            {
                headers.ContentSecurityPolicy = policy;
                // Facebook's SDK checks the embedding origin; the token in the page's address never leaves with a referrer.
                headers["Referrer-Policy"] = "strict-origin";
                headers.Remove("X-Frame-Options");
                return Task.CompletedTask;
            }
            var frameOrigins = http.Items.TryGetValue(SharedInboxGuardMiddleware.FrameOriginsKey, out var o) && o is IReadOnlyList<string> { Count: > 0 } list ? list : null;
            if (frameOrigins is null) headers.XFrameOptions = "DENY";
            else headers.Remove("X-Frame-Options"); // antiforgery's SAMEORIGIN too
            // Replaces Blazor's own header (frame-ancestors 'self'): this policy includes the stricter framing rule.
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                headers.ContentSecurityPolicy = frameOrigins is not null ? FramedPagePolicy(frameOrigins)
                    : IsThirdPartyPage(http.Request.Path) ? FramePolicy : PagePolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>The page policy with <c>frame-ancestors</c> naming <paramref name="origins"/> (validated origins, see SharedInboxLinkService).</summary>
    public static string FramedPagePolicy(IReadOnlyList<string> origins) =>
        "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors " + string.Join(' ', origins);

    private static bool IsThirdPartyPage(PathString path) =>
        path.StartsWithSegments("/" + ApiReferenceSetup.ReferencePath) || path.StartsWithSegments(JobsDashboard.Path);
}
