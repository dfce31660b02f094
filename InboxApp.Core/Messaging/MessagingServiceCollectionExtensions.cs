using InboxApp.Core.Channels;
using InboxApp.Core.Channels.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>Outbound messaging (the one door, rate limits, failed messages) and the channels behind it (Cloud API, sandbox).</summary>
    public static IServiceCollection AddInboxMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IChannelSender, CloudApiSender>();
        services.AddSingleton<IChannelSender, SandboxSender>();
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<SendThrottle>();
        services.AddSingleton<OutboundDispatcher>();
        services.AddSingleton<MessageSender>();
        services.AddSingleton<FailedMessagesService>();
        services.AddSingleton<MediaSendService>();
        services.AddSingleton<ReactionService>();
        services.AddSingleton<ReadReceiptService>().AddInProcessListener<SendReadReceiptOnRead>();
        services.AddSingleton<SandboxStatusScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxStatusScheduler>());
        services.AddSingleton<SandboxService>();
        services.AddSingleton<SandboxSimulator>();
        return services;
    }
}
