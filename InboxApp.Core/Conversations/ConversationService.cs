using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

/// <summary>
/// One conversation: its detail, its edits and the actions agents take on it (assignment, resolve, read, follow-up, tags).
/// Every change goes through <see cref="ChangeAsync"/>: load, check the rules, change, renew <see cref="Conversation.Version"/>,
/// raise its events, save (optimistic concurrency; the events commit with the change and are published after it). A save that loses a race is retried on fresh data, so an inbound message
/// arriving meanwhile never fails an action; an assignment action whose assignee changed meanwhile fails with 409 instead.
/// </summary>
public sealed partial class ConversationService(InboxDb inboxDb, TimeProvider clock)
{
    public const int MaxCategoryLength = 100;
    public const int MaxHandoffSummaryLength = 4000;
    public const int MaxFollowUpNoteLength = 1000;
    private const int MaxAttempts = 5;

    /// <summary>The conversation as a <see cref="ConversationDto"/>; 404 for another organization's id.</summary>
    public async Task<ConversationDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        return (await ConversationReader.LoadAsync(db, [id], clock.GetUtcNow(), ct)).FirstOrDefault() ?? throw InboxException.NotFound("Conversation");
    }

    /// <summary>The other conversations of this conversation's contact, newest first (at most <paramref name="limit"/>, default 50, max 200).</summary>
    public async Task<IReadOnlyList<ConversationDto>> ContactHistoryAsync(Actor actor, Guid id, int? limit, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var take = Cursor.Limit(limit);
        await using var db = inboxDb.For(actor.Org);
        var contactId = await db.Conversations.Where(c => c.Id == id).Select(c => (Guid?)c.ContactId).FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("Conversation");
        var rows = await db.Conversations.AsNoTracking().Include(c => c.Contact)
            .Where(c => c.ContactId == contactId && c.Id != id)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(take).ToListAsync(ct);
        return await ConversationReader.ToDtosAsync(db, rows, clock.GetUtcNow(), ct);
    }

    /// <summary>Changes status (not to CLOSED), category and team; absent fields stay as they are, null clears category and team.</summary>
    public async Task<ConversationDto> UpdateAsync(Actor actor, Guid id, UpdateConversationRequest request, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        if (!request.HasChanges()) throw InboxException.Invalid("body", "Send at least one of status, category or teamId");
        ConversationStatus? status = null;
        if (request.Status.IsSet)
        {
            status = request.Status.Value ?? throw InboxException.Invalid("status", "status cannot be null");
            if (status == ConversationStatus.CLOSED)
                throw InboxException.Invalid("status", "Use POST /conversations/{id}/resolve to close a conversation");
        }
        var category = request.Category.IsSet ? NormalizeCategory(request.Category.Value) : null;
        var teamId = request.TeamId.Value;
        if (request.TeamId.IsSet && teamId is { } team) await EnsureActiveTeamAsync(actor.Org, team, ct);

        return await ChangeAsync(actor, id, guardAssignee: false, change =>
        {
            var c = change.Conversation;
            if (status is { } s) SetStatus(change, s);
            if (request.Category.IsSet) change.Set(c.Category, category, v => c.Category = v);
            if (request.TeamId.IsSet) change.Set(c.TeamId, teamId, v => c.TeamId = v);
            return Task.CompletedTask;
        }, ct);
    }

    private static string? NormalizeCategory(string? category)
    {
        if (category is null) return null;
        var trimmed = category.Trim();
        if (trimmed.Length == 0) throw InboxException.Invalid("category", "category must not be empty; send null to clear it");
        if (trimmed.Length > MaxCategoryLength) throw InboxException.Invalid("category", $"category must be at most {MaxCategoryLength} characters");
        return trimmed;
    }

    private async Task EnsureActiveTeamAsync(Guid org, Guid teamId, CancellationToken ct)
    {
        await using var db = inboxDb.For(org);
        var active = await db.Teams.Where(t => t.Id == teamId).Select(t => (bool?)t.IsActive).FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("Team");
        if (!active) throw InboxException.Invalid("teamId", "That team is inactive");
    }

    /// <summary>Sets the status; leaving CLOSED forgets when it was resolved.</summary>
    private static void SetStatus(Change change, ConversationStatus status)
    {
        var c = change.Conversation;
        change.Set(c.Status, status, v => c.Status = v);
        if (status != ConversationStatus.CLOSED) change.Set(c.ResolvedAt, null, v => c.ResolvedAt = v);
    }

    /// <summary>What one attempt of an action sees and changes.</summary>
    private sealed class Change(InboxDbContext db, Conversation conversation, Actor actor, DateTimeOffset now)
    {
        public InboxDbContext Db { get; } = db;
        public Conversation Conversation { get; } = conversation;
        public Actor Actor { get; } = actor;
        public DateTimeOffset Now { get; } = now;
        public bool Changed { get; private set; }
        /// <summary>Events besides ConversationUpdated and ConversationAssigned (which <see cref="ChangeAsync"/> adds itself).</summary>
        public List<InboxEvent> Events { get; } = [];

        public void Mark() => Changed = true;

        public void Set<T>(T current, T value, Action<T> assign)
        {
            if (EqualityComparer<T>.Default.Equals(current, value)) return;
            assign(value);
            Changed = true;
        }
    }

    /// <summary>
    /// Runs <paramref name="mutate"/> on the conversation and saves. On a concurrency conflict (or a racing insert) it starts
    /// again on fresh data, re-checking every rule. With <paramref name="guardAssignee"/> (assignment actions), an assignee
    /// that changed since the first attempt is a lost race against another assignment: 409 naming the current assignee.
    /// Events are published only after the save succeeded; nothing is published when nothing changed.
    /// </summary>
    private async Task<ConversationDto> ChangeAsync(Actor actor, Guid id, bool guardAssignee, Func<Change, Task> mutate, CancellationToken ct)
    {
        var org = actor.Org;
        Guid? firstAssignee = null;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = inboxDb.For(org);
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw InboxException.NotFound("Conversation");
            if (attempt == 1) firstAssignee = conversation.AssigneeId;
            else if (guardAssignee && conversation.AssigneeId != firstAssignee) throw await AssignmentChangedAsync(db, conversation.AssigneeId, ct);

            var now = clock.GetUtcNow();
            var change = new Change(db, conversation, actor, now);
            var previousAssignee = conversation.AssigneeId;
            var previousStatus = conversation.Status;
            await mutate(change);
            if (change.Changed)
            {
                conversation.UpdatedAt = now;
                conversation.Version = Guid.NewGuid();
                Raise(db, change, previousAssignee, previousStatus);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    continue;
                }
                catch (DbUpdateConcurrencyException)
                {
                    throw InboxException.Conflict("The conversation kept changing while saving; reload it and try again");
                }
            }
            return (await ConversationReader.LoadAsync(db, [id], now, ct)).FirstOrDefault() ?? throw InboxException.NotFound("Conversation");
        }
    }

    /// <summary>The change's events, raised on its context: they commit with it and are published once it has.</summary>
    private static void Raise(InboxDbContext db, Change change, Guid? previousAssignee, ConversationStatus previousStatus)
    {
        var c = change.Conversation;
        var org = db.TenantId;
        if (c.AssigneeId != previousAssignee) db.Raise(new ConversationAssigned(org, c.Id, c.AssigneeId, previousAssignee));
        foreach (var e in change.Events) db.Raise(e);
        if (previousStatus == ConversationStatus.CLOSED && c.Status != ConversationStatus.CLOSED) db.Raise(new ConversationReopened(org, c.Id));
        if ((previousStatus == ConversationStatus.BOT_HANDLING && c.Status == ConversationStatus.HUMAN_HANDLING)
            || (previousStatus != ConversationStatus.BOT_HANDLING && c.Status == ConversationStatus.BOT_HANDLING))
            db.Raise(new ConversationHandedOver(org, c.Id));
        db.Raise(new ConversationUpdated(org, c.Id));
    }

    /// <summary>409: someone else holds the conversation; the message names them.</summary>
    private static async Task<InboxException> HeldByAsync(InboxDbContext db, Guid holderId, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == holderId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "another member";
        return InboxException.Conflict($"This conversation is assigned to {name}");
    }

    private static async Task<InboxException> AssignmentChangedAsync(InboxDbContext db, Guid? assigneeId, CancellationToken ct)
    {
        if (assigneeId is not { } holder) return InboxException.Conflict("This conversation was unassigned meanwhile; reload it and try again");
        var name = await db.Users.Where(u => u.Id == holder).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "another member";
        return InboxException.Conflict($"This conversation was just assigned to {name}");
    }
}
