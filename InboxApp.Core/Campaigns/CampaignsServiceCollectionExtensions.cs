using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Campaigns;

public static class CampaignsServiceCollectionExtensions
{
    /// <summary>Campaigns: the service, the sender and its job, the listeners (statuses, auto-pause, live pages) and the resumer.</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddOptions<CampaignsOptions>().BindConfiguration(CampaignsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<CampaignService>()
            .AddSingleton<CampaignSender>()
            .AddTransient<CampaignSendJob>()
            .AddDurableListener<CampaignStatusListener>()
            .AddDurableListener<CampaignAutoPause>()
            .AddInProcessListener<CampaignNotifier>()
            .AddInProcessListener<CampaignStopSignal>()
            .AddHostedService<CampaignResumer>();
    }
}
