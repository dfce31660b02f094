using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Teams;

/// <summary>
/// Teams of agents: everyone in the organization may list them and see who is in them; only admins create, change,
/// deactivate (the soft delete: conversations keep pointing at the team) and manage members. Names are unique within
/// the organization regardless of case, inactive teams included.
/// </summary>
public sealed class TeamService(InboxDb inboxDb, Routing.PresenceBoard presence, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamDto>> ListAsync(Actor actor, bool includeInactive, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var teams = db.Teams.AsNoTracking();
        if (!includeInactive) teams = teams.Where(t => t.IsActive);
        var rows = await teams.OrderBy(t => t.NormalizedName).ThenBy(t => t.Id)
            .Select(t => new
            {
                Team = t,
                Members = db.TeamMembers.Count(m => m.TeamId == t.Id && db.Users.Any(u => u.Id == m.UserId && u.DeletedAt == null)),
            })
            .ToListAsync(ct);
        return rows.Select(r => ToDto(r.Team, r.Members)).ToList();
    }

    public async Task<TeamDetailDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw InboxException.NotFound("Team");
        return await DetailAsync(db, team, ct);
    }

    public async Task<TeamDetailDto> CreateAsync(Actor actor, string? name, string? description, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var cleanName = TeamRules.Name(name);
        var cleanDescription = TeamRules.Description(description);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var normalized = TeamRules.Normalize(cleanName);
        if (await db.Teams.AnyAsync(t => t.NormalizedName == normalized, ct)) throw NameTaken();
        var team = new Team { Name = cleanName, NormalizedName = normalized, Description = cleanDescription, CreatedAt = now, UpdatedAt = now };
        db.Teams.Add(team);
        await SaveUniqueAsync(db, ct);
        return new TeamDetailDto(team.Id, team.Name, team.Description, team.IsActive, 0, team.CreatedAt, team.UpdatedAt, []);
    }

    public async Task<TeamDetailDto> UpdateAsync(Actor actor, Guid id, TeamChanges changes, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var name = changes.Name is null ? null : TeamRules.Name(changes.Name);
        await using var db = inboxDb.For(actor.Org);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw InboxException.NotFound("Team");
        if (name is not null)
        {
            var normalized = TeamRules.Normalize(name);
            if (await db.Teams.AnyAsync(t => t.NormalizedName == normalized && t.Id != id, ct)) throw NameTaken();
            team.Name = name;
            team.NormalizedName = normalized;
        }
        if (changes.Description is not null) team.Description = TeamRules.Description(changes.Description);
        if (changes.IsActive is { } active) team.IsActive = active;
        team.UpdatedAt = clock.GetUtcNow();
        await SaveUniqueAsync(db, ct);
        return await DetailAsync(db, team, ct);
    }

    /// <summary>Deactivates the team (members and history stay); PATCH with <c>isActive: true</c> brings it back.</summary>
    public async Task DeactivateAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw InboxException.NotFound("Team");
        if (!team.IsActive) return;
        team.IsActive = false;
        team.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds an active member of the organization; 409 when they are in the team already.</summary>
    public async Task<TeamDetailDto> AddMemberAsync(Actor actor, Guid id, Guid userId, TeamRole? role, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var teamRole = CheckRole(role ?? TeamRole.MEMBER);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw InboxException.NotFound("Team");
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct)
            ?? throw InboxException.NotFound("User");
        if (!user.IsActive) throw InboxException.Invalid("userId", "This user is deactivated; activate them before adding them to a team");
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == id && m.UserId == userId, ct))
            throw InboxException.Conflict($"{user.Name} is already a member of this team");
        db.TeamMembers.Add(new TeamMember { TeamId = id, UserId = userId, Role = teamRole, CreatedAt = now });
        team.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Added by someone else between the check and the insert.
            throw InboxException.Conflict($"{user.Name} is already a member of this team");
        }
        return await DetailAsync(db, team, ct);
    }

    public async Task<TeamDetailDto> SetMemberRoleAsync(Actor actor, Guid id, Guid userId, TeamRole role, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        CheckRole(role);
        await using var db = inboxDb.For(actor.Org);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw InboxException.NotFound("Team");
        var member = await FindMemberAsync(db, id, userId, ct);
        if (member.Role != role)
        {
            member.Role = role;
            team.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return await DetailAsync(db, team, ct);
    }

    public async Task RemoveMemberAsync(Actor actor, Guid id, Guid userId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw InboxException.NotFound("Team");
        var member = await FindMemberAsync(db, id, userId, ct);
        db.TeamMembers.Remove(member);
        team.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private static async Task<TeamMember> FindMemberAsync(InboxDbContext db, Guid teamId, Guid userId, CancellationToken ct) =>
        await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId
            && db.Users.Any(u => u.Id == m.UserId && u.DeletedAt == null), ct)
        ?? throw InboxException.NotFound("Team member");

    /// <summary>
    /// The team with its members; each member's status is their presence on any node as colleagues see it (online, away,
    /// offline: live sessions with the status the member chose applied, <see cref="Routing.PresenceBoard.StatusesAsync"/>).
    /// </summary>
    private async Task<TeamDetailDto> DetailAsync(InboxDbContext db, Team team, CancellationToken ct)
    {
        var rows = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == team.Id)
            .Join(db.Users.Where(u => u.DeletedAt == null), m => m.UserId, u => u.Id, (m, u) => new { Member = m, User = u })
            .ToListAsync(ct);
        var statuses = await presence.StatusesAsync(db, team.OrganizationId, ct);
        var members = rows
            .OrderBy(r => r.Member.Role == TeamRole.LEAD ? 0 : 1).ThenBy(r => r.User.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.User.Id)
            .Select(r => new TeamMemberDto(r.User.Id, r.User.Name, r.User.Email, r.Member.Role, r.User.Role, r.User.IsActive, statuses.GetValueOrDefault(r.User.Id, OnlineStatus.OFFLINE),
                UserDto.From(r.User).AvatarUrl, r.Member.CreatedAt))
            .ToList();
        return new TeamDetailDto(team.Id, team.Name, team.Description, team.IsActive, members.Count, team.CreatedAt, team.UpdatedAt, members);
    }

    private static TeamDto ToDto(Team t, int members) => new(t.Id, t.Name, t.Description, t.IsActive, members, t.CreatedAt, t.UpdatedAt);

    private static TeamRole CheckRole(TeamRole role) =>
        Enum.IsDefined(role) ? role : throw InboxException.Invalid("role", "The role must be MEMBER or LEAD");

    private static InboxException NameTaken() => InboxException.Conflict("A team with this name already exists");

    /// <summary>Saves; a unique-name violation from a concurrent writer becomes the same 409 as the check before it.</summary>
    private static async Task SaveUniqueAsync(InboxDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw NameTaken();
        }
    }
}
