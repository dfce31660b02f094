using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Messaging;
using InboxApp.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// The channels and what they plug into: WhatsApp's Cloud API (Graph client, inbound processor behind the generic
    /// webhook pipeline, accounts) and the sandbox, each implementing Messaging's ports (<see cref="IChannelSender"/>,
    /// <see cref="IChannelMediaSource"/>, <see cref="IChannelAccountAlerts"/>). A new channel registers its adapters here.
    /// </summary>
    public static IServiceCollection AddInboxChannels(this IServiceCollection services)
    {
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WhatsAppInboundProcessor>();
        services.AddSingleton<IWebhookProcessor>(sp => sp.GetRequiredService<WhatsAppInboundProcessor>());
        services.AddSingleton<WebhookSecretResolver>();
        services.AddHttpClient<WhatsAppGraphClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddWhatsAppAccounts();
        services.AddSingleton<IChannelAccountAlerts>(sp => sp.GetRequiredService<ChannelAlertService>());
        services.AddSingleton<IChannelSender, CloudApiSender>();
        services.AddSingleton<IChannelMediaSource, CloudApiMediaSource>();

        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IChannelSender, SandboxSender>();
        services.AddSingleton<IChannelMediaSource, SandboxMediaSource>();
        services.AddSingleton<SandboxStatusScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxStatusScheduler>());
        services.AddSingleton<SandboxService>();
        services.AddSingleton<SandboxSimulator>();
        return services;
    }
}
