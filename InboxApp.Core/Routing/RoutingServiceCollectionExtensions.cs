using InboxApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Routing;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>Routing's services and the listeners through which it plugs into conversations and presence.</summary>
    public static IServiceCollection AddInboxRouting(this IServiceCollection services)
    {
        services.AddSingleton<RoutingEngine>().AddSingleton<AgentAssigner>().AddSingleton<ConversationRouter>()
            .AddSingleton<RoutingService>().AddSingleton<TeamRoutingService>().AddSingleton<IdleAgentService>();
        services.AddDurableListener<RouteWhenHumanNeeded>().AddDurableListener<ReplyOffHours>().AddInProcessListener<OfferQueueWhenAgentFrees>();
        services.AddSingleton<PresenceBoard>().AddHostedService(sp => sp.GetRequiredService<PresenceBoard>());
        services.AddHostedService<OfferQueueWhenAgentComesOnline>();
        return services;
    }
}
