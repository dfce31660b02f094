using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Routing;

/// <summary>
/// Idle-agent detection: a conversation whose assignee has not answered the customer within the organization's N minutes
/// (counted from the later of the customer's waiting start and the assignment) goes back to its team's queue, recorded on
/// the conversation; the agent sees it leave their list (ConversationAssigned). Then the team's free agents are offered it,
/// the idle agent last.
/// </summary>
public sealed class IdleAgentService(InboxDb inboxDb, AgentAssigner assigner, TimeProvider clock)
{
    private const int MaxPerRun = 500;

    public async Task<IdleRunDto> RunAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using (var db = inboxDb.For(actor.Org))
        {
            var settings = await RoutingSettingsStore.LoadAsync(db, ct);
            if (!settings.IdleAgentEnabled) throw InboxException.Conflict("Idle-agent detection is off; turn it on first");
        }
        return new IdleRunDto(await ReturnIdleAsync(actor.Org, ct));
    }

    /// <summary>
    /// The conversations idle-agent detection took from the caller since <paramref name="since"/> (at most a week back),
    /// newest first, and still not theirs again: what an agent coming back is told about.
    /// </summary>
    public async Task<IReadOnlyList<IdleReturnDto>> ReturnedFromMeAsync(Actor actor, DateTimeOffset since, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var me = actor.User;
        var floor = clock.GetUtcNow().AddDays(-7);
        if (since < floor) since = floor;
        await using var db = inboxDb.For(actor.Org);
        var rows = await db.Set<ConversationRouting>().AsNoTracking()
            .Where(r => r.IdleReturnedFromId == me && r.IdleReturnedAt >= since)
            .Join(db.Conversations.Where(c => c.AssigneeId != me), r => r.ConversationId, c => c.Id, (r, c) => new { r.ConversationId, r.IdleReturnedAt, c.ContactId })
            .Join(db.Contacts, x => x.ContactId, k => k.Id, (x, k) => new { x.ConversationId, x.IdleReturnedAt, k.Name, k.ProfileName, k.Username, k.Phone, k.Identifier })
            .Take(MaxPerRun).ToListAsync(ct);
        return rows.OrderByDescending(r => r.IdleReturnedAt)
            .Select(r => new IdleReturnDto(r.ConversationId, r.Name ?? r.ProfileName ?? r.Username ?? (r.Phone is null ? r.Identifier : "+" + r.Phone), r.IdleReturnedAt!.Value))
            .ToList();
    }

    /// <summary>Returns idle conversations of one organization to their queues; answers how many.</summary>
    public async Task<int> ReturnIdleAsync(Guid org, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> ids;
        int minutes;
        await using (var db = inboxDb.For(org))
        {
            var settings = await RoutingSettingsStore.LoadAsync(db, ct);
            if (!settings.IdleAgentEnabled) return 0;
            minutes = settings.IdleAgentMinutes;
            var threshold = now.AddMinutes(-minutes);
            ids = await db.Conversations
                .Where(c => c.AssigneeId != null && c.TeamId != null && c.WaitingSince != null && c.WaitingSince <= threshold
                    && (c.Status == ConversationStatus.HUMAN_HANDLING || c.Status == ConversationStatus.OPEN))
                .Where(c => !db.Set<ConversationRouting>().Any(r => r.ConversationId == c.Id && r.AssignedAt != null && r.AssignedAt > threshold))
                .OrderBy(c => c.WaitingSince).Select(c => c.Id).Take(MaxPerRun).ToListAsync(ct);
        }
        var returned = 0;
        var teams = new HashSet<Guid>();
        foreach (var id in ids)
        {
            await using var db = inboxDb.For(org);
            var c = await db.Conversations.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c?.AssigneeId is not { } agent || c.TeamId is not { } team || c.WaitingSince is not { } waiting) continue;
            var routing = await db.Set<ConversationRouting>().FirstOrDefaultAsync(r => r.ConversationId == id, ct);
            if (routing is null)
            {
                routing = new ConversationRouting { ConversationId = id, TeamId = team, Decision = "Assigned by hand" };
                db.Add(routing);
            }
            c.AssigneeId = null;
            if (c.Status == ConversationStatus.HUMAN_HANDLING) c.Status = ConversationStatus.OPEN;
            c.UpdatedAt = now;
            c.Version = Guid.NewGuid();
            routing.TeamId = team;
            routing.QueuedAt = waiting;
            routing.AssignedToId = null;
            routing.AssignedAt = null;
            routing.IdleReturnedFromId = agent;
            routing.IdleReturnedAt = now;
            routing.UpdatedAt = now;
            db.Raise(new ConversationAssigned(org, id, null, agent));
            db.Raise(new ConversationUpdated(org, id));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                continue; // the agent answered or acted meanwhile
            }
            returned++;
            teams.Add(team);
        }
        foreach (var team in teams) await assigner.DrainAsync(org, team, ct);
        return returned;
    }
}

/// <summary>Every minute: idle-agent detection where it is on, and every automatic team's queue offered to its free agents.</summary>
public sealed class RoutingQueueJob(InboxDb inboxDb, IdleAgentService idle, AgentAssigner assigner)
{
    public const string Key = "routing-queues";
    public const string Cron = "* * * * *";
    public const string Description = "Returns conversations of idle agents to their team's queue and offers every queue to free agents";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        List<Guid> idleOrgs, queueOrgs;
        await using (var db = inboxDb.System())
        {
            idleOrgs = await db.Set<RoutingSettings>().Where(s => s.IdleAgentEnabled).Select(s => s.OrganizationId).ToListAsync(ct);
            queueOrgs = await db.Set<TeamRouting>().Where(t => t.Mode != AssignmentMode.MANUAL).Select(t => t.OrganizationId).Distinct().ToListAsync(ct);
        }
        var returned = 0;
        var assigned = 0;
        foreach (var org in idleOrgs) returned += await idle.ReturnIdleAsync(org, ct);
        foreach (var org in queueOrgs) assigned += await assigner.DrainAllAsync(org, ct);
        return $"{returned} returned from idle agents, {assigned} assigned from queues";
    }
}
