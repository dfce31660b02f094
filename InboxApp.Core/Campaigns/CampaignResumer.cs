using Hangfire;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// At startup, enqueues the send job of every RUNNING campaign (and SCHEDULED one whose time has passed): a process that
/// was killed mid-send goes on at once instead of waiting for Hangfire to notice its job died. A job that finds the campaign
/// held by a live sender waits for the lease and returns, so an extra one is harmless.
/// </summary>
public sealed class CampaignResumer(IServiceProvider services, InboxDb inboxDb, TimeProvider clock, ILogger<CampaignResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<IBackgroundJobClient>() is not { } jobs) return;
        try
        {
            var now = clock.GetUtcNow();
            List<Guid> ids;
            await using (var db = inboxDb.System())
            {
                ids = await db.Set<Campaign>().AsNoTracking()
                    .Where(c => c.Status == CampaignStatus.RUNNING || (c.Status == CampaignStatus.SCHEDULED && c.ScheduledAt != null && c.ScheduledAt <= now))
                    .Select(c => c.Id).ToListAsync(stoppingToken);
            }
            foreach (var id in ids) jobs.Enqueue<CampaignSendJob>(j => j.RunAsync(id, CancellationToken.None));
            if (ids.Count > 0) logger.LogInformation("Resumed {Count} campaigns", ids.Count);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Could not resume the running campaigns");
        }
    }
}
