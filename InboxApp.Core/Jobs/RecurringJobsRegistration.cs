using Hangfire;
using Microsoft.Extensions.Hosting;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Registers the app's recurring jobs at startup (after <see cref="JobServer"/> has prepared the storage). Hangfire's
/// <c>AddOrUpdate</c> is idempotent: restarts and several nodes keep one schedule per id and its next run.
/// </summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs) : IHostedService
{
    /// <summary>What each of the app's recurring jobs does, by id (for the listing).</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [ExpiredTokensCleanupJob.Key] = ExpiredTokensCleanupJob.Description,
        [RevokedSessionsCleanupJob.Key] = RevokedSessionsCleanupJob.Description,
        [Routing.RoutingQueueJob.Key] = Routing.RoutingQueueJob.Description,
        [Templates.TemplateSyncJob.Key] = Templates.TemplateSyncJob.Description,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<ExpiredTokensCleanupJob>(ExpiredTokensCleanupJob.Key, j => j.RunAsync(CancellationToken.None),
            ExpiredTokensCleanupJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurringJobs.AddOrUpdate<RevokedSessionsCleanupJob>(RevokedSessionsCleanupJob.Key, j => j.RunAsync(CancellationToken.None),
            RevokedSessionsCleanupJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurringJobs.AddOrUpdate<Routing.RoutingQueueJob>(Routing.RoutingQueueJob.Key, j => j.RunAsync(CancellationToken.None),
            Routing.RoutingQueueJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurringJobs.AddOrUpdate<Templates.TemplateSyncJob>(Templates.TemplateSyncJob.Key, j => j.RunAsync(CancellationToken.None),
            Templates.TemplateSyncJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
