using System.Collections.Concurrent;
using InboxApp.Core.Realtime;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Tells the sends of a campaign running in this process that it stopped (paused, cancelled, failed or completed elsewhere)
/// as soon as the change commits, so sends of a chunk already claimed and stored, waiting for their slot, do not go out.
/// In-process only: a sender on another node learns it at its next chunk's claim (a conditional write), at most a chunk later.
/// </summary>
public sealed class CampaignStopSignal : IInProcessListener<CampaignUpdated>
{
    private readonly ConcurrentDictionary<Guid, Action> runs = new();

    /// <summary>Calls <paramref name="stop"/> when the campaign leaves RUNNING, until the answer is disposed.</summary>
    public IDisposable Watch(Guid campaignId, Action stop)
    {
        runs[campaignId] = stop;
        return new Unsubscriber(() => runs.TryRemove(new KeyValuePair<Guid, Action>(campaignId, stop)));
    }

    public Task HandleAsync(CampaignUpdated e, CancellationToken ct)
    {
        if (Stops(e.Status) && runs.TryGetValue(e.CampaignId, out var stop)) stop();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether a <see cref="CampaignUpdated"/> status means the campaign left RUNNING. <see cref="CampaignUpdated.Progress"/>
    /// (a recipient's delivery status moved, raised all through a run) does not.
    /// </summary>
    public static bool Stops(string status) => status is not (nameof(CampaignStatus.RUNNING) or CampaignUpdated.Progress);
}
