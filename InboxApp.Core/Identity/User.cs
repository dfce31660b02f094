using InboxApp.Core.Common;
using InboxApp.Core.Organizations;

namespace InboxApp.Core.Identity;

public enum UserRole { SUPER_ADMIN, ADMIN, SUPERVISOR, AGENT }

public enum OnlineStatus { ONLINE, AWAY, OFFLINE }

/// <summary>
/// A person who signs in. Super admins have no organization; everyone else belongs to exactly one.
/// Password hashing and lockout use ASP.NET Core Identity's <c>PasswordHasher</c> and lockout fields.
/// </summary>
public class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public UserRole Role { get; set; } = UserRole.AGENT;
    public bool IsActive { get; set; } = true;
    /// <summary>
    /// The availability the user chose (the users API), one fact for every node (ADR 0040): AWAY or OFFLINE ("appear
    /// offline") hold until they choose again. OFFLINE with no <see cref="LastSeenAt"/> is the default of someone who never
    /// chose, which means online while connected: read it through <see cref="ChosenStatus"/>.
    /// </summary>
    public OnlineStatus OnlineStatus { get; set; } = OnlineStatus.OFFLINE;
    public string? AvatarPath { get; set; }
    /// <summary>The IANA (or Windows) id of the zone the user reads times in; null: the organization's.</summary>
    public string? TimeZone { get; set; }
    public string? PasswordHash { get; set; }
    /// <summary>Changes whenever credentials or access change; tokens and cookies carrying an older stamp stop working.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public int AccessFailedCount { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    /// <summary>When the user last chose their <see cref="OnlineStatus"/> (null: never).</summary>
    public DateTimeOffset? LastSeenAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>The availability a user chose: <paramref name="stored"/>, except the never-chosen default, which is ONLINE.</summary>
    public static OnlineStatus ChosenStatus(OnlineStatus stored, DateTimeOffset? chosenAt) =>
        stored == OnlineStatus.OFFLINE && chosenAt is null ? OnlineStatus.ONLINE : stored;

    /// <summary>
    /// Users whose choice keeps them from being ONLINE (AWAY, or OFFLINE chosen): <see cref="ChosenStatus"/> as a query.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<User, bool>> ChoseNotOnline =
        u => u.OnlineStatus == OnlineStatus.AWAY || (u.OnlineStatus == OnlineStatus.OFFLINE && u.LastSeenAt != null);
}

public class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    /// <summary>All tokens rotated from one sign-in share a family; reuse of a spent token revokes the family.</summary>
    public Guid FamilyId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// A sign-in session ended on the server (signed out): the cookie carrying its id, and the access and refresh tokens of
/// the refresh-token family with that id, are refused from then on. Kept for the longest lifetime such a credential has.
/// </summary>
public class RevokedSession
{
    /// <summary>The cookie's session id, or the refresh-token family id of an API sign-in.</summary>
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset RevokedAt { get; set; }
}

/// <summary>A one-time sign-in code sent by email.</summary>
public class LoginCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }
}
