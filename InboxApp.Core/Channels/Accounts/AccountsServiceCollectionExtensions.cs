using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        // The HTTP client's request logs would show the Embedded Signup exchange URL (client_secret, code): keep them to warnings.
        services.Configure<LoggerFilterOptions>(o => o.AddFilter("System.Net.Http.HttpClient.WhatsAppGraphClient", LogLevel.Warning));
        return services;
    }
}
