using System.Threading.Channels;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Routing;

/// <summary>
/// One node's report of one agent's live presence (ADR 0033): ONLINE or AWAY while the agent has a session on that node,
/// renewed by the node's heartbeat; a row past <see cref="ExpiresAt"/> is a node that stopped without saying so. Live only:
/// what the agent chose (AWAY, appear offline) is on their user row and applied by the readers (ADR 0040).
/// </summary>
public class AgentPresence : ITenantOwned
{
    public required string NodeId { get; set; }
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
    public OnlineStatus Status { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

public sealed class AgentPresenceConfiguration : IEntityTypeConfiguration<AgentPresence>
{
    public void Configure(EntityTypeBuilder<AgentPresence> b)
    {
        b.HasKey(p => new { p.NodeId, p.UserId });
        b.Property(p => p.NodeId).HasMaxLength(PresenceBoard.MaxNodeIdLength);
        b.HasIndex(p => new { p.OrganizationId, p.UserId });
        b.HasIndex(p => p.ExpiresAt);
    }
}

/// <summary>
/// Presence as every node of the database sees it, for routing: <see cref="PresenceTracker"/> lives in one process, so an
/// agent connected to node A would be OFFLINE to node B's assigner. Each node writes its agents' effective status to
/// <see cref="AgentPresence"/> when it changes (one writer loop, so writes keep their order) and renews its rows every
/// <see cref="Heartbeat"/>; readers merge this node's live tracker with the other nodes' unexpired rows (ONLINE on any
/// node wins, then AWAY). A stopping node removes its rows; a crashed node's rows lapse after <see cref="Lifetime"/>.
/// <para>
/// The rows carry live presence (sessions, idleness) only. The status an agent chose is one fact on their user row
/// (<see cref="User.ChosenStatus"/>, ADR 0040): <see cref="StatusesAsync"/> applies it, so a choice made on any node holds
/// on every node at once and after restarts. Each node's tracker also re-reads the choices of its connected agents at every
/// heartbeat, so its own pages and hub clients follow a choice made elsewhere within <see cref="Heartbeat"/>.
/// </para>
/// </summary>
public sealed class PresenceBoard(InboxDb inboxDb, PresenceTracker presence, TimeProvider clock, ILogger<PresenceBoard> logger) : BackgroundService
{
    public const int MaxNodeIdLength = 100;
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(95);

    private readonly Channel<(Guid Org, Guid User)> changed = Channel.CreateUnbounded<(Guid, Guid)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>This node: machine, process and host instance (tests run several hosts in one process).</summary>
    public string NodeId { get; } = Trim($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    /// <summary>The live status on this node.</summary>
    public OnlineStatus LocalStatusOf(Guid org, Guid userId) => presence.StatusOf(org, userId);

    /// <summary>
    /// Every agent of the organization who is ONLINE or AWAY on some node, as colleagues see them: a chosen AWAY caps them at
    /// AWAY, a chosen OFFLINE leaves them out (one query for the organization's choices besides the rows).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, OnlineStatus>> StatusesAsync(InboxDbContext db, Guid org, CancellationToken ct)
    {
        var merged = await LiveStatusesAsync(db, org, ct);
        if (merged.Count == 0) return merged;
        var choices = await db.Users.AsNoTracking().Where(u => u.OrganizationId == org).Where(User.ChoseNotOnline)
            .Select(u => new { u.Id, u.OnlineStatus }).ToListAsync(ct);
        foreach (var choice in choices)
        {
            if (!merged.TryGetValue(choice.Id, out var live)) continue;
            var seen = PresenceTracker.Capped(live, choice.OnlineStatus);
            if (seen == OnlineStatus.OFFLINE) merged.Remove(choice.Id);
            else merged[choice.Id] = seen;
        }
        return merged;
    }

    /// <summary>
    /// Every agent of the organization with a live session on some node, whatever they chose: for a caller that reads the
    /// choices with its own query (the assigner's members).
    /// </summary>
    public async Task<Dictionary<Guid, OnlineStatus>> LiveStatusesAsync(InboxDbContext db, Guid org, CancellationToken ct)
    {
        var merged = new Dictionary<Guid, OnlineStatus>(presence.LiveStatuses(org));
        var now = clock.GetUtcNow();
        var others = await db.Set<AgentPresence>().AsNoTracking().Where(p => p.OrganizationId == org && p.NodeId != NodeId && p.ExpiresAt > now)
            .Select(p => new { p.UserId, p.Status }).ToListAsync(ct);
        foreach (var other in others)
            merged[other.UserId] = Better(merged.GetValueOrDefault(other.UserId, OnlineStatus.OFFLINE), other.Status);
        return merged;
    }

    private static OnlineStatus Better(OnlineStatus a, OnlineStatus b) =>
        a == OnlineStatus.ONLINE || b == OnlineStatus.ONLINE ? OnlineStatus.ONLINE
        : a == OnlineStatus.AWAY || b == OnlineStatus.AWAY ? OnlineStatus.AWAY : OnlineStatus.OFFLINE;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = presence.WatchLiveness((org, user) => changed.Writer.TryWrite((org, user)));
        var nextBeat = clock.GetUtcNow() + Heartbeat;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = nextBeat - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(wait);
                    try
                    {
                        await changed.Reader.WaitToReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                    }
                }
                var batch = new HashSet<(Guid Org, Guid User)>();
                while (changed.Reader.TryRead(out var item)) batch.Add(item);
                foreach (var (org, user) in batch) await WriteAsync(org, user, stoppingToken);
                if (clock.GetUtcNow() >= nextBeat)
                {
                    await RenewAsync(stoppingToken);
                    await RereadChoicesAsync(stoppingToken);
                    nextBeat = clock.GetUtcNow() + Heartbeat;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Sharing presence with the other nodes failed; retrying at the next heartbeat");
                nextBeat = clock.GetUtcNow() + Heartbeat;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var db = inboxDb.System();
            await db.Set<AgentPresence>().Where(p => p.NodeId == NodeId).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogInformation(e, "This node's presence rows were not removed; they lapse after {Lifetime}", Lifetime);
        }
    }

    /// <summary>Writes the agent's current live status on this node (read now, so a late write never undoes a newer one).</summary>
    private async Task WriteAsync(Guid org, Guid user, CancellationToken ct)
    {
        var status = presence.LiveStatusOf(org, user);
        await using var db = inboxDb.For(org);
        var row = await db.Set<AgentPresence>().FirstOrDefaultAsync(p => p.NodeId == NodeId && p.UserId == user, ct);
        if (status == OnlineStatus.OFFLINE)
        {
            if (row is null) return;
            db.Remove(row);
        }
        else if (row is null)
            db.Add(new AgentPresence { NodeId = NodeId, UserId = user, OrganizationId = org, Status = status, ExpiresAt = clock.GetUtcNow() + Lifetime });
        else
        {
            row.Status = status;
            row.ExpiresAt = clock.GetUtcNow() + Lifetime;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The heartbeat: this node's rows live on; rows of nodes gone without a word are removed.</summary>
    private async Task RenewAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + Lifetime;
        await using var db = inboxDb.System();
        if (await db.Set<AgentPresence>().AnyAsync(p => p.NodeId == NodeId, ct))
            await db.Set<AgentPresence>().Where(p => p.NodeId == NodeId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, until), ct);
        if (await db.Set<AgentPresence>().AnyAsync(p => p.ExpiresAt < now, ct))
            await db.Set<AgentPresence>().Where(p => p.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The choices of the agents connected here, read again: one made on another node reaches this node's tracker (its
    /// pages, hub clients and the queue offer to an agent back online) by the next heartbeat.
    /// </summary>
    private async Task RereadChoicesAsync(CancellationToken ct)
    {
        var connected = presence.ConnectedAgents();
        if (connected.Count == 0) return;
        var ids = connected.Select(c => c.UserId).Distinct().ToList();
        await using var db = inboxDb.System();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.OrganizationId, u.OnlineStatus, u.LastSeenAt }).ToListAsync(ct);
        foreach (var u in users)
            if (u.OrganizationId is { } org) presence.SetChosenStatus(org, u.Id, User.ChosenStatus(u.OnlineStatus, u.LastSeenAt));
    }

    private static string Trim(string id) => id.Length <= MaxNodeIdLength ? id : id[^MaxNodeIdLength..];
}
