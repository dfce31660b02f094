using InboxApp.Core.Common;

namespace InboxApp.Core.Identity;

/// <summary>
/// Who is calling: a signed-in user or an organization's API key. Services take an actor and act inside
/// <see cref="OrganizationId"/>; role checks read <see cref="Role"/>. API keys act with the ADMIN role of their organization.
/// </summary>
public sealed record Actor(Guid? UserId, Guid? OrganizationId, UserRole Role, Guid? ApiKeyId = null)
{
    public bool IsSuperAdmin => Role == UserRole.SUPER_ADMIN;

    /// <summary>The organization to act in; super admins outside an organization have none.</summary>
    public Guid Org => OrganizationId ?? throw InboxException.Forbidden("This action needs an organization");

    public Guid User => UserId ?? throw InboxException.Forbidden("This action needs a signed-in user, not an API key");

    public bool AtLeast(UserRole role) => Rank(Role) >= Rank(role);

    public void Require(UserRole role)
    {
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
