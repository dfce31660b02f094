using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// Keeps Meta's ban state and restrictions of an account from its <c>account_update</c> webhooks, so a number's health can
/// say why it cannot send without asking Meta: <c>DISABLE</c> and <c>SCHEDULE_FOR_DISABLE</c> are kept, <c>REINSTATE</c>
/// clears them; an <c>ACCOUNT_RESTRICTION</c> replaces the restrictions (none listed: lifted).
/// Each of the two is set only by an update at least as new as the one that set it last (Meta's time, then ours): Meta
/// retries an undelivered webhook for days and a failed listener is retried later, so updates can arrive out of order, and
/// an older one must not undo a newer one. Durable and idempotent: it sets values, so a second delivery changes nothing.
/// </summary>
public sealed class AccountRestrictionListener(InboxDb inboxDb, TimeProvider clock) : IDurableListener<WhatsAppAccountUpdated>
{
    public async Task HandleAsync(WhatsAppAccountUpdated e, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Events stored before they carried their order are applied as of now, as they were before.
        var (at, processedAt) = (e.At ?? now, e.ProcessedAt ?? now);
        await using var db = inboxDb.For(e.OrganizationId);
        var account = db.WhatsAppAccounts.Where(a => a.Id == e.AccountId);

        var ban = e.BanState?.Trim().ToUpperInvariant();
        if (ban is "DISABLE" or "SCHEDULE_FOR_DISABLE" or "REINSTATE")
        {
            var value = ban == "REINSTATE" ? null : ban;
            // One statement: the order check and the write cannot be split by another delivery of this listener.
            await account
                .Where(a => a.BanStateAt == null || a.BanStateAt < at || (a.BanStateAt == at && (a.BanStateProcessedAt == null || a.BanStateProcessedAt <= processedAt)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.UpdatedAt, a => a.BanState == value ? a.UpdatedAt : now)
                    .SetProperty(a => a.BanState, value)
                    .SetProperty(a => a.BanStateAt, at)
                    .SetProperty(a => a.BanStateProcessedAt, processedAt), ct);
        }
        if (e.EventName == "ACCOUNT_RESTRICTION")
        {
            var listed = (e.Restrictions ?? "").Trim();
            var value = listed.Length == 0 ? null : listed.Length <= 500 ? listed : listed[..500];
            await account
                .Where(a => a.RestrictionsAt == null || a.RestrictionsAt < at || (a.RestrictionsAt == at && (a.RestrictionsProcessedAt == null || a.RestrictionsProcessedAt <= processedAt)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.UpdatedAt, a => a.Restrictions == value ? a.UpdatedAt : now)
                    .SetProperty(a => a.Restrictions, value)
                    .SetProperty(a => a.RestrictionsAt, at)
                    .SetProperty(a => a.RestrictionsProcessedAt, processedAt), ct);
        }
    }
}
