using System.Text.Json.Serialization;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Features.ApiReference;
using InboxApp.Security;
using MudBlazor.Services;

namespace InboxApp;

public static class WebServiceCollectionExtensions
{
    /// <summary>The web host's registrations: JSON, API conventions, auth, Blazor, OpenAPI.</summary>
    public static IServiceCollection AddInboxWeb(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);
        services.AddOptions<Features.SharedInboxLinks.SharedInboxLinksOptions>().BindConfiguration(Features.SharedInboxLinks.SharedInboxLinksOptions.SectionName);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        // Binding failures throw, so ApiErrorMiddleware answers them in the envelope.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddInboxProxyAndHttps();
        services.AddInboxRateLimits();
        services.AddInboxAuth();
        Features.Partners.PartnerAuth.AddPartnerAuth(services);
        services.AddHttpContextAccessor();
        services.AddInboxOpenApi();
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Outcomes appear bottom right, clear of the app bar and the pages' header buttons.
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddSignalR();
        services.AddHostedService<Realtime.InboxHubBroadcaster>();
        return services;
    }
}
