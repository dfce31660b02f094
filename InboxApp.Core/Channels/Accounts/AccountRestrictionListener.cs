using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// Keeps Meta's ban state and restrictions of an account from its <c>account_update</c> webhooks, so a number's health can
/// say why it cannot send without asking Meta: <c>DISABLE</c> and <c>SCHEDULE_FOR_DISABLE</c> are kept, <c>REINSTATE</c>
/// clears them; an <c>ACCOUNT_RESTRICTION</c> replaces the restrictions (none listed: lifted). Durable and idempotent: it
/// sets values, so a second delivery changes nothing.
/// </summary>
public sealed class AccountRestrictionListener(InboxDb inboxDb, TimeProvider clock) : IDurableListener<WhatsAppAccountUpdated>
{
    public async Task HandleAsync(WhatsAppAccountUpdated e, CancellationToken ct)
    {
        await using var db = inboxDb.For(e.OrganizationId);
        var account = await db.WhatsAppAccounts.FirstOrDefaultAsync(a => a.Id == e.AccountId, ct);
        if (account is null) return;
        var ban = e.BanState?.Trim().ToUpperInvariant();
        if (ban is "DISABLE" or "SCHEDULE_FOR_DISABLE") account.BanState = ban;
        else if (ban == "REINSTATE") account.BanState = null;
        if (e.EventName == "ACCOUNT_RESTRICTION")
        {
            var restrictions = (e.Restrictions ?? "").Trim();
            account.Restrictions = restrictions.Length == 0 ? null : restrictions.Length <= 500 ? restrictions : restrictions[..500];
        }
        if (!db.ChangeTracker.HasChanges()) return;
        account.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
