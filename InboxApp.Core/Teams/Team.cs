using InboxApp.Core.Common;

namespace InboxApp.Core.Teams;

public enum TeamRole { MEMBER, LEAD }

/// <summary>A group of agents conversations can be routed to. Deleting a team deactivates it (history keeps pointing at it).</summary>
public class Team : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public class TeamMember : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
    public TeamRole Role { get; set; } = TeamRole.MEMBER;
    public DateTimeOffset CreatedAt { get; set; }
}
