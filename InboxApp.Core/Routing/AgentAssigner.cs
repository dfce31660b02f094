using System.Collections.Concurrent;
using System.Text.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Routing;

/// <summary>
/// Fair assignment inside a team: hands the team's queue, in arrival order, to members who are ONLINE (live presence; AWAY
/// and OFFLINE get nothing) and hold fewer open conversations than their capacity, round-robin or least-busy. One drain at
/// a time per organization on every node of the database (a gate in this process, then <see cref="AssignmentLock"/>
/// across processes, ADR 0033), so two conversations arriving together on two nodes never push an agent over capacity and
/// round-robin stays even: loads and the round-robin cursor are read and written under the lock. Presence is every node's
/// (<see cref="PresenceBoard"/>). The conversation is saved with its concurrency token: an agent who took it meanwhile
/// wins and the queue moves on.
/// </summary>
public sealed class AgentAssigner(InboxDb inboxDb, PresenceBoard presence, TimeProvider clock, ILogger<AgentAssigner> logger)
{
    private const int Batch = 200;
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> gates = new();

    /// <summary>Assigns as much of <paramref name="teamId"/>'s queue as its free agents can take; answers how many were assigned.</summary>
    public async Task<int> DrainAsync(Guid org, Guid teamId, CancellationToken ct)
    {
        var gate = gates.GetOrAdd(org, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var held = await AssignmentLock.AcquireAsync(inboxDb, org, ct);
            return await DrainLockedAsync(org, teamId, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drains the queues of every team with automatic assignment that <paramref name="userId"/> belongs to (they came online or freed up).</summary>
    public async Task<int> DrainForMemberAsync(Guid org, Guid userId, CancellationToken ct)
    {
        List<Guid> teams;
        await using (var db = inboxDb.For(org))
            teams = await db.TeamMembers.Where(m => m.UserId == userId)
                .Where(m => db.Set<TeamRouting>().Any(t => t.TeamId == m.TeamId && t.Mode != AssignmentMode.MANUAL))
                .Select(m => m.TeamId).ToListAsync(ct);
        var total = 0;
        foreach (var team in teams) total += await DrainAsync(org, team, ct);
        return total;
    }

    /// <summary>Drains every team of the organization that assigns automatically (the periodic safety net).</summary>
    public async Task<int> DrainAllAsync(Guid org, CancellationToken ct)
    {
        List<Guid> teams;
        await using (var db = inboxDb.For(org))
            teams = await db.Set<TeamRouting>().Where(t => t.Mode != AssignmentMode.MANUAL).Select(t => t.TeamId).ToListAsync(ct);
        var total = 0;
        foreach (var team in teams) total += await DrainAsync(org, team, ct);
        return total;
    }

    private sealed class Candidate(Guid userId, int capacity, int load)
    {
        public Guid UserId { get; } = userId;
        public int Capacity { get; } = capacity;
        public int Load { get; set; } = load;
    }

    private async Task<int> DrainLockedAsync(Guid org, Guid teamId, CancellationToken ct)
    {
        TeamRouting? settings;
        List<Candidate> candidates;
        await using (var db = inboxDb.For(org))
        {
            settings = await db.Set<TeamRouting>().AsNoTracking().FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
            if (settings is null || settings.Mode == AssignmentMode.MANUAL) return 0;
            if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.IsActive, ct)) return 0;
            var members = await db.TeamMembers.Where(m => m.TeamId == teamId)
                // A chosen AWAY or OFFLINE is on the user row: honoured whichever node the agent chose it on (ADRs 0033, 0040).
                .Where(m => db.Users.Any(u => u.Id == m.UserId && u.IsActive && u.DeletedAt == null && u.PasswordHash != null
                    && u.OnlineStatus != OnlineStatus.AWAY && !(u.OnlineStatus == OnlineStatus.OFFLINE && u.LastSeenAt != null)))
                .Select(m => m.UserId).ToListAsync(ct);
            var statuses = await presence.LiveStatusesAsync(db, org, ct);
            var online = members.Where(m => statuses.GetValueOrDefault(m, OnlineStatus.OFFLINE) == OnlineStatus.ONLINE).Order().ToList();
            if (online.Count == 0) return 0;
            var loads = await db.Conversations.Where(c => c.AssigneeId != null && online.Contains(c.AssigneeId.Value) && c.Status != ConversationStatus.CLOSED)
                .GroupBy(c => c.AssigneeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var capacities = Capacities(settings.MemberCapacitiesJson);
            candidates = online.Select(u => new Candidate(u, capacities.GetValueOrDefault(u, settings.DefaultCapacity), loads.GetValueOrDefault(u))).ToList();
        }

        var cursor = settings.LastAssignedUserId;
        var assigned = 0;
        while (candidates.Any(c => c.Load < c.Capacity))
        {
            List<ConversationRouting> queue;
            await using (var db = inboxDb.For(org))
                queue = await db.Set<ConversationRouting>().AsNoTracking().Where(r => r.TeamId == teamId && r.QueuedAt != null)
                    .OrderBy(r => r.QueuedAt).ThenBy(r => r.ConversationId).Take(Batch).ToListAsync(ct);
            if (queue.Count == 0) break;
            var progressed = false;
            foreach (var entry in queue)
            {
                var pick = Pick(settings.Mode, candidates, cursor, entry.IdleReturnedFromId);
                if (pick is null) break;
                var outcome = await AssignAsync(org, teamId, entry.ConversationId, pick.UserId, ct);
                progressed = true;
                if (outcome)
                {
                    pick.Load++;
                    cursor = pick.UserId;
                    assigned++;
                }
            }
            if (!progressed) break;
        }
        if (assigned > 0)
        {
            await using var db = inboxDb.For(org);
            await db.Set<TeamRouting>().Where(t => t.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastAssignedUserId, cursor), ct);
        }
        return assigned;
    }

    /// <summary>Round-robin: the next free member after the last one served. Least-busy: the free member with the fewest open conversations.</summary>
    private static Candidate? Pick(AssignmentMode mode, List<Candidate> candidates, Guid? cursor, Guid? avoid)
    {
        var free = candidates.Where(c => c.Load < c.Capacity).ToList();
        if (free.Count > 1 && avoid is { } a) free.RemoveAll(c => c.UserId == a);
        if (free.Count == 0) return null;
        // Members in id order, starting after the cursor.
        var start = cursor is { } last ? candidates.FindIndex(c => c.UserId.CompareTo(last) > 0) : 0;
        if (start < 0) start = 0;
        var ordered = candidates.Skip(start).Concat(candidates.Take(start)).Where(free.Contains).ToList();
        return mode == AssignmentMode.LEAST_BUSY ? ordered.OrderBy(c => c.Load).First() : ordered[0];
    }

    /// <summary>Assigns one queued conversation if it is still unassigned, open and in the team; false when it was not (it leaves the queue then).</summary>
    private async Task<bool> AssignAsync(Guid org, Guid teamId, Guid conversationId, Guid userId, CancellationToken ct)
    {
        await using var db = inboxDb.For(org);
        var routing = await db.Set<ConversationRouting>().FirstOrDefaultAsync(r => r.ConversationId == conversationId, ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (routing is null) return false;
        var now = clock.GetUtcNow();
        if (conversation is null || conversation.AssigneeId is not null || conversation.TeamId != teamId
            || conversation.Status is ConversationStatus.CLOSED or ConversationStatus.BOT_HANDLING)
        {
            routing.QueuedAt = null;
            routing.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return false;
        }
        conversation.AssigneeId = userId;
        if (conversation.Status == ConversationStatus.OPEN) conversation.Status = ConversationStatus.HUMAN_HANDLING;
        conversation.UpdatedAt = now;
        conversation.Version = Guid.NewGuid();
        routing.QueuedAt = null;
        routing.AssignedToId = userId;
        routing.AssignedAt = now;
        routing.UpdatedAt = now;
        db.Raise(new ConversationAssigned(org, conversationId, userId, null));
        db.Raise(new ConversationUpdated(org, conversationId));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed the conversation meanwhile (an agent took it, a message arrived): looked at again on the next pass.
            logger.LogDebug("Conversation {ConversationId} changed while being assigned", conversationId);
            return false;
        }
    }

    public static Dictionary<Guid, int> Capacities(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<Guid, int>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
