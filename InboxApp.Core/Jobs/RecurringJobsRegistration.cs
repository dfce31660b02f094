using Microsoft.Extensions.Hosting;

namespace InboxApp.Core.Jobs;

/// <summary>Registers the app's recurring jobs at startup; <see cref="JobRegistry"/> keeps this idempotent across restarts and nodes.</summary>
public sealed class RecurringJobsRegistration(JobRegistry registry) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.ScheduleRecurringAsync<ExpiredTokensCleanupJob>(ExpiredTokensCleanupJob.Key, ExpiredTokensCleanupJob.Interval,
            ExpiredTokensCleanupJob.Description, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
