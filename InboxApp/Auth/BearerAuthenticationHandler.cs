using System.Text.Encodings.Web;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace InboxApp.Auth;

/// <summary>
/// <c>Authorization: Bearer …</c> with an access token (<c>at.…</c>) or an API key (<c>sk_org_…</c>). SignalR clients
/// may pass the token as <c>access_token</c> in the query string of hub requests.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessResolver resolver)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null) return AuthenticateResult.NoResult();
        var access = await resolver.ResolveBearerAsync(token, Context.RequestAborted);
        // The expiry lets the hub close a connection when its token or key expires (CloseOnAuthenticationExpiration).
        return access is null
            ? AuthenticateResult.Fail("Invalid or expired token")
            : AuthenticateResult.Success(new AuthenticationTicket(InboxClaims.ToPrincipal(access, SchemeName),
                new AuthenticationProperties { ExpiresUtc = access.ExpiresAt }, SchemeName));
    }

    public static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim() is { Length: > 0 } t ? t : null;
        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } q) return q;
        return null;
    }
}
