using InboxApp.Core.Messaging;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Templates;

/// <summary>
/// Every few hours, brings the templates of every connected Cloud API account in line with Meta's (statuses, quality,
/// categories, templates created or deleted in WhatsApp Manager). Webhooks keep them current in between; this catches
/// what a missed webhook left behind. An account that fails is logged and skipped; running twice is harmless.
/// </summary>
public sealed class TemplateSyncJob(InboxDb inboxDb, TemplateService templates, ILogger<TemplateSyncJob> logger)
{
    public const string Key = "templates-sync";
    public const string Description = "Syncs the message templates of every connected WhatsApp account with Meta's";
    /// <summary>At minute 20 of every sixth hour (UTC).</summary>
    public const string Cron = "20 */6 * * *";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        List<(Guid Org, Guid Account)> accounts;
        await using (var db = inboxDb.System())
        {
            accounts = (await db.WhatsAppAccounts.AsNoTracking().Where(a => a.Status == WhatsAppAccountStatus.CONNECTED && !a.IsSandbox)
                .Select(a => new { a.OrganizationId, a.Id }).ToListAsync(cancellationToken)).Select(a => (a.OrganizationId, a.Id)).ToList();
        }
        int synced = 0, failed = 0, created = 0, updated = 0, removed = 0;
        foreach (var (org, account) in accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var r = await templates.SyncAccountAsync(org, account, cancellationToken);
                (synced, created, updated, removed) = (synced + 1, created + r.Created, updated + r.Updated, removed + r.Removed);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                logger.LogWarning(e, "Template sync failed for account {AccountId}", account);
            }
        }
        return $"{synced} accounts synced ({created} templates added, {updated} updated, {removed} removed), {failed} failed";
    }
}
