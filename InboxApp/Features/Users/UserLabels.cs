using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using MudBlazor;

namespace InboxApp.Features.Users;

/// <summary>How roles and member states read in the UI.</summary>
public static class UserLabels
{
    public static readonly IReadOnlyList<UserRole> OrganizationRoles = [UserRole.AGENT, UserRole.SUPERVISOR, UserRole.ADMIN];

    public static string Role(UserRole role) => role switch
    {
        UserRole.SUPER_ADMIN => "Super admin",
        UserRole.ADMIN => "Admin",
        UserRole.SUPERVISOR => "Supervisor",
        _ => "Agent",
    };

    public static string Status(UserDto user) => !user.IsActive ? "Inactive" : !user.HasPassword ? "Invited" : "Active";

    public static Color StatusColor(UserDto user) => !user.IsActive ? Color.Default : !user.HasPassword ? Color.Warning : Color.Success;

    /// <summary>What a form shows for a refused action: the field messages when there are some, else the message.</summary>
    public static string ErrorText(InboxException e) =>
        e.Details is { Count: > 0 } details ? string.Join(" ", details.SelectMany(d => d.Value)) : e.Message;
}
