using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Channels.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>WhatsApp accounts, numbers, health, alerts and the organization's own Meta app.</summary>
    public static IServiceCollection AddWhatsAppAccounts(this IServiceCollection services)
    {
        services.AddSingleton<ChannelSecrets>();
        services.AddSingleton<MetaAppConfigService>();
        services.AddSingleton<WhatsAppAccountService>();
        services.AddSingleton<WhatsAppConnector>();
        services.AddSingleton<PhoneHealthService>();
        services.AddSingleton<ChannelAlertService>();
        services.AddDurableListener<QualityAlertListener>().AddDurableListener<AccountAlertListener>().AddDurableListener<AccountRestrictionListener>();
        return services;
    }
}
