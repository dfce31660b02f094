using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.QuickReplies;

/// <summary>Bulk delete, activate and deactivate; ids of other organizations (or already gone) are reported as skipped.</summary>
public sealed partial class QuickReplyService
{
    public const int MaxBulk = 500;

    public async Task<BulkActionResult> BulkAsync(Actor actor, BulkQuickReplyAction action, BulkSelection<QuickReplyFilter> selection, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (!Enum.IsDefined(action)) throw InboxException.Invalid("action", "Unknown action");
        var org = actor.Org;
        await using var db = inboxDb.For(org);
        var skipped = new List<BulkSkip>();
        List<QuickReply> targets;
        if (selection.Ids is { } ids)
        {
            if (ids.Count == 0) throw InboxException.Invalid("selection.ids", "Select at least one quick reply");
            if (ids.Count > MaxBulk) throw InboxException.Invalid("selection.ids", $"At most {MaxBulk} quick replies at once");
            var distinct = ids.Distinct().ToList();
            targets = await db.QuickReplies.Where(q => distinct.Contains(q.Id)).ToListAsync(ct);
            skipped.AddRange(distinct.Except(targets.Select(q => q.Id)).Select(id => new BulkSkip(id, BulkSelectionRules.NotFound)));
        }
        else
        {
            var matching = Apply(db.QuickReplies, selection.Filter);
            if (await matching.CountAsync(ct) > MaxBulk)
                throw InboxException.Invalid("selection", $"More than {MaxBulk} quick replies match; narrow the filter");
            targets = await matching.ToListAsync(ct);
        }

        var now = clock.GetUtcNow();
        foreach (var reply in targets)
        {
            switch (action)
            {
                case BulkQuickReplyAction.Delete:
                    db.QuickReplies.Remove(reply);
                    break;
                case BulkQuickReplyAction.Activate:
                    reply.IsActive = true;
                    reply.UpdatedAt = now;
                    break;
                case BulkQuickReplyAction.Deactivate:
                    reply.IsActive = false;
                    reply.UpdatedAt = now;
                    break;
            }
        }
        await db.SaveChangesAsync(ct);
        if (action == BulkQuickReplyAction.Delete)
            foreach (var reply in targets) store.DeleteQuickReplyMedia(org, reply.MediaPath);
        return new BulkActionResult(targets.Count, skipped);
    }
}
