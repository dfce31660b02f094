using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Routing;

/// <summary>The organization's routing settings: supervisors read, admins change.</summary>
public sealed partial class RoutingService
{
    public async Task<DefaultTeamDto> GetDefaultTeamAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var settings = await RoutingSettingsStore.LoadAsync(db, ct);
        return await DefaultTeamAsync(db, settings.DefaultTeamId, ct);
    }

    /// <summary>Sets (or with null clears) the team that gets conversations no rule matches.</summary>
    public async Task<DefaultTeamDto> SetDefaultTeamAsync(Actor actor, Guid? teamId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        if (teamId is { } id) await EnsureTeamAsync(db, id, ct);
        var settings = await RoutingSettingsStore.ForUpdateAsync(db, ct);
        settings.DefaultTeamId = teamId;
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await DefaultTeamAsync(db, teamId, ct);
    }

    private static async Task<DefaultTeamDto> DefaultTeamAsync(InboxDbContext db, Guid? teamId, CancellationToken ct) =>
        new(teamId, teamId is { } id ? await db.Teams.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(ct) : null);

    public async Task<WeeklySchedule> GetBusinessHoursAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var settings = await RoutingSettingsStore.LoadAsync(db, ct);
        return RoutingSettingsStore.Schedule(settings) ?? await DefaultScheduleAsync(db, ct);
    }

    public async Task<WeeklySchedule> SetBusinessHoursAsync(Actor actor, WeeklySchedule? schedule, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var valid = WeeklySchedule.Validate(schedule);
        await using var db = inboxDb.For(actor.Org);
        var settings = await RoutingSettingsStore.ForUpdateAsync(db, ct);
        settings.BusinessHoursJson = valid.ToJson();
        settings.UpdatedAt = clock.GetUtcNow();
        // The hours' zone is the organization's zone: times show in it for members without a zone of their own.
        var organization = await db.Organizations.FirstAsync(o => o.Id == actor.Org, ct);
        if (organization.TimeZone != valid.Timezone)
        {
            organization.TimeZone = valid.Timezone;
            organization.UpdatedAt = settings.UpdatedAt;
        }
        await db.SaveChangesAsync(ct);
        return valid;
    }

    /// <summary>Open now and the next change, by the organization's hours.</summary>
    public async Task<ScheduleStatusDto> BusinessHoursStatusAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT); // every member; never a shared inbox link (its reads are its own, by number)
        var schedule = await GetBusinessHoursAsync(actor, ct);
        var now = clock.GetUtcNow();
        var c = schedule.Clock();
        return new ScheduleStatusDto(schedule.IsEnabled, c.IsOpen(now), c.NextChange(now), schedule.Timezone, "ORGANIZATION");
    }

    /// <summary>Never set: disabled, in the organization's time zone, with no slots.</summary>
    private static async Task<WeeklySchedule> DefaultScheduleAsync(InboxDbContext db, CancellationToken ct)
    {
        var zone = await db.Organizations.Where(o => o.Id == db.TenantId).Select(o => o.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        return new WeeklySchedule(zone, false, [], []);
    }

    public async Task<OffHoursDto> GetOffHoursAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var s = await RoutingSettingsStore.LoadAsync(db, ct);
        return new OffHoursDto(s.OffHoursEnabled, s.OffHoursMessage);
    }

    public async Task<OffHoursDto> SetOffHoursAsync(Actor actor, bool? enabled, string? message, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var text = Reply(message, "message");
        await using var db = inboxDb.For(actor.Org);
        var s = await RoutingSettingsStore.ForUpdateAsync(db, ct);
        if (enabled is { } on) s.OffHoursEnabled = on;
        if (message is not null) s.OffHoursMessage = text;
        if (s.OffHoursEnabled && string.IsNullOrWhiteSpace(s.OffHoursMessage))
            throw InboxException.Invalid("message", "Give the message to send outside business hours");
        s.UpdatedAt = clock.GetUtcNow();
        db.InterestChanged<ReplyOffHours>();
        await db.SaveChangesAsync(ct);
        return new OffHoursDto(s.OffHoursEnabled, s.OffHoursMessage);
    }

    public async Task<MaintenanceDto> GetMaintenanceAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var s = await RoutingSettingsStore.LoadAsync(db, ct);
        return new MaintenanceDto(s.MaintenanceEnabled, s.MaintenanceMessage);
    }

    public async Task<MaintenanceDto> SetMaintenanceAsync(Actor actor, bool? enabled, string? message, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var text = Reply(message, "message");
        await using var db = inboxDb.For(actor.Org);
        var s = await RoutingSettingsStore.ForUpdateAsync(db, ct);
        if (enabled is { } on) s.MaintenanceEnabled = on;
        if (message is not null) s.MaintenanceMessage = text;
        s.UpdatedAt = clock.GetUtcNow();
        db.InterestChanged<ReplyOffHours>(); // no off-hours reply during maintenance
        await db.SaveChangesAsync(ct);
        return new MaintenanceDto(s.MaintenanceEnabled, s.MaintenanceMessage);
    }

    public async Task<IdleAgentDto> GetIdleAgentAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var s = await RoutingSettingsStore.LoadAsync(db, ct);
        return new IdleAgentDto(s.IdleAgentEnabled, s.IdleAgentMinutes);
    }

    public async Task<IdleAgentDto> SetIdleAgentAsync(Actor actor, bool? enabled, int? minutes, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (minutes is < 1 or > 1440) throw InboxException.Invalid("minutes", "minutes must be between 1 and 1440");
        await using var db = inboxDb.For(actor.Org);
        var s = await RoutingSettingsStore.ForUpdateAsync(db, ct);
        if (enabled is { } on) s.IdleAgentEnabled = on;
        if (minutes is { } m) s.IdleAgentMinutes = m;
        s.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new IdleAgentDto(s.IdleAgentEnabled, s.IdleAgentMinutes);
    }

    /// <summary>Routing's record on a conversation (any member may see it), with its place in the team's queue.</summary>
    public async Task<ConversationRoutingDto> ForConversationAsync(Actor actor, Guid conversationId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, ct)) throw InboxException.NotFound("Conversation");
        var r = await db.Set<ConversationRouting>().AsNoTracking().FirstOrDefaultAsync(x => x.ConversationId == conversationId, ct);
        if (r is null) return new ConversationRoutingDto(conversationId, null, null, null, null, "Not routed", null, null, null, null, null, null);
        int? position = null;
        if (r.QueuedAt is { } queued && r.TeamId is { } team)
            position = 1 + await db.Set<ConversationRouting>().CountAsync(x => x.TeamId == team && x.QueuedAt != null && x.QueuedAt < queued, ct);
        var teamName = r.TeamId is { } t ? await db.Teams.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return new ConversationRoutingDto(r.ConversationId, r.TeamId, teamName, r.RuleId, r.RuleName, r.Decision, r.RoutedAt, r.QueuedAt, position,
            r.AssignedToId, r.AssignedAt, r.IdleReturnedAt);
    }

    private static string? Reply(string? message, string field)
    {
        var trimmed = message?.Trim();
        if (trimmed is { Length: > RoutingLimits.MaxReplyLength }) throw InboxException.Invalid(field, $"{field} must be at most {RoutingLimits.MaxReplyLength} characters");
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
