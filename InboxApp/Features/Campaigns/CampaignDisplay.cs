using InboxApp.Core.Campaigns;
using MudBlazor;

namespace InboxApp.Features.Campaigns;

/// <summary>How the pages show a campaign: its status colour and how many recipients are done.</summary>
public static class CampaignDisplay
{
    public static Color StatusColor(CampaignStatus s) => s switch
    {
        CampaignStatus.RUNNING => Color.Info,
        CampaignStatus.COMPLETED => Color.Success,
        CampaignStatus.PAUSED or CampaignStatus.SCHEDULED => Color.Warning,
        CampaignStatus.FAILED or CampaignStatus.CANCELLED => Color.Error,
        _ => Color.Default,
    };

    /// <summary>Recipients no longer waiting to be sent (sent or further, failed, skipped, unknown).</summary>
    public static int Done(CampaignCounts c) => c.Total - c.Pending - c.Sending;
}
