using InboxApp.Api;
using InboxApp.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace InboxApp.Auth;

/// <summary>API calls that fail authentication or authorization get the error envelope instead of a redirect or empty body.</summary>
public sealed class ApiAuthorizationResultHandler(IOptions<JsonOptions> json) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!ApiErrorMiddleware.IsApi(context.Request.Path) || result.Succeeded)
        {
            await fallback.HandleAsync(next, context, policy, result);
            return;
        }

        ErrorBody error;
        if (result.Challenged || context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.StatusCode = 401;
            error = new ErrorBody("Missing or invalid credentials", ErrorCodes.Unauthorized);
        }
        else
        {
            context.Response.StatusCode = 403;
            var orgStatus = result.AuthorizationFailure?.FailureReasons.FirstOrDefault(r => r.Handler is ActiveOrganizationRequirement)?.Message;
            error = orgStatus switch
            {
                "SUSPENDED" => new ErrorBody("The organization is suspended", ErrorCodes.OrganizationSuspended),
                "CANCELLED" => new ErrorBody("The organization is cancelled", ErrorCodes.OrganizationCancelled),
                _ => new ErrorBody("You do not have access to this resource", ErrorCodes.Forbidden),
            };
        }
        await context.Response.WriteAsJsonAsync(new ErrorEnvelope(error), json.Value.SerializerOptions);
    }
}
