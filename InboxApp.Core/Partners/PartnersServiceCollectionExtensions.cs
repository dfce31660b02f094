using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Partners;

public static class PartnersServiceCollectionExtensions
{
    /// <summary>Partners, their accounts and keys, the embedded WhatsApp onboarding and onboarding links.</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services)
    {
        services.AddOptions<PartnerOptions>().BindConfiguration(PartnerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<PartnerService>().AddSingleton<EmbeddedOnboardingService>().AddSingleton<OnboardingLinkService>()
            .AddSingleton<FrameOriginsService>();
    }
}
