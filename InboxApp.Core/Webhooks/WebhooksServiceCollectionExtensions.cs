using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>
    /// The generic webhook pipeline: the durable delivery store (ingestor), the worker that hands deliveries to the
    /// <see cref="IWebhookProcessor"/> a channel registers, and the event log with replay.
    /// </summary>
    public static IServiceCollection AddWebhookPipeline(this IServiceCollection services)
    {
        services.AddOptions<WebhookProcessingOptions>().BindConfiguration(WebhookProcessingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookWorkSignal>();
        services.AddSingleton<WebhookIngestor>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookIngestor>());
        services.AddSingleton<WebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookWorker>());
        services.AddSingleton<WebhookEventService>();
        services.AddSingleton<WebhookWriteGate>();
        return services;
    }
}
