using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Messaging: outbound (the one door, rate limits, failed messages), reactions, read receipts, and inbound media
    /// downloads. The channels behind its ports (<see cref="IChannelSender"/>, <see cref="IChannelMediaSource"/>,
    /// <see cref="IChannelAccountAlerts"/>) register themselves (<c>Channels.ChannelsServiceCollectionExtensions</c>).
    /// </summary>
    public static IServiceCollection AddInboxMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<SendThrottle>();
        services.AddSingleton<OutboundDispatcher>();
        services.AddSingleton<MessageSender>();
        services.AddSingleton<FailedMessagesService>();
        services.AddSingleton<MediaSendService>();
        services.AddSingleton<ReactionService>();
        services.AddSingleton<ReadReceiptService>().AddInProcessListener<SendReadReceiptOnRead>();
        services.AddOptions<MediaDownloadOptions>().BindConfiguration(MediaDownloadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChannelMediaSources>();
        services.AddSingleton<MediaDownloadSignal>();
        services.AddSingleton<MediaService>();
        services.AddSingleton<MediaDownloader>();
        services.AddInProcessListener<MediaDownloadWakeup>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaDownloader>());
        return services;
    }
}
