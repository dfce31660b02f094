using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>Pricing: the price table and its regions' countries (cached), estimates and costs, and the listener that records each delivered message's cost.</summary>
    public static IServiceCollection AddPricing(this IServiceCollection services) => services
        .AddSingleton<PriceRegionMembership>()
        .AddSingleton<PricingService>()
        .AddDurableListener<RecordMessageCost>();
}
