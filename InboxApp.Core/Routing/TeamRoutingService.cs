using System.Text.Json;
using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Routing;

/// <summary>
/// A team's side of routing: its working hours (the organization's when it has none), how it assigns (manual, round-robin,
/// least-busy) with its members' capacities, and its queue. Everyone reads hours; supervisors read assignment and the
/// queue; admins change.
/// </summary>
public sealed class TeamRoutingService(InboxDb inboxDb, AgentAssigner assigner, PresenceBoard presence, TimeProvider clock)
{
    public async Task<WeeklySchedule> GetScheduleAsync(Actor actor, Guid teamId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        await FindTeamAsync(db, teamId, ct);
        var own = await db.Set<TeamRouting>().Where(t => t.TeamId == teamId).Select(t => t.ScheduleJson).FirstOrDefaultAsync(ct);
        return WeeklySchedule.Parse(own) ?? RoutingSettingsStore.Schedule(await RoutingSettingsStore.LoadAsync(db, ct)) ?? WeeklySchedule.AlwaysOpen;
    }

    public async Task<WeeklySchedule> SetScheduleAsync(Actor actor, Guid teamId, WeeklySchedule? schedule, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var valid = WeeklySchedule.Validate(schedule);
        await using var db = inboxDb.For(actor.Org);
        await FindTeamAsync(db, teamId, ct);
        var row = await ForUpdateAsync(db, teamId, ct);
        row.ScheduleJson = valid.ToJson();
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return valid;
    }

    public async Task<ScheduleStatusDto> ScheduleStatusAsync(Actor actor, Guid teamId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        await FindTeamAsync(db, teamId, ct);
        var (schedule, source) = await EffectiveScheduleAsync(db, teamId, ct);
        var now = clock.GetUtcNow();
        var c = schedule.Clock();
        return new ScheduleStatusDto(schedule.IsEnabled, c.IsOpen(now), c.NextChange(now), schedule.Timezone, source);
    }

    /// <summary>The team's own hours when it has them, else the organization's, else always open.</summary>
    public static async Task<(WeeklySchedule Schedule, string Source)> EffectiveScheduleAsync(InboxDbContext db, Guid? teamId, CancellationToken ct)
    {
        if (teamId is { } id && WeeklySchedule.Parse(await db.Set<TeamRouting>().Where(t => t.TeamId == id).Select(t => t.ScheduleJson).FirstOrDefaultAsync(ct))
            is { } own) return (own, "TEAM");
        return RoutingSettingsStore.Schedule(await RoutingSettingsStore.LoadAsync(db, ct)) is { } org ? (org, "ORGANIZATION") : (WeeklySchedule.AlwaysOpen, "NONE");
    }

    public async Task<TeamAssignmentDto> GetAssignmentAsync(Actor actor, Guid teamId, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        await FindTeamAsync(db, teamId, ct);
        var row = await db.Set<TeamRouting>().AsNoTracking().FirstOrDefaultAsync(t => t.TeamId == teamId, ct) ?? new TeamRouting { TeamId = teamId };
        return await AssignmentDtoAsync(db, row, ct);
    }

    /// <summary>Changes the mode, the default capacity and members' own capacities (members of the team only); then offers the queue.</summary>
    public async Task<TeamAssignmentDto> SetAssignmentAsync(Actor actor, Guid teamId, TeamAssignmentInput input, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (input.Mode is { } mode && !Enum.IsDefined(mode)) throw InboxException.Invalid("mode", "mode must be MANUAL, ROUND_ROBIN or LEAST_BUSY");
        if (input.DefaultCapacity is < 1 or > RoutingLimits.MaxCapacity)
            throw InboxException.Invalid("defaultCapacity", $"defaultCapacity must be between 1 and {RoutingLimits.MaxCapacity}");
        TeamAssignmentDto result;
        await using (var db = inboxDb.For(actor.Org))
        {
            await FindTeamAsync(db, teamId, ct);
            var row = await ForUpdateAsync(db, teamId, ct);
            if (input.Mode is { } m) row.Mode = m;
            if (input.DefaultCapacity is { } capacity) row.DefaultCapacity = capacity;
            if (input.Members is { } members)
            {
                var teamMembers = (await db.TeamMembers.Where(x => x.TeamId == teamId).Select(x => x.UserId).ToListAsync(ct)).ToHashSet();
                var capacities = AgentAssigner.Capacities(row.MemberCapacitiesJson);
                for (var i = 0; i < members.Count; i++)
                {
                    var member = members[i] ?? throw InboxException.Invalid($"members[{i}]", "A member is required");
                    if (!teamMembers.Contains(member.UserId)) throw InboxException.NotFound("Team member");
                    if (member.Capacity is < 1 or > RoutingLimits.MaxCapacity)
                        throw InboxException.Invalid($"members[{i}].capacity", $"capacity must be between 1 and {RoutingLimits.MaxCapacity}");
                    capacities[member.UserId] = member.Capacity;
                }
                row.MemberCapacitiesJson = JsonSerializer.Serialize(capacities);
            }
            row.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            result = await AssignmentDtoAsync(db, row, ct);
        }
        await assigner.DrainAsync(actor.Org, teamId, ct);
        return result;
    }

    /// <summary>The team's queue in arrival order, with how long each conversation has waited (supervisors).</summary>
    public async Task<TeamQueueDto> QueueAsync(Actor actor, Guid teamId, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var team = await FindTeamAsync(db, teamId, ct);
        var mode = await db.Set<TeamRouting>().Where(t => t.TeamId == teamId).Select(t => (AssignmentMode?)t.Mode).FirstOrDefaultAsync(ct) ?? AssignmentMode.MANUAL;
        var rows = await db.Set<ConversationRouting>().AsNoTracking().Where(r => r.TeamId == teamId && r.QueuedAt != null)
            .Join(db.Conversations.Where(c => c.AssigneeId == null && c.Status != ConversationStatus.CLOSED), r => r.ConversationId, c => c.Id,
                (r, c) => new { r.ConversationId, r.QueuedAt, c.LastMessagePreview, c.Contact!.Name, c.Contact.ProfileName, c.Contact.Phone, c.Contact.Identifier })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var entries = rows.OrderBy(r => r.QueuedAt).ThenBy(r => r.ConversationId).Take(500)
            .Select((r, i) => new QueueEntryDto(i + 1, r.ConversationId, r.Name ?? r.ProfileName ?? (r.Phone is null ? r.Identifier : "+" + r.Phone),
                r.LastMessagePreview, r.QueuedAt!.Value, Math.Max(0, (now - r.QueuedAt.Value).TotalSeconds)))
            .ToList();
        var members = await db.TeamMembers.Where(m => m.TeamId == teamId).Select(m => m.UserId).ToListAsync(ct);
        var statuses = await presence.StatusesAsync(db, actor.Org, ct);
        var online = members.Count(m => statuses.GetValueOrDefault(m, OnlineStatus.OFFLINE) == OnlineStatus.ONLINE);
        return new TeamQueueDto(teamId, team.Name, mode, rows.Count, online, entries);
    }

    private async Task<TeamAssignmentDto> AssignmentDtoAsync(InboxDbContext db, TeamRouting row, CancellationToken ct)
    {
        var members = await db.TeamMembers.Where(m => m.TeamId == row.TeamId)
            .Join(db.Users.Where(u => u.DeletedAt == null), m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Name }).ToListAsync(ct);
        var ids = members.Select(m => m.Id).ToList();
        var loads = await db.Conversations.Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId.Value) && c.Status != ConversationStatus.CLOSED)
            .GroupBy(c => c.AssigneeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var capacities = AgentAssigner.Capacities(row.MemberCapacitiesJson);
        var statuses = await presence.StatusesAsync(db, db.TenantId, ct);
        return new TeamAssignmentDto(row.TeamId, row.Mode, row.DefaultCapacity, members
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Id)
            .Select(m => new MemberCapacityDto(m.Id, m.Name, capacities.GetValueOrDefault(m.Id, row.DefaultCapacity), loads.GetValueOrDefault(m.Id),
                statuses.GetValueOrDefault(m.Id, OnlineStatus.OFFLINE)))
            .ToList());
    }

    private static async Task<Teams.Team> FindTeamAsync(InboxDbContext db, Guid teamId, CancellationToken ct) =>
        await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct) ?? throw InboxException.NotFound("Team");

    private static async Task<TeamRouting> ForUpdateAsync(InboxDbContext db, Guid teamId, CancellationToken ct)
    {
        var row = await db.Set<TeamRouting>().FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
        if (row is not null) return row;
        row = new TeamRouting { TeamId = teamId };
        db.Add(row);
        return row;
    }
}
