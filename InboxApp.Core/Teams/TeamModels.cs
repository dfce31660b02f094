using InboxApp.Core.Identity;

namespace InboxApp.Core.Teams;

public sealed record TeamDto(Guid Id, string Name, string? Description, bool IsActive, int MemberCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A member as a team shows it: the user, their role in the team and their presence.</summary>
public sealed record TeamMemberDto(Guid UserId, string Name, string Email, TeamRole Role, UserRole UserRole, bool IsActive, OnlineStatus OnlineStatus,
    string? AvatarUrl, DateTimeOffset AddedAt);

public sealed record TeamDetailDto(Guid Id, string Name, string? Description, bool IsActive, int MemberCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<TeamMemberDto> Members);

/// <summary>Changes to a team; null leaves a value as it is, an empty <see cref="Description"/> clears it.</summary>
public sealed record TeamChanges(string? Name = null, string? Description = null, bool? IsActive = null);

public static class TeamRules
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    public static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw Common.InboxException.Invalid("name", "The name is required");
        if (trimmed.Length > MaxNameLength) throw Common.InboxException.Invalid("name", $"The name must be at most {MaxNameLength} characters");
        return trimmed;
    }

    /// <summary>Blank becomes null (no description).</summary>
    public static string? Description(string? description)
    {
        var trimmed = description?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > MaxDescriptionLength)
            throw Common.InboxException.Invalid("description", $"The description must be at most {MaxDescriptionLength} characters");
        return trimmed;
    }

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}
