using Hangfire;
using Hangfire.AspNetCore;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Hangfire, with its storage chosen by the database provider (<see cref="JobStorageFactory"/>) and this process's server
/// (<see cref="JobServer"/>). The storage and the activator are this app's own singletons rather than Hangfire's static
/// <c>JobStorage.Current</c>, so several app hosts in one process (tests) never share or swap them. With
/// <c>Jobs:Enabled=false</c> nothing of Hangfire is registered and <see cref="JobsAdminService"/> answers that jobs are off.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddInboxJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => Path.GetFileName(o.SqliteFile) is var f
                           && !string.Equals(f, "inbox.db", StringComparison.OrdinalIgnoreCase)
                           && !string.Equals(f, "inbox-webhooks.db", StringComparison.OrdinalIgnoreCase),
                "Jobs:SqliteFile must not be one of the app's own databases (inbox.db, inbox-webhooks.db)")
            .ValidateOnStart();
        services.AddSingleton<JobsAdminService>();

        var jobs = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        if (!jobs.Enabled) return services;

        // Registered before AddHangfire, whose own registrations (the static JobStorage.Current and JobActivator.Current) then stand aside.
        services.AddSingleton<JobStorage>(sp => JobStorageFactory.Create(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider, configuration.GetConnectionString("Inbox"),
            sp.GetRequiredService<AppPaths>(), sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLogBridge.Instance));

        services.AddSingleton<JobServer>();
        services.AddHostedService(sp => sp.GetRequiredService<JobServer>());
        services.AddHostedService<RecurringJobsRegistration>();
        return services;
    }
}
