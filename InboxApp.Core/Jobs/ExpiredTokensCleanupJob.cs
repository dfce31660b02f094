using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Hourly housekeeping across organizations: deletes refresh tokens expired, revoked or used more than
/// <see cref="TokenGrace"/> ago, sign-in codes expired more than <see cref="CodeGrace"/> ago, and job runs beyond
/// <see cref="JobsOptions.RunsKeptPerJob"/> per job, and outbox rows delivered more than <c>Events:KeepDelivered</c> ago.
/// Safe to repeat; the result line lands in the run history.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ExpiredTokensCleanupJob(InboxDb inboxDb, TimeProvider clock, IOptions<JobsOptions> options, IOptions<Events.OutboxOptions> outbox,
    ILogger<ExpiredTokensCleanupJob> logger) : IJob
{
    public const string Key = "expired-tokens-cleanup";
    public const string Description = "Deletes expired, used and revoked refresh tokens, expired sign-in codes, old job runs and old delivered events";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan TokenGrace = TimeSpan.FromDays(7);
    public static readonly TimeSpan CodeGrace = TimeSpan.FromDays(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var tokenCutoff = now - TokenGrace;
        var codeCutoff = now - CodeGrace;
        await using var db = inboxDb.System();

        var tokens = await db.RefreshTokens
            .Where(t => t.ExpiresAt < tokenCutoff || t.RevokedAt < tokenCutoff || t.UsedAt < tokenCutoff)
            .ExecuteDeleteAsync(cancellationToken);
        var codes = await db.LoginCodes.Where(c => c.ExpiresAt < codeCutoff).ExecuteDeleteAsync(cancellationToken);

        var runs = 0;
        var jobs = await db.JobRuns.Select(r => new { r.JobGroup, r.JobName }).Distinct().ToListAsync(cancellationToken);
        foreach (var job in jobs)
            runs += await JobRunListener.PruneAsync(db, job.JobGroup, job.JobName, options.Value.RunsKeptPerJob, cancellationToken);

        var deliveredCutoff = now - outbox.Value.KeepDelivered;
        var delivered = await db.OutboxDeliveries.Where(d => d.Status == Events.OutboxDeliveryStatus.DELIVERED && d.DeliveredAt < deliveredCutoff)
            .ExecuteDeleteAsync(cancellationToken);

        var summary = $"Deleted {tokens} refresh token(s), {codes} sign-in code(s), {runs} old job run(s), {delivered} delivered event(s)";
        logger.LogInformation("Cleanup: {Summary}", summary);
        context.Result = summary;
    }
}
