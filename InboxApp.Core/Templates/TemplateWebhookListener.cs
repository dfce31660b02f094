using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Templates;

/// <summary>
/// Applies Meta's template webhooks to the stored templates at once: status (with the rejection or pause reason), quality
/// score and category. Found on Meta's template id, else on name and language within the account. Durable and idempotent:
/// applying the same update twice leaves the same row. (The admins' alerts come from <c>AccountAlertListener</c>.)
/// </summary>
public sealed class TemplateWebhookListener(InboxDb inboxDb, TimeProvider clock)
    : IDurableListener<TemplateStatusChanged>, IDurableListener<TemplateQualityChanged>, IDurableListener<TemplateCategoryChanged>
{
    public Task HandleAsync(TemplateStatusChanged e, CancellationToken ct) =>
        ApplyAsync(e.OrganizationId, e.AccountId, e.TemplateId, e.TemplateName, e.Language, t =>
        {
            if (TemplateService.StatusOf(e.Status) is { } status) t.Status = status;
            var reason = e.Reason is null or "NONE" ? null : e.Reason;
            if (t.Status == TemplateStatus.APPROVED) t.Reason = null;
            else if (reason is not null) t.Reason = reason.Length > 500 ? reason[..500] : reason;
        }, ct);

    public Task HandleAsync(TemplateQualityChanged e, CancellationToken ct) =>
        ApplyAsync(e.OrganizationId, e.AccountId, e.TemplateId, e.TemplateName, e.Language, t => t.QualityScore = e.Quality.Length > 20 ? e.Quality[..20] : e.Quality, ct);

    public Task HandleAsync(TemplateCategoryChanged e, CancellationToken ct) =>
        ApplyAsync(e.OrganizationId, e.AccountId, e.TemplateId, e.TemplateName, e.Language, t =>
        {
            if (Enum.TryParse<TemplateCategory>(e.Category, true, out var category)) t.Category = category;
        }, ct);

    private async Task ApplyAsync(Guid organizationId, Guid accountId, string? metaId, string? name, string? language, Action<MessageTemplate> change, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var set = db.Set<MessageTemplate>();
        var template = metaId is null ? null : await set.FirstOrDefaultAsync(t => t.AccountId == accountId && t.MetaTemplateId == metaId, ct);
        template ??= name is null ? null : await set
            .Where(t => t.AccountId == accountId && t.Name == name && (language == null || t.Language == language) && t.MetaTemplateId != null
                && t.Status != TemplateStatus.REMOVED)
            .OrderByDescending(t => t.UpdatedAt).FirstOrDefaultAsync(ct);
        if (template is null) return; // not ours (or created in Meta and not synced yet: the next sync brings it)
        change(template);
        if (db.Entry(template).State == EntityState.Unchanged) return;
        template.UpdatedAt = clock.GetUtcNow();
        db.Raise(new TemplateUpdated(organizationId, template.Id, template.Name, template.Language, template.Status.ToString()));
        await db.SaveChangesAsync(ct);
    }
}
