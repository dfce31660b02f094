using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.SharedInboxLinks;

public static class SharedInboxLinksServiceCollectionExtensions
{
    public static IServiceCollection AddSharedInboxLinks(this IServiceCollection services) => services
        .AddSingleton<SharedLinkSignal>()
        .AddSingleton<SharedInboxLinkService>()
        .AddSingleton<SharedInboxService>();
}
