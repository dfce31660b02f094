using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.PublicApi;

public static class PublicApiServiceCollectionExtensions
{
    /// <summary>The public <c>/v1</c> API's phones, health resyncs, sending and reading.</summary>
    public static IServiceCollection AddPublicApi(this IServiceCollection services)
    {
        services.AddOptions<PublicApiOptions>().BindConfiguration(PublicApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublicPhoneService>();
        services.AddSingleton<MediaLinkFetcher>();
        services.AddSingleton<PublicMessagingService>();
        services.AddSingleton<PublicConversationService>();
        return services;
    }
}
