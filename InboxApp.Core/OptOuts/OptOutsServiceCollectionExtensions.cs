using InboxApp.Core.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.OptOuts;

public static class OptOutsServiceCollectionExtensions
{
    /// <summary>OptOuts: the list's service, the batch lookup campaigns filter their recipients with, and the keyword listener.</summary>
    public static IServiceCollection AddOptOuts(this IServiceCollection services) => services
        .AddSingleton<OptOutService>()
        .AddSingleton<OptOutList>()
        .AddSingleton<ICampaignRecipientFilter, OptOutRecipientFilter>()
        .AddDurableListener<OptOutKeywordListener>();
}
