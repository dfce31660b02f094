using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using InboxApp.Features.Auth;
using InboxApp.Features.Users;
using Microsoft.AspNetCore.Mvc;

namespace InboxApp.Features.Invitations;

/// <summary>Form post of the accept-invitation page: accepts, signs in with the cookie, goes to the app (antiforgery checked).</summary>
public static class InvitationUiEndpoints
{
    public static void MapInvitationUiEndpoints(this WebApplication app)
    {
        app.MapPost("/account/invite/{token}", Accept).ExcludeFromDescription().RequireRateLimiting(Api.RateLimits.Auth);
    }

    private static async Task<IResult> Accept(HttpContext http, string token, [FromForm] string? name, [FromForm] string? password,
        InvitationService invitations, AccessResolver resolver)
    {
        if (string.IsNullOrEmpty(password)) return Back(token, "Choose a password.", name);
        try
        {
            var tokens = await invitations.AcceptAsync(token, name, password, http.RequestAborted);
            return await AccountUiEndpoints.SignInAsync(http, resolver, tokens, "/");
        }
        catch (InboxException e)
        {
            return Back(token, UserLabels.ErrorText(e), name);
        }
    }

    private static IResult Back(string token, string error, string? name) =>
        TypedResults.LocalRedirect($"/invite/{Uri.EscapeDataString(token)}?error={Uri.EscapeDataString(error)}&name={Uri.EscapeDataString(name ?? "")}");
}
