using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Templates;

/// <summary>Bulk delete (here) and submit (drafts); ids of other organizations, or templates the action does not fit, are skipped with a reason.</summary>
public sealed partial class TemplateService
{
    public const int MaxBulk = 200;
    public const string NotDraft = "NOT_DRAFT";

    public async Task<BulkActionResult> BulkAsync(Actor actor, BulkTemplateAction action, BulkSelection<TemplateFilter> selection, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        if (!Enum.IsDefined(action)) throw InboxException.Invalid("action", "Unknown action");
        List<Guid> ids;
        var skipped = new List<BulkSkip>();
        await using (var db = inboxDb.For(actor.Org))
        {
            if (selection.Ids is { } given)
            {
                if (given.Count == 0) throw InboxException.Invalid("selection.ids", "Select at least one template");
                if (given.Count > MaxBulk) throw InboxException.Invalid("selection.ids", $"At most {MaxBulk} templates at once");
                var distinct = given.Distinct().ToList();
                ids = await db.Set<MessageTemplate>().Where(t => distinct.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
                skipped.AddRange(distinct.Except(ids).Select(id => new BulkSkip(id, BulkSelectionRules.NotFound)));
            }
            else
            {
                var matching = await ApplyAsync(db, db.Set<MessageTemplate>(), selection.Filter ?? new TemplateFilter(), ct);
                if (await matching.CountAsync(ct) > MaxBulk) throw InboxException.Invalid("selection", $"More than {MaxBulk} templates match; narrow the filter");
                ids = await matching.Select(t => t.Id).ToListAsync(ct);
            }
        }
        var affected = 0;
        foreach (var id in ids)
        {
            try
            {
                if (action == BulkTemplateAction.Delete) await DeleteAsync(actor, id, ct);
                else await SubmitAsync(actor, id, ct);
                affected++;
            }
            catch (InboxException e) when (e.StatusCode is 400 or 409 or 502)
            {
                skipped.Add(new BulkSkip(id, e.StatusCode == 409 ? NotDraft : e.Code));
            }
        }
        return new BulkActionResult(affected, skipped);
    }
}
