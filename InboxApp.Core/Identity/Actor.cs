using InboxApp.Core.Common;
using InboxApp.Core.SharedInboxLinks;

namespace InboxApp.Core.Identity;

/// <summary>
/// Who is calling: a signed-in user, an organization's API key, or a shared inbox link. Services take an actor and act inside
/// <see cref="OrganizationId"/>; role checks read <see cref="Role"/>. API keys act with the ADMIN role of their organization.
/// A shared inbox link (<see cref="Link"/>) has no role at all: every <see cref="Require"/> refuses it, and only the
/// services that know links (sending, marking read) let it through, after checking its permissions, its phone number and
/// that it is still live (<see cref="SharedLinkGate"/>).
/// </summary>
public sealed record Actor(Guid? UserId, Guid? OrganizationId, UserRole Role, Guid? ApiKeyId = null)
{
    /// <summary>The shared inbox link acting (a person without an account), or null for users and API keys.</summary>
    public SharedLinkGrant? Link { get; init; }

    /// <summary>A shared inbox link of <paramref name="organizationId"/> as the actor.</summary>
    public static Actor ForLink(Guid organizationId, SharedLinkGrant grant) => new(null, organizationId, UserRole.AGENT) { Link = grant };

    public bool IsSuperAdmin => Role == UserRole.SUPER_ADMIN;

    /// <summary>The organization to act in; super admins outside an organization have none.</summary>
    public Guid Org => OrganizationId ?? throw InboxException.Forbidden("This action needs an organization");

    public Guid User => UserId ?? throw InboxException.Forbidden("This action needs a signed-in user, not an API key");

    public bool AtLeast(UserRole role) => Link is null && Rank(Role) >= Rank(role);

    public void Require(UserRole role)
    {
        if (Link is not null) throw InboxException.Forbidden("A shared inbox link cannot do this", SharedLinkErrors.NotPermitted);
        if (!AtLeast(role)) throw InboxException.Forbidden($"This action needs the {role} role");
    }

    private static int Rank(UserRole role) => role switch
    {
        UserRole.SUPER_ADMIN => 4,
        UserRole.ADMIN => 3,
        UserRole.SUPERVISOR => 2,
        _ => 1,
    };
}
