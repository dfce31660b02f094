using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// Alerts the organization's admins when a number's quality or messaging limit changed (the quality webhook). Durable: an
/// alert must not be lost to a crash between the change and the alert. Idempotent: an alert already open is not added again.
/// </summary>
public sealed class QualityAlertListener(InboxDb inboxDb, TimeProvider clock) : IDurableListener<PhoneNumberQualityChanged>
{
    public async Task HandleAsync(PhoneNumberQualityChanged e, CancellationToken ct)
    {
        await using var db = inboxDb.For(e.OrganizationId);
        var number = await db.PhoneNumbers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == e.PhoneNumberId, ct);
        if (number is null) return; // removed since: nobody to alert about
        // The values the change left, not whatever a later change set (the alert describes this change).
        number.QualityRating = e.Quality ?? number.QualityRating;
        number.MessagingLimitTier = e.LimitTier;
        var alerts = ChannelAlertRules.ForNumberChange(number, e.PreviousQuality ?? "UNKNOWN", e.PreviousLimitTier, e.EventName, clock.GetUtcNow()).ToList();
        if (alerts.Count == 0) return;
        if (await ChannelAlertService.AddAsync(db, alerts, ct) > 0) await db.SaveChangesAsync(ct);
    }
}
