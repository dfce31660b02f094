using InboxApp.Core.Campaigns;
using InboxApp.Core.Events;

namespace InboxApp.Tests.Campaigns;

/// <summary>
/// The signal that stops a running campaign's sends in this process: a status that leaves RUNNING stops them, the progress
/// updates raised all through a run (each delivery status of a recipient) do not. A progress update that stopped the run
/// gave back its stored sends and sent them again in the next pass: one message too many per recipient given back.
/// </summary>
public sealed class CampaignStopSignalTests
{
    [Theory]
    [InlineData(nameof(CampaignStatus.RUNNING), false)]
    [InlineData(CampaignUpdated.Progress, false)]
    [InlineData(nameof(CampaignStatus.PAUSED), true)]
    [InlineData(nameof(CampaignStatus.CANCELLED), true)]
    [InlineData(nameof(CampaignStatus.COMPLETED), true)]
    [InlineData(nameof(CampaignStatus.FAILED), true)]
    [InlineData(nameof(CampaignStatus.SCHEDULED), true)]
    [InlineData("DELETED", true)]
    public async Task Only_a_status_that_leaves_RUNNING_stops_the_watched_run(string status, bool stops)
    {
        var signal = new CampaignStopSignal();
        var (org, watched, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var stopped = 0;
        using (signal.Watch(watched, () => stopped++))
        {
            await signal.HandleAsync(new CampaignUpdated(org, other, nameof(CampaignStatus.PAUSED)), CancellationToken.None);
            Assert.Equal(0, stopped);
            await signal.HandleAsync(new CampaignUpdated(org, watched, status), CancellationToken.None);
            Assert.Equal(stops ? 1 : 0, stopped);
        }
        // Once the run is over, nothing is called any more.
        await signal.HandleAsync(new CampaignUpdated(org, watched, nameof(CampaignStatus.PAUSED)), CancellationToken.None);
        Assert.Equal(stops ? 1 : 0, stopped);
    }
}
