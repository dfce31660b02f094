using InboxApp.Core.Identity;

namespace InboxApp.Core.Users;

/// <summary><c>ACTIVE</c>: can work (active, has a password); <c>INACTIVE</c>: deactivated; <c>INVITED</c>: has no password yet.</summary>
public enum UserStatusFilter { ACTIVE, INACTIVE, INVITED }

public sealed record UserFilter(string? Search = null, UserRole? Role = null, UserStatusFilter? Status = null);

/// <summary>A member as others see them: name, role and the status they chose.</summary>
public sealed record MemberSummary(Guid Id, string Name, UserRole Role, OnlineStatus ChosenStatus);

public sealed record UserList(IReadOnlyList<UserDto> Items, int Total);

/// <summary>Someone an admin adds: they get an invitation and choose their own password (ADR 0029).</summary>
public sealed record NewMember(string? Email, string? Name, UserRole? Role = null);

public sealed record UserChanges(string? Name = null, UserRole? Role = null, bool? IsActive = null);

public enum BulkUserAction { Delete, Activate, Deactivate, ChangeRole }

public static class UserErrors
{
    /// <summary>The organization would be left without an active admin.</summary>
    public const string LastAdmin = "LAST_ADMIN";

    /// <summary>An admin tried to demote, deactivate or delete themself.</summary>
    public const string Self = "CANNOT_MODIFY_SELF";

    /// <summary>The user already has a password (nothing to invite).</summary>
    public const string HasPassword = "USER_HAS_PASSWORD";

    public const string NotFound = "NOT_FOUND";
}
