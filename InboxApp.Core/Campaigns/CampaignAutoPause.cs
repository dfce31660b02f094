using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Pauses running and scheduled campaigns by themselves: when their template becomes PAUSED, DISABLED or REMOVED (Meta's
/// template webhooks, a sync), and when their number's quality drops to RED. Durable: a restart must not lose the pause.
/// Pausing twice is harmless (only RUNNING or SCHEDULED campaigns move).
/// </summary>
public sealed class CampaignAutoPause(CampaignService campaigns, InboxDb inboxDb) : IDurableListener<TemplateUpdated>, IDurableListener<PhoneNumberQualityChanged>,
    IDurableListenerInterest
{
    /// <summary>
    /// Interested in an organization that has campaigns (<see cref="CampaignService.CreateAsync"/> tells when it gets its
    /// first), and only in the template states and quality drops that pause one.
    /// </summary>
    public async Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var any = await db.Set<Campaign>().AnyAsync(ct);
        return e => any && e switch
        {
            TemplateUpdated t => t.Status is "PAUSED" or "DISABLED" or "REMOVED",
            PhoneNumberQualityChanged q => string.Equals(q.Quality, "RED", StringComparison.OrdinalIgnoreCase),
            _ => true,
        };
    }

    public async Task HandleAsync(TemplateUpdated e, CancellationToken ct)
    {
        if (e.Status is not ("PAUSED" or "DISABLED" or "REMOVED")) return;
        var templateId = e.TemplateId;
        await campaigns.PauseAutomaticallyAsync(e.OrganizationId, q => q.Where(c => c.TemplateId == templateId),
            $"The template {e.Name} ({e.Language}) is {e.Status}", ct);
    }

    public async Task HandleAsync(PhoneNumberQualityChanged e, CancellationToken ct)
    {
        if (!string.Equals(e.Quality, "RED", StringComparison.OrdinalIgnoreCase)) return;
        var numberId = e.PhoneNumberId;
        await campaigns.PauseAutomaticallyAsync(e.OrganizationId, q => q.Where(c => c.PhoneNumberId == numberId),
            "The sending number's quality rating dropped to RED", ct);
    }
}
