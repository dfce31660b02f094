using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// Alerts the organization's admins about account updates (restrictions, bans, violations) and template statuses that need
/// attention (rejected, paused, disabled…). Durable and idempotent like <see cref="QualityAlertListener"/>.
/// </summary>
public sealed class AccountAlertListener(InboxDb inboxDb, TimeProvider clock) : IDurableListener<WhatsAppAccountUpdated>, IDurableListener<TemplateStatusChanged>,
    IDurableListener<TemplateQualityChanged>
{
    public Task HandleAsync(WhatsAppAccountUpdated e, CancellationToken ct) =>
        AlertAsync(e.OrganizationId, e.AccountId, account => ChannelAlertRules.ForAccountUpdate(account, e, clock.GetUtcNow()), ct);

    public Task HandleAsync(TemplateStatusChanged e, CancellationToken ct) =>
        AlertAsync(e.OrganizationId, e.AccountId, account => ChannelAlertRules.ForTemplateStatus(account, e, clock.GetUtcNow()), ct);

    public Task HandleAsync(TemplateQualityChanged e, CancellationToken ct) =>
        AlertAsync(e.OrganizationId, e.AccountId, account => ChannelAlertRules.ForTemplateQuality(account, e, clock.GetUtcNow()), ct);

    private async Task AlertAsync(Guid organizationId, Guid accountId, Func<WhatsAppAccount, ChannelAlert?> rule, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var account = await db.WhatsAppAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || rule(account) is not { } alert) return;
        if (await ChannelAlertService.AddAsync(db, alert, ct) > 0) await db.SaveChangesAsync(ct);
    }
}
