using System.Security.Claims;
using InboxApp.Core.Identity;
using InboxApp.Core.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using InboxApp.Realtime;

namespace InboxApp.Auth;

public static class AuthSetup
{
    /// <summary>Policy of every <c>/api/v1</c> endpoint that needs a caller: bearer token or API key, organization active.</summary>
    public const string ApiPolicy = "Api";

    /// <summary>Policy of the Blazor UI: cookie sign-in, organization active.</summary>
    public const string UiPolicy = "Ui";

    public const string SuperAdminPolicy = "SuperAdmin";

    /// <summary>Stored media (avatars): any signed-in caller, by cookie (the UI's img tags) or bearer token.</summary>
    public const string MediaPolicy = "Media";

    public static IServiceCollection AddInboxAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/not-allowed";
                o.Cookie.Name = "inbox.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = AuthOptions.CookieLifetime;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateCookieAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);

        services.AddSingleton<IAuthorizationHandler, ActiveOrganizationRequirement>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p
                .AddAuthenticationSchemes(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new ActiveOrganizationRequirement()))
            .AddPolicy(UiPolicy, p => p
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ActiveOrganizationRequirement()))
            .AddPolicy(MediaPolicy, p => p
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new ActiveOrganizationRequirement()))
            .AddPolicy(SuperAdminPolicy, p => p
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireRole(nameof(UserRole.SUPER_ADMIN)));
        services.AddCascadingAuthenticationState();
        // Open tabs follow their user: revalidated periodically and at once on an access change, every action gated.
        services.AddScoped<AuthenticationStateProvider, CircuitAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, CircuitAccessGate>();
        services.AddSingleton<HubConnectionRegistry>();
        services.AddHostedService<HubConnectionRevalidator>();
        return services;
    }

    /// <summary>Signs the user in with the cookie scheme (UI login page and code sign-in), as a new session (its id in the cookie).</summary>
    public static async Task SignInCookieAsync(this HttpContext context, ResolvedAccess access, bool persistent)
    {
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            InboxClaims.ToPrincipal(access with { SessionId = Guid.NewGuid() }, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = persistent });
    }

    /// <summary>
    /// Every request re-reads the user: a deactivated, removed or re-credentialed user, a session signed out on the server
    /// (or a cookie from before sessions had ids), or a suspended organization, ends the session.
    /// </summary>
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.GetUserId() is not { } userId || principal.GetSessionId() is not { } sessionId)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var resolver = context.HttpContext.RequestServices.GetRequiredService<AccessResolver>();
        var access = await resolver.ResolveUserAsync(userId, principal.FindFirstValue(InboxClaims.SecurityStamp) ?? "", sessionId, context.HttpContext.RequestAborted);
        if (access is null || access.OrganizationStatus is OrganizationStatus.SUSPENDED or OrganizationStatus.CANCELLED)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        if (access.Actor.Role.ToString() != principal.FindFirstValue(InboxClaims.Role) || access.Name != principal.Identity?.Name)
        {
            context.ReplacePrincipal(InboxClaims.ToPrincipal(access, CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }
}
