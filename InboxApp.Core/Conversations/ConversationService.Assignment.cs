using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

/// <summary>
/// Who handles a conversation. Agents act on conversations that are unassigned or theirs; when another member holds one,
/// an agent gets 409 CONFLICT naming the holder. Supervisors and admins (and API keys, which act as admins) may reassign.
/// </summary>
public sealed partial class ConversationService
{
    /// <summary>The caller becomes the assignee and the conversation HUMAN_HANDLING (a closed one is reopened). Users only, not API keys.</summary>
    public Task<ConversationDto> TakeOverAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var me = actor.User;
        return ChangeAsync(actor, id, guardAssignee: true, async change =>
        {
            var c = change.Conversation;
            if (c.AssigneeId is { } holder && holder != me && !actor.AtLeast(UserRole.SUPERVISOR)) throw await HeldByAsync(change.Db, holder, ct);
            change.Set(c.AssigneeId, me, v => c.AssigneeId = v);
            SetStatus(change, ConversationStatus.HUMAN_HANDLING);
        }, ct);
    }

    /// <summary>Back to the bot: BOT_HANDLING, no assignee, the agent's <paramref name="handoffSummary"/> kept (null when none was given).</summary>
    public Task<ConversationDto> ReturnToBotAsync(Actor actor, Guid id, string? handoffSummary, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var summary = string.IsNullOrWhiteSpace(handoffSummary) ? null : handoffSummary.Trim();
        if (summary is { Length: > MaxHandoffSummaryLength })
            throw InboxException.Invalid("handoffSummary", $"handoffSummary must be at most {MaxHandoffSummaryLength} characters");
        return ChangeAsync(actor, id, guardAssignee: true, async change =>
        {
            var c = change.Conversation;
            if (c.AssigneeId is { } holder && holder != actor.UserId && !actor.AtLeast(UserRole.SUPERVISOR)) throw await HeldByAsync(change.Db, holder, ct);
            change.Set(c.AssigneeId, null, v => c.AssigneeId = v);
            SetStatus(change, ConversationStatus.BOT_HANDLING);
            change.Set(c.HandoffSummary, summary, v => c.HandoffSummary = v);
        }, ct);
    }

    /// <summary>
    /// Assigns to <paramref name="userId"/>: an agent only to themself (and only an unassigned conversation or one already
    /// theirs); supervisors and admins to any active member of the organization. An unknown, deleted or other organization's
    /// user is 404; a deactivated member or one who has not accepted the invitation yet is 400 on <c>userId</c>.
    /// OPEN and BOT_HANDLING become HUMAN_HANDLING.
    /// </summary>
    public async Task<ConversationDto> AssignAsync(Actor actor, Guid id, Guid? userId, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var target = userId ?? throw InboxException.Invalid("userId", "userId is required");
        var canReassign = actor.AtLeast(UserRole.SUPERVISOR);
        if (!canReassign && target != actor.UserId) throw InboxException.Forbidden("Agents can assign conversations only to themselves");
        await EnsureAssignableAsync(actor.Org, target, ct);
        return await ChangeAsync(actor, id, guardAssignee: true, async change =>
        {
            var c = change.Conversation;
            if (c.AssigneeId is { } holder && holder != target && !canReassign) throw await HeldByAsync(change.Db, holder, ct);
            change.Set(c.AssigneeId, target, v => c.AssigneeId = v);
            if (c.Status is ConversationStatus.OPEN or ConversationStatus.BOT_HANDLING) SetStatus(change, ConversationStatus.HUMAN_HANDLING);
        }, ct);
    }

    /// <summary>Releases the conversation (the assignee, or a supervisor or admin); HUMAN_HANDLING becomes OPEN. Unassigned stays a no-op.</summary>
    public Task<ConversationDto> UnassignAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        return ChangeAsync(actor, id, guardAssignee: true, async change =>
        {
            var c = change.Conversation;
            if (c.AssigneeId is not { } holder) return;
            if (holder != actor.UserId && !actor.AtLeast(UserRole.SUPERVISOR)) throw await HeldByAsync(change.Db, holder, ct);
            change.Set(c.AssigneeId, null, v => c.AssigneeId = v);
            if (c.Status == ConversationStatus.HUMAN_HANDLING) SetStatus(change, ConversationStatus.OPEN);
        }, ct);
    }

    private async Task EnsureAssignableAsync(Guid org, Guid userId, CancellationToken ct)
    {
        await using var db = inboxDb.For(org);
        // The tenant filter hides other organizations' users and super admins (who belong to none).
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.DeletedAt == null)
            .Select(u => new { u.IsActive, HasPassword = u.PasswordHash != null }).FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("User");
        if (!user.IsActive) throw InboxException.Invalid("userId", "That member is deactivated");
        if (!user.HasPassword) throw InboxException.Invalid("userId", "That member has not accepted their invitation yet");
    }
}
