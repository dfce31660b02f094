using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>Templates: the service, the channels (Meta, sandbox), the webhook listener and the live notifier.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services) => services
        .AddSingleton<CloudTemplateChannel>()
        .AddSingleton<SandboxTemplateChannel>()
        .AddSingleton<TemplateChannels>()
        .AddSingleton<TemplateService>()
        .AddDurableListener<TemplateWebhookListener>()
        .AddInProcessListener<TemplateNotifier>();
}
