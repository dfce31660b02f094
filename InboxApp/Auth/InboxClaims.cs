using System.Security.Claims;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Organizations;

namespace InboxApp.Auth;

/// <summary>The claims our schemes put on a principal, and the way back to an <see cref="Actor"/>.</summary>
public static class InboxClaims
{
    public const string UserId = "sub";
    public const string OrganizationId = "org";
    public const string Role = ClaimTypes.Role;
    public const string ApiKeyId = "api_key";
    public const string SecurityStamp = "stamp";
    public const string OrganizationStatus = "org_status";

    /// <summary>The sign-in session: the cookie's session id, or the refresh-token family of an access token (ended on sign-out).</summary>
    public const string SessionId = "sid";

    public static ClaimsPrincipal ToPrincipal(ResolvedAccess access, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, access.Name),
            new(Role, access.Actor.Role.ToString()),
            new(SecurityStamp, access.SecurityStamp),
        };
        if (access.Actor.UserId is { } uid) claims.Add(new(UserId, uid.ToString()));
        if (access.Actor.OrganizationId is { } oid) claims.Add(new(OrganizationId, oid.ToString()));
        if (access.Actor.ApiKeyId is { } kid) claims.Add(new(ApiKeyId, kid.ToString()));
        if (access.Email is { } email) claims.Add(new(ClaimTypes.Email, email));
        if (access.OrganizationStatus is { } status) claims.Add(new(OrganizationStatus, status.ToString()));
        if (access.SessionId is { } sid) claims.Add(new(SessionId, sid.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, Role));
    }

    /// <summary>The actor behind an authenticated principal; 401 when there is none.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || !Enum.TryParse<UserRole>(principal.FindFirstValue(Role), out var role))
            throw InboxException.Unauthorized();
        return new Actor(
            Guid.TryParse(principal.FindFirstValue(UserId), out var u) ? u : null,
            Guid.TryParse(principal.FindFirstValue(OrganizationId), out var o) ? o : null,
            role,
            Guid.TryParse(principal.FindFirstValue(ApiKeyId), out var k) ? k : null);
    }

    public static Guid? GetSessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), out var s) ? s : null;

    public static Guid? GetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserId), out var u) ? u : null;

    public static Guid? GetApiKeyId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ApiKeyId), out var k) ? k : null;

    public static OrganizationStatus? GetOrganizationStatus(this ClaimsPrincipal principal) =>
        Enum.TryParse<OrganizationStatus>(principal.FindFirstValue(OrganizationStatus), out var s) ? s : null;
}
