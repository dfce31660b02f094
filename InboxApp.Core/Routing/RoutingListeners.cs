using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Routing;

/// <summary>
/// Routes a conversation when it needs a human: a new conversation that did not start with the bot, one the bot handed over,
/// and one that waited for the customer when the customer answers (ADR 0042). A new conversation that waits for the customer
/// with nobody assigned (a template or a campaign opened it: 20,000 of them for a campaign of 20,000) needs no agent until
/// the customer answers: it is not routed at its creation but on <see cref="ConversationAnswered"/>, with the customer's own
/// words for the rules. Durable: a routing decision must not be lost to a restart; <see cref="ConversationRouter.RouteIfNeededAsync"/>
/// does nothing for a conversation routed before, so a second delivery is harmless. New conversations come in batches: one
/// read tells which of them need routing now.
/// </summary>
public sealed class RouteWhenHumanNeeded(ConversationRouter router, InboxDb inboxDb) : IDurableBatchListener<ConversationCreated>,
    IDurableListener<ConversationHandedOver>, IDurableListener<ConversationAnswered>
{
    public Task HandleAsync(ConversationCreated e, CancellationToken ct) => HandleBatchAsync([e], ct);

    public async Task HandleBatchAsync(IReadOnlyList<ConversationCreated> events, CancellationToken ct)
    {
        foreach (var organization in events.GroupBy(e => e.OrganizationId))
        {
            var ids = organization.Select(e => e.ConversationId).Distinct().ToList();
            List<Guid> now;
            await using (var db = inboxDb.For(organization.Key))
                now = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id) && c.AssigneeId == null
                        && c.Status != ConversationStatus.WAITING_FOR_CUSTOMER && c.Status != ConversationStatus.CLOSED && c.Status != ConversationStatus.BOT_HANDLING)
                    .Select(c => c.Id).ToListAsync(ct);
            // In the order they were raised (the queue's order).
            var wanted = now.ToHashSet();
            foreach (var id in ids.Where(wanted.Contains)) await router.RouteIfNeededAsync(organization.Key, id, ct);
        }
    }

    public Task HandleAsync(ConversationHandedOver e, CancellationToken ct) => router.RouteIfNeededAsync(e.OrganizationId, e.ConversationId, ct);

    public Task HandleAsync(ConversationAnswered e, CancellationToken ct) => router.RouteIfNeededAsync(e.OrganizationId, e.ConversationId, ct);
}

/// <summary>
/// The off-hours auto-reply: a customer writing while the team's (else the organization's) hours are closed gets the
/// message once per conversation per closed period. The period is claimed on the conversation's routing row before
/// sending, so a second delivery of the event sends nothing.
/// </summary>
public sealed class ReplyOffHours(InboxDb inboxDb, ConversationRouter router, TimeProvider clock) : IDurableBatchListener<MessageReceived>,
    IDurableListenerInterest
{
    /// <summary>
    /// Interested while the organization's off-hours reply is on, has a message and maintenance is off (what
    /// <see cref="HandleBatchAsync"/> checks first); <see cref="RoutingService"/> tells of changes to either setting.
    /// </summary>
    public async Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var settings = await RoutingSettingsStore.LoadAsync(db, ct);
        var on = settings.OffHoursEnabled && !string.IsNullOrWhiteSpace(settings.OffHoursMessage) && !settings.MaintenanceEnabled;
        return _ => on;
    }

    public Task HandleAsync(MessageReceived e, CancellationToken ct) => HandleBatchAsync([e], ct);

    /// <summary>The organization's settings are read once per organization of the batch: with no off-hours reply, that is all.</summary>
    public async Task HandleBatchAsync(IReadOnlyList<MessageReceived> events, CancellationToken ct)
    {
        foreach (var organization in events.GroupBy(e => e.OrganizationId))
        {
            string message;
            await using (var db = inboxDb.For(organization.Key))
            {
                var settings = await RoutingSettingsStore.LoadAsync(db, ct);
                if (!settings.OffHoursEnabled || string.IsNullOrWhiteSpace(settings.OffHoursMessage) || settings.MaintenanceEnabled) continue;
                message = settings.OffHoursMessage;
            }
            // Once per conversation of the batch: a second message of the same closed period sends nothing anyway.
            foreach (var conversationId in organization.Select(e => e.ConversationId).Distinct())
                await ReplyAsync(organization.Key, conversationId, message, ct);
        }
    }

    private async Task ReplyAsync(Guid organizationId, Guid conversationId, string message, CancellationToken ct)
    {
        await using (var db = inboxDb.For(organizationId))
        {
            var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
                .Select(c => new { c.Status, c.TeamId }).FirstOrDefaultAsync(ct);
            if (conversation is null || conversation.Status is ConversationStatus.BOT_HANDLING or ConversationStatus.CLOSED) return;
            var (schedule, _) = await TeamRoutingService.EffectiveScheduleAsync(db, conversation.TeamId, ct);
            var hours = schedule.Clock();
            var now = clock.GetUtcNow();
            if (hours.IsOpen(now)) return;
            var period = hours.NextChange(now) ?? DateTimeOffset.MaxValue.ToUniversalTime();
            if (!await RoutingClaims.ClaimAsync(db, conversationId, r => r.OffHoursReplyFor == null || r.OffHoursReplyFor != period,
                    s => s.SetProperty(r => r.OffHoursReplyFor, period).SetProperty(r => r.UpdatedAt, now),
                    () => new ConversationRouting { ConversationId = conversationId, OffHoursReplyFor = period, UpdatedAt = now }, ct))
                return; // sent for this closed period already
        }
        await router.ReplyAsync(organizationId, conversationId, message, ct);
    }
}

/// <summary>
/// Keeps the queues moving in this process: an assigned conversation leaves its queue; a released one goes back to it; an
/// agent who frees up (resolved, released, reassigned away) is offered their teams' queues. Best effort: the recurring
/// <see cref="RoutingQueueJob"/> drains every queue each minute as well.
/// </summary>
public sealed class OfferQueueWhenAgentFrees(InboxDb inboxDb, AgentAssigner assigner, TimeProvider clock, ILogger<OfferQueueWhenAgentFrees> logger)
    : IInProcessListener<ConversationAssigned>, IInProcessListener<ConversationResolved>
{
    public async Task HandleAsync(ConversationAssigned e, CancellationToken ct)
    {
        await Task.Yield(); // never inside the publisher's call (it may hold the assigner's lock)
        var org = e.OrganizationId;
        await using (var db = inboxDb.For(org))
        {
            // Read first: most assignments come from the queue, which has cleared the row already (no write then).
            if (e.AssigneeId is not null && await db.Set<ConversationRouting>().AnyAsync(r => r.ConversationId == e.ConversationId && r.QueuedAt != null, ct))
                await db.Set<ConversationRouting>().Where(r => r.ConversationId == e.ConversationId && r.QueuedAt != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.QueuedAt, (DateTimeOffset?)null), ct);
            else if (e.AssigneeId is null)
            {
                // Released: back to its team's queue, at the end.
                var open = await db.Conversations.AnyAsync(c => c.Id == e.ConversationId && c.AssigneeId == null && c.TeamId != null
                    && c.Status != ConversationStatus.CLOSED && c.Status != ConversationStatus.BOT_HANDLING, ct);
                if (open)
                {
                    var now = clock.GetUtcNow();
                    await db.Set<ConversationRouting>().Where(r => r.ConversationId == e.ConversationId && r.QueuedAt == null && r.TeamId != null)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.QueuedAt, now), ct);
                }
            }
        }
        if (e.PreviousAssigneeId is { } freed) await DrainAsync(org, freed, ct);
    }

    public async Task HandleAsync(ConversationResolved e, CancellationToken ct)
    {
        await Task.Yield();
        Guid? assignee;
        await using (var db = inboxDb.For(e.OrganizationId))
        {
            if (await db.Set<ConversationRouting>().AnyAsync(r => r.ConversationId == e.ConversationId && r.QueuedAt != null, ct))
                await db.Set<ConversationRouting>().Where(r => r.ConversationId == e.ConversationId && r.QueuedAt != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.QueuedAt, (DateTimeOffset?)null), ct);
            assignee = await db.Conversations.Where(c => c.Id == e.ConversationId).Select(c => c.AssigneeId).FirstOrDefaultAsync(ct);
        }
        if (assignee is { } freed) await DrainAsync(e.OrganizationId, freed, ct);
    }

    private async Task DrainAsync(Guid org, Guid userId, CancellationToken ct)
    {
        try
        {
            await assigner.DrainForMemberAsync(org, userId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Offering the queue to {UserId} failed", userId);
        }
    }
}

/// <summary>An agent who comes online is offered their teams' queues at once.</summary>
public sealed class OfferQueueWhenAgentComesOnline(PresenceTracker presence, AgentAssigner assigner, ILogger<OfferQueueWhenAgentComesOnline> logger) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = presence.SubscribeAll(change =>
        {
            if (change is not AgentPresenceChanged { Status: OnlineStatus.ONLINE } online) return;
            _ = Task.Run(async () =>
            {
                try
                {
                    await assigner.DrainForMemberAsync(online.OrganizationId, online.UserId, CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Offering the queue to {UserId} failed", online.UserId);
                }
            });
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
