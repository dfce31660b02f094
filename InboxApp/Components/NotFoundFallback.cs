using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Components;

/// <summary>
/// Addresses no page or endpoint claims (outside <c>/api</c>, and not files): anonymous visitors go to the sign-in page
/// (which brings them back afterwards), so unknown and protected addresses look the same to them; signed-in people get
/// the shell's "Page not found" with status 404.
/// </summary>
public static class NotFoundFallback
{
    // Catch-all for non-file paths except /api, /v1 and below (those keep their JSON 404 and 405 envelopes).
    private const string Pattern = "{*path:nonfile:regex(^(?!(api|v1)(/|$)))}";

    public static WebApplication MapNotFoundFallback(this WebApplication app)
    {
        // GET and HEAD only, and last: a fallback for every method would share routing nodes with API endpoints and make
        // the body-type policy drop optional-body POSTs sent without a Content-Type (they would answer 404).
        app.MapMethods(Pattern, [HttpMethods.Get, HttpMethods.Head], Handle)
            .WithOrder(int.MaxValue).WithMetadata(new InteractiveNotFoundMetadata()).ExcludeFromDescription();
        return app;
    }

    /// <summary>Tells App.razor to render the shell interactively here, as on a page (it is no page endpoint).</summary>
    public sealed class InteractiveNotFoundMetadata;

    public static bool IsInteractiveNotFound(this HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<InteractiveNotFoundMetadata>() is not null;

    private static IResult Handle(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? new RazorComponentResult<App> { StatusCode = StatusCodes.Status404NotFound }
            : TypedResults.Challenge();
}
