using System.Security.Claims;
using System.Text.Encodings.Web;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Partners;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace InboxApp.Features.Partners;

/// <summary>
/// <c>Authorization: Bearer sk_partner_…</c>: a partner's key. It authenticates only the partner endpoints (their policy,
/// <see cref="Policy"/>, names this scheme alone); elsewhere a partner key is no credential, and organization keys and
/// access tokens are none here.
/// </summary>
public sealed class PartnerKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PartnerService partners)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PartnerKey";
    public const string Policy = "Partner";
    public const string PartnerClaim = "partner";
    public const string KeyClaim = "partner_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerAuthenticationHandler.ReadToken(Request);
        if (token is null) return AuthenticateResult.NoResult();
        var caller = await partners.ResolveKeyAsync(token, Context.RequestAborted);
        if (caller is null) return AuthenticateResult.Fail("Invalid partner key");
        var identity = new ClaimsIdentity(
            [new(ClaimTypes.Name, caller.Name), new(PartnerClaim, caller.PartnerId.ToString()), new(KeyClaim, caller.KeyId.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class PartnerAuth
{
    public static IServiceCollection AddPartnerAuth(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, PartnerKeyAuthenticationHandler>(PartnerKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(PartnerKeyAuthenticationHandler.Policy, p => p
            .AddAuthenticationSchemes(PartnerKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(PartnerKeyAuthenticationHandler.PartnerClaim));
        return services;
    }

    /// <summary>The partner behind an authenticated partner key; 401 when there is none.</summary>
    public static PartnerCaller ToPartner(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(PartnerKeyAuthenticationHandler.PartnerClaim), out var partner)
        && Guid.TryParse(principal.FindFirstValue(PartnerKeyAuthenticationHandler.KeyClaim), out var key)
            ? new PartnerCaller(partner, key, principal.Identity?.Name ?? "")
            : throw InboxException.Unauthorized();
}
