using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Routing;

/// <summary>What routing did with one conversation.</summary>
public sealed record RoutingOutcome(Guid ConversationId, Guid? TeamId, Guid? RuleId, string? RuleName, string Decision, bool Moved, Guid? AssigneeId);

/// <summary>
/// Routes one conversation: maintenance mode answers and stops; otherwise the first matching rule's team (or the default
/// team) gets it, the decision is recorded on the conversation, it joins the team's queue and the team's free agents are
/// offered it. Replies (maintenance, off hours) go through <see cref="MessageSender"/>, so the 24-hour window applies.
/// </summary>
public sealed class ConversationRouter(InboxDb inboxDb, RoutingEngine engine, AgentAssigner assigner, MessageSender sender, TimeProvider clock,
    ILogger<ConversationRouter> logger)
{
    private const int MaxAttempts = 5;
    private const string MaintenanceDecision = "Maintenance mode: not routed";

    /// <summary>The system acting for routing: sends replies and changes conversations as the organization.</summary>
    public static Actor System(Guid org) => new(null, org, UserRole.ADMIN);

    /// <summary>
    /// Routes a conversation that now needs a human (new without the bot, or handed over by it): not when it is with the
    /// bot, closed, assigned already, or was routed before (the listener may run twice).
    /// </summary>
    public async Task RouteIfNeededAsync(Guid org, Guid conversationId, CancellationToken ct)
    {
        RoutingSettings settings;
        Conversation? conversation;
        await using (var db = inboxDb.For(org))
        {
            conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
            if (conversation is null || conversation.AssigneeId is not null
                || conversation.Status is ConversationStatus.CLOSED or ConversationStatus.BOT_HANDLING) return;
            var routed = await db.Set<ConversationRouting>().AsNoTracking().Where(r => r.ConversationId == conversationId)
                .Select(r => new { r.RoutedAt, r.MaintenanceRepliedAt }).FirstOrDefaultAsync(ct);
            if (routed?.RoutedAt is not null || routed?.MaintenanceRepliedAt is not null) return;
            settings = await RoutingSettingsStore.LoadAsync(db, ct);
        }
        if (settings.MaintenanceEnabled)
        {
            await MaintenanceAsync(org, conversationId, settings, ct);
            return;
        }
        await RouteAsync(org, conversationId, settings, requireUnassigned: true, ct);
    }

    /// <summary>Evaluates the rules again and moves the conversation to the winning team (supervisors and admins).</summary>
    public async Task<RoutingOutcome> ReRouteAsync(Actor actor, Guid conversationId, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        RoutingSettings settings;
        await using (var db = inboxDb.For(actor.Org))
        {
            if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, ct)) throw InboxException.NotFound("Conversation");
            settings = await RoutingSettingsStore.LoadAsync(db, ct);
        }
        return await RouteAsync(actor.Org, conversationId, settings, requireUnassigned: false, ct)
            ?? throw InboxException.Conflict("A closed conversation is not routed");
    }

    /// <summary>Applies the rules to the open, unassigned conversations (at most 5,000, oldest first); answers how many changed team.</summary>
    public async Task<int> RunNowAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(UserRole.ADMIN);
        List<Guid> ids;
        RoutingSettings settings;
        await using (var db = inboxDb.For(actor.Org))
        {
            ids = await db.Conversations.Where(c => c.AssigneeId == null && c.Status != ConversationStatus.CLOSED && c.Status != ConversationStatus.BOT_HANDLING)
                .OrderBy(c => c.CreatedAt).Select(c => c.Id).Take(5000).ToListAsync(ct);
            settings = await RoutingSettingsStore.LoadAsync(db, ct);
        }
        var moved = 0;
        foreach (var id in ids)
            if (await RouteAsync(actor.Org, id, settings, requireUnassigned: true, ct) is { Moved: true }) moved++;
        return moved;
    }

    /// <summary>Which rule would win for this conversation context, without changing anything (the "test this message" box).</summary>
    public async Task<RoutingVerdict> DecideAsync(InboxDbContext db, RoutingSettings settings, RoutingContext context, CancellationToken ct)
    {
        var rules = await engine.RulesAsync(db, settings.RulesVersion, ct);
        var activeTeams = (await db.Teams.Where(t => t.IsActive).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        return RoutingEngine.Decide(rules, context, activeTeams.Contains);
    }

    private async Task<RoutingOutcome?> RouteAsync(Guid org, Guid conversationId, RoutingSettings settings, bool requireUnassigned, CancellationToken ct)
    {
        RoutingOutcome? outcome = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var db = inboxDb.For(org);
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
            if (conversation is null || conversation.Status == ConversationStatus.CLOSED) return null;
            if (requireUnassigned && conversation.AssigneeId is not null) return null;
            var now = clock.GetUtcNow();
            var inside = RoutingSettingsStore.Schedule(settings)?.Clock().IsOpen(now) ?? true;
            var context = await RoutingEngine.ContextAsync(db, conversation, inside, ct);
            var verdict = await DecideAsync(db, settings, context, ct);
            Guid? teamId;
            string decision;
            if (verdict.Rule is { } rule)
            {
                teamId = rule.TeamId;
                decision = $"Rule \"{rule.Name}\" (priority {rule.Priority}): {verdict.Reason}";
            }
            else if (settings.DefaultTeamId is { } fallback && await db.Teams.AnyAsync(t => t.Id == fallback && t.IsActive, ct))
            {
                teamId = fallback;
                decision = "No rule matched: the default team";
            }
            else
            {
                teamId = conversation.TeamId;
                decision = "No rule matched and no default team is set";
            }

            var moved = teamId != conversation.TeamId;
            if (moved)
            {
                conversation.TeamId = teamId;
                conversation.UpdatedAt = now;
                conversation.Version = Guid.NewGuid();
                db.Raise(new ConversationUpdated(org, conversationId));
            }
            var routing = await db.Set<ConversationRouting>().FirstOrDefaultAsync(r => r.ConversationId == conversationId, ct);
            if (routing is null)
            {
                routing = new ConversationRouting { ConversationId = conversationId };
                db.Add(routing);
            }
            routing.TeamId = teamId;
            routing.RuleId = verdict.Rule?.Id;
            routing.RuleName = verdict.Rule?.Name;
            routing.Decision = decision.Length > 1000 ? decision[..1000] : decision;
            routing.RoutedAt = now;
            routing.QueuedAt = conversation.AssigneeId is null && teamId is not null
                ? routing.QueuedAt ?? conversation.CreatedAt : null;
            routing.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                continue; // a message arrived meanwhile, or the listener raced itself: decide again on fresh data
            }
            outcome = new RoutingOutcome(conversationId, teamId, verdict.Rule?.Id, verdict.Rule?.Name, routing.Decision, moved, conversation.AssigneeId);
            break;
        }
        if (outcome is { TeamId: { } team, AssigneeId: null })
        {
            await assigner.DrainAsync(org, team, ct);
            await using var db = inboxDb.For(org);
            var assignee = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.AssigneeId).FirstOrDefaultAsync(ct);
            outcome = outcome with { AssigneeId = assignee };
        }
        return outcome;
    }

    /// <summary>Maintenance mode: the reply once, the decision recorded, no routing.</summary>
    private async Task MaintenanceAsync(Guid org, Guid conversationId, RoutingSettings settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var db = inboxDb.For(org))
        {
            if (!await RoutingClaims.ClaimAsync(db, conversationId, r => r.MaintenanceRepliedAt == null,
                    s => s.SetProperty(r => r.MaintenanceRepliedAt, now).SetProperty(r => r.Decision, MaintenanceDecision).SetProperty(r => r.UpdatedAt, now),
                    () => new ConversationRouting { ConversationId = conversationId, MaintenanceRepliedAt = now, Decision = MaintenanceDecision, UpdatedAt = now }, ct))
                return;
        }
        if (!string.IsNullOrWhiteSpace(settings.MaintenanceMessage)) await ReplyAsync(org, conversationId, settings.MaintenanceMessage, ct);
    }

    /// <summary>Sends an automatic reply; a closed window or an unusable channel is logged, not retried.</summary>
    public async Task ReplyAsync(Guid org, Guid conversationId, string text, CancellationToken ct)
    {
        try
        {
            await sender.SendTextAsync(System(org), conversationId, text, null, ct);
        }
        catch (InboxException e)
        {
            logger.LogInformation("Routing's automatic reply to {ConversationId} was not sent: {Reason}", conversationId, e.Message);
        }
    }
}
