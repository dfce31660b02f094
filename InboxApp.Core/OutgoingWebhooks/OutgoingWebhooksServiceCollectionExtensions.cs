using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InboxApp.Core.OutgoingWebhooks;

public static class OutgoingWebhooksServiceCollectionExtensions
{
    /// <summary>Partner webhooks: the service, the fan-out listener, the SSRF guard, the sender and its worker.</summary>
    public static IServiceCollection AddOutgoingWebhooks(this IServiceCollection services)
    {
        services.AddOptions<OutgoingWebhookOptions>().BindConfiguration(OutgoingWebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<OutgoingWebhookSecrets>();
        services.AddSingleton<OutgoingWebhookSender>();
        services.AddSingleton<OutgoingWebhookWorkSignal>();
        services.AddSingleton<OutgoingWebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutgoingWebhookWorker>());
        services.AddSingleton<OutgoingWebhookService>();
        services.AddDurableListener<OutgoingWebhookFanOut>();
        return services;
    }
}
