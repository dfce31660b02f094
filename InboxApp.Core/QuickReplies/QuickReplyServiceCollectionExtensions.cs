using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.QuickReplies;

public static class QuickReplyServiceCollectionExtensions
{
    /// <summary>Quick replies and their attachment limits (<see cref="QuickReplyOptions"/>).</summary>
    public static IServiceCollection AddQuickReplies(this IServiceCollection services)
    {
        services.AddOptions<QuickReplyOptions>().BindConfiguration(QuickReplyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QuickReplyService>();
        return services;
    }
}
