using InboxApp.Core.Messaging;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Templates;

/// <summary>What goes through Meta (or the sandbox): submit, create-and-submit, edit, delete by name and sync.</summary>
public sealed partial class TemplateService
{
    /// <summary>Lints, then creates the template in Meta and stores it with Meta's id and status; nothing is stored when either refuses.</summary>
    public async Task<TemplateDto> CreateAndSubmitAsync(Actor actor, TemplateInput input, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        await using var db = inboxDb.For(actor.Org);
        var template = await NewAsync(db, actor, input, ct);
        var account = await db.WhatsAppAccounts.AsNoTracking().FirstAsync(a => a.Id == template.AccountId, ct);
        await SubmitToMetaAsync(account, template, ct);
        db.Add(template);
        await SaveAsync(db, template, ct);
        return TemplateDto.From(template);
    }

    /// <summary>Submits a DRAFT: 400 with the lint's errors by component, or Meta's refusal; then PENDING (or Meta's answer).</summary>
    public async Task<TemplateDto> SubmitAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        await using var db = inboxDb.For(actor.Org);
        var template = await FindAsync(db, id, ct);
        if (template.Status != TemplateStatus.DRAFT)
            throw InboxException.Conflict($"Only drafts are submitted; this template is {template.Status}", TemplateErrors.WrongStatus);
        var account = await db.WhatsAppAccounts.AsNoTracking().FirstAsync(a => a.Id == template.AccountId, ct);
        await SubmitToMetaAsync(account, template, ct);
        await SaveAsync(db, template, ct);
        return TemplateDto.From(template);
    }

    /// <summary>
    /// Edits a submitted template in Meta (new components, and category if given): allowed for APPROVED, REJECTED and PAUSED
    /// templates; Meta reviews it again, so it is PENDING until the status webhook (or a sync) says otherwise.
    /// </summary>
    public async Task<TemplateDto> EditAsync(Actor actor, Guid id, TemplateInput input, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        await using var db = inboxDb.For(actor.Org);
        var template = await FindAsync(db, id, ct);
        if (template.Status is not (TemplateStatus.APPROVED or TemplateStatus.REJECTED or TemplateStatus.PAUSED) || template.MetaTemplateId is null)
            throw InboxException.Conflict($"Only approved, rejected or paused templates are edited in Meta; this one is {template.Status}"
                + (template.Status == TemplateStatus.DRAFT ? " (change a draft with PUT /templates/{id}/draft)" : ""), TemplateErrors.WrongStatus);
        if (input.Name is not null && input.Name != template.Name) throw InboxException.Invalid("name", "Meta does not rename templates: duplicate it instead");
        if (input.Language is not null && input.Language != template.Language) throw InboxException.Invalid("language", "Meta does not change a template's language: duplicate it instead");
        if (input.Category is { } category) template.Category = category;
        if (input.Components is not null) SetComponents(template, input.Components);
        Lint(template);
        var account = await db.WhatsAppAccounts.AsNoTracking().FirstAsync(a => a.Id == template.AccountId, ct);
        try
        {
            await channels.For(account).EditAsync(account, template.MetaTemplateId, Submission(template), ct);
        }
        catch (GraphApiException e)
        {
            throw MetaFailure(e);
        }
        var now = clock.GetUtcNow();
        template.Status = TemplateStatus.PENDING;
        template.Reason = null;
        template.SubmittedAt = now;
        template.UpdatedAt = now;
        await SaveAsync(db, template, ct);
        return TemplateDto.From(template);
    }

    /// <summary>Deletes the template's name in Meta (every language of it) and marks those templates REMOVED here.</summary>
    public async Task<int> DeleteInMetaAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        await using var db = inboxDb.For(actor.Org);
        var template = await FindAsync(db, id, ct);
        if (template.MetaTemplateId is null)
            throw InboxException.Conflict("This template was never submitted to Meta: delete it here with DELETE /templates/{id}", TemplateErrors.WrongStatus);
        var account = await db.WhatsAppAccounts.AsNoTracking().FirstAsync(a => a.Id == template.AccountId, ct);
        try
        {
            await channels.For(account).DeleteAsync(account, template.Name, ct);
        }
        catch (GraphApiException e)
        {
            throw MetaFailure(e);
        }
        var now = clock.GetUtcNow();
        var sameName = await db.Set<MessageTemplate>()
            .Where(t => t.AccountId == template.AccountId && t.Name == template.Name && t.Status != TemplateStatus.REMOVED && t.MetaTemplateId != null)
            .ToListAsync(ct);
        foreach (var t in sameName)
        {
            Remove(t, now);
            db.Raise(new TemplateUpdated(db.TenantId, t.Id, t.Name, t.Language, t.Status.ToString()));
        }
        await db.SaveChangesAsync(ct);
        return sameName.Count;
    }

    /// <summary>Brings the organization's templates (of one account, or of every connected one) in line with Meta's.</summary>
    public async Task<TemplateSyncResult> SyncAsync(Actor actor, Guid? accountId, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        List<Guid> accounts;
        await using (var db = inboxDb.For(actor.Org))
        {
            if (accountId is { } one && !await db.WhatsAppAccounts.AnyAsync(a => a.Id == one, ct)) throw InboxException.NotFound("WhatsApp account");
            accounts = await db.WhatsAppAccounts.Where(a => a.Status == WhatsAppAccountStatus.CONNECTED && (accountId == null || a.Id == accountId))
                .OrderBy(a => a.CreatedAt).Select(a => a.Id).ToListAsync(ct);
        }
        var total = new TemplateSyncResult(0, 0, 0, 0);
        foreach (var id in accounts)
        {
            try
            {
                var r = await SyncAccountAsync(actor.Org, id, ct);
                total = new TemplateSyncResult(total.Accounts + 1, total.Created + r.Created, total.Updated + r.Updated, total.Removed + r.Removed);
            }
            catch (GraphApiException e)
            {
                throw MetaFailure(e);
            }
        }
        return total;
    }

    /// <summary>
    /// One account's sync (also the recurring job's): Meta's templates are matched on Meta's id, else on name and language;
    /// new ones are added, changed ones updated, and those Meta no longer has are marked REMOVED.
    /// </summary>
    public async Task<TemplateSyncResult> SyncAccountAsync(Guid organizationId, Guid accountId, CancellationToken ct = default)
    {
        await using var db = inboxDb.For(organizationId);
        var account = await db.WhatsAppAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct) ?? throw InboxException.NotFound("WhatsApp account");
        var remote = await channels.For(account).ListAsync(account, ct);
        var local = await db.Set<MessageTemplate>().Where(t => t.AccountId == accountId && t.Status != TemplateStatus.REMOVED).ToListAsync(ct);
        var now = clock.GetUtcNow();
        int created = 0, updated = 0, removed = 0;
        foreach (var r in remote)
        {
            var row = local.FirstOrDefault(t => t.MetaTemplateId == r.Id) ?? local.FirstOrDefault(t => t.Name == r.Name && t.Language == r.Language);
            var status = StatusOf(r.Status);
            if (row is null)
            {
                if (status == TemplateStatus.REMOVED || !Enum.TryParse<TemplateCategory>(r.Category, true, out var category)) continue;
                row = new MessageTemplate
                {
                    AccountId = accountId, Name = r.Name, Language = r.Language, Category = category, MetaTemplateId = r.Id,
                    Status = status ?? TemplateStatus.PENDING, CreatedAt = now, UpdatedAt = now,
                };
                Apply(row, r, status, now);
                db.Add(row);
                local.Add(row);
                created++;
            }
            else if (Apply(row, r, status, now)) updated++;
            else row.LastSyncedAt = now;
            if (db.Entry(row).State != EntityState.Unchanged)
                db.Raise(new TemplateUpdated(organizationId, row.Id, row.Name, row.Language, row.Status.ToString()));
        }
        var remoteIds = remote.Select(r => r.Id).ToHashSet();
        foreach (var gone in local.Where(t => t.MetaTemplateId != null && !remoteIds.Contains(t.MetaTemplateId) && t.Status != TemplateStatus.REMOVED))
        {
            Remove(gone, now);
            db.Raise(new TemplateUpdated(organizationId, gone.Id, gone.Name, gone.Language, gone.Status.ToString()));
            removed++;
        }
        await db.SaveChangesAsync(ct);
        return new TemplateSyncResult(1, created, updated, removed);
    }

    /// <summary>Copies Meta's view onto the row; true when something changed.</summary>
    private static bool Apply(MessageTemplate row, GraphTemplate r, TemplateStatus? status, DateTimeOffset now)
    {
        var before = (row.Status, row.Category, row.ComponentsJson, row.QualityScore, row.Reason, row.MetaTemplateId, row.ParameterFormat);
        if (status is { } s) row.Status = s;
        if (Enum.TryParse<TemplateCategory>(r.Category, true, out var category)) row.Category = category;
        if (r.ComponentsJson is { } json)
        {
            var components = TemplateJson.Parse(json);
            if (components.Count > 0)
            {
                row.ComponentsJson = TemplateJson.Serialize(components);
                row.ParameterFormat = string.Equals(r.ParameterFormat, "NAMED", StringComparison.OrdinalIgnoreCase)
                    ? TemplateParameterFormat.NAMED : TemplateLint.FormatOf(components);
            }
        }
        if (!string.IsNullOrWhiteSpace(r.QualityScore)) row.QualityScore = r.QualityScore.ToUpperInvariant();
        row.Reason = row.Status == TemplateStatus.REJECTED && r.RejectedReason is { } reason && reason != "NONE" ? reason : row.Status == TemplateStatus.REJECTED ? row.Reason : null;
        row.MetaTemplateId = r.Id;
        row.LastSyncedAt = now;
        var changed = before != (row.Status, row.Category, row.ComponentsJson, row.QualityScore, row.Reason, row.MetaTemplateId, row.ParameterFormat);
        if (changed) row.UpdatedAt = now;
        return changed;
    }

    /// <summary>Meta's status names; deleted ones are REMOVED; unknown ones (LIMIT_EXCEEDED…) leave the status as it is.</summary>
    public static TemplateStatus? StatusOf(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "APPROVED" => TemplateStatus.APPROVED,
        "PENDING" or "IN_REVIEW" => TemplateStatus.PENDING,
        "REJECTED" => TemplateStatus.REJECTED,
        "PAUSED" => TemplateStatus.PAUSED,
        "DISABLED" => TemplateStatus.DISABLED,
        "IN_APPEAL" or "APPEAL_REQUESTED" => TemplateStatus.IN_APPEAL,
        "DELETED" or "PENDING_DELETION" => TemplateStatus.REMOVED,
        "REINSTATED" => TemplateStatus.APPROVED,
        _ => null,
    };

    private async Task SubmitToMetaAsync(WhatsAppAccount account, MessageTemplate template, CancellationToken ct)
    {
        Lint(template);
        if (account.Status != WhatsAppAccountStatus.CONNECTED)
            throw InboxException.Conflict("The template's WhatsApp account is disconnected", Messaging.MessagingErrors.ChannelUnavailable);
        GraphTemplateCreated created;
        try
        {
            created = await channels.For(account).CreateAsync(account, Submission(template), ct);
        }
        catch (GraphApiException e)
        {
            throw MetaFailure(e);
        }
        var now = clock.GetUtcNow();
        template.MetaTemplateId = created.Id;
        template.Status = StatusOf(created.Status) ?? TemplateStatus.PENDING;
        if (Enum.TryParse<TemplateCategory>(created.Category, true, out var category)) template.Category = category;
        template.SubmittedAt = now;
        template.UpdatedAt = now;
    }

    /// <summary>400 with the lint's errors, keyed by component (<c>body</c>, <c>buttons[1]</c>…).</summary>
    private static void Lint(MessageTemplate template)
    {
        var problems = TemplateLint.Check(template.Name, template.Language, template.Category, TemplateJson.Parse(template.ComponentsJson))
            .Where(p => p.Severity == TemplateProblemSeverity.ERROR).ToList();
        if (problems.Count == 0) return;
        throw InboxException.Invalid(problems.GroupBy(p => p.Component).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
    }

    private static TemplateSubmission Submission(MessageTemplate t) => new(t.Name, t.Language, t.Category, t.ParameterFormat, t.ComponentsJson);
}
