using InboxApp.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Webhooks;

public static class InboundServiceCollectionExtensions
{
    /// <summary>The inbound side after ingestion: the event log with replay, and the inbound media downloader.</summary>
    public static IServiceCollection AddInboundEventsAndMedia(this IServiceCollection services)
    {
        services.AddSingleton<WebhookEventService>();
        services.AddSingleton<WebhookWriteGate>();
        services.AddOptions<MediaDownloadOptions>().BindConfiguration(MediaDownloadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MediaDownloadSignal>();
        services.AddSingleton<MediaService>();
        services.AddSingleton<MediaDownloader>();
        services.AddInProcessListener<MediaDownloadWakeup>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaDownloader>());
        return services;
    }
}
