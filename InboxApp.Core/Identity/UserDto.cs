using InboxApp.Core.Organizations;

namespace InboxApp.Core.Identity;

public sealed record OrganizationSummary(Guid Id, string Name, string Slug, OrganizationPlan Plan, OrganizationStatus Status, string TimeZone, bool OnboardingCompleted, bool BotEnabled = false);

public sealed record UserDto(
    Guid Id, string Email, string Name, UserRole Role, Guid? OrganizationId, bool IsActive, OnlineStatus OnlineStatus,
    string? AvatarUrl, bool HasPassword, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt, OrganizationSummary? Organization = null,
    string? TimeZone = null)
{
    public static UserDto From(User u, Organization? org = null) => new(
        u.Id, u.Email, u.Name, u.Role, u.OrganizationId, u.IsActive, u.OnlineStatus,
        u.AvatarPath is null ? null : $"/media/avatars/{Path.GetFileName(u.AvatarPath)}",
        u.PasswordHash is not null, u.LastLoginAt, u.CreatedAt,
        org is null ? null : new OrganizationSummary(org.Id, org.Name, org.Slug, org.Plan, org.Status, org.TimeZone, org.OnboardingCompleted, org.BotEnabled),
        u.TimeZone);
}

public sealed record AuthTokens(string AccessToken, string RefreshToken, int ExpiresIn, UserDto User);
