using Hangfire;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// The Hangfire job of one campaign: runs <see cref="CampaignSender"/> until the campaign is done or stops. Idempotent:
/// a second run finds the campaign held (by the lease), finished or paused and returns; after a crash Hangfire or
/// <see cref="CampaignResumer"/> runs it again and the sender settles what was in flight.
/// </summary>
public sealed class CampaignSendJob(CampaignSender sender)
{
    [AutomaticRetry(Attempts = 10)]
    public Task<string> RunAsync(Guid campaignId, CancellationToken cancellationToken) => sender.RunAsync(campaignId, cancellationToken);
}
