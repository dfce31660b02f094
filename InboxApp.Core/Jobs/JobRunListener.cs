using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Records every execution in <see cref="JobRun"/>: a row when the job starts, completed with the outcome when it ends, then
/// the job's history is trimmed to <see cref="JobsOptions.RunsKeptPerJob"/>. A failure to record is logged and never fails the job.
/// </summary>
public sealed class JobRunListener(InboxDb inboxDb, TimeProvider clock, IOptions<JobsOptions> options, ILogger<JobRunListener> logger) : IJobListener
{
    public string Name => "InboxApp.JobRunHistory";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = inboxDb.System();
            db.JobRuns.Add(new JobRun
            {
                JobGroup = context.JobDetail.Key.Group,
                JobName = context.JobDetail.Key.Name,
                JobType = JobRegistry.ShortTypeName(context.JobDetail.JobType.FullName),
                FireInstanceId = context.FireInstanceId,
                StartedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record the start of job {Job}", context.JobDetail.Key);
        }
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var key = context.JobDetail.Key;
        try
        {
            await using var db = inboxDb.System();
            var run = await db.JobRuns.FirstOrDefaultAsync(r => r.FireInstanceId == context.FireInstanceId && r.JobGroup == key.Group && r.JobName == key.Name, cancellationToken);
            if (run is null)
            {
                run = new JobRun
                {
                    JobGroup = key.Group,
                    JobName = key.Name,
                    JobType = JobRegistry.ShortTypeName(context.JobDetail.JobType.FullName),
                    FireInstanceId = context.FireInstanceId,
                    StartedAt = clock.GetUtcNow() - context.JobRunTime,
                };
                db.JobRuns.Add(run);
            }
            run.FinishedAt = clock.GetUtcNow();
            run.Succeeded = jobException is null;
            run.Error = JobRun.Truncate(ErrorMessage(jobException), JobRun.MaxErrorLength);
            run.Summary = JobRun.Truncate(context.Result as string, JobRun.MaxSummaryLength);
            await db.SaveChangesAsync(cancellationToken);
            await PruneAsync(db, key.Group, key.Name, options.Value.RunsKeptPerJob, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record the end of job {Job}", key);
        }
    }

    /// <summary>Deletes a job's runs beyond the newest <paramref name="keep"/>.</summary>
    public static async Task<int> PruneAsync(InboxDbContext db, string group, string name, int keep, CancellationToken ct)
    {
        var runs = db.JobRuns.Where(r => r.JobGroup == group && r.JobName == name);
        var cutoff = await runs.OrderByDescending(r => r.StartedAt).Skip(keep).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(ct);
        return cutoff is { } c ? await runs.Where(r => r.StartedAt <= c).ExecuteDeleteAsync(ct) : 0;
    }

    /// <summary>The job's own message: Quartz wraps what a job throws in its own exceptions (two levels deep in 4.x).</summary>
    private static string? ErrorMessage(JobExecutionException? e)
    {
        if (e is null) return null;
        Exception inner = e;
        while (inner.InnerException is { } next && inner.GetType().Namespace?.StartsWith(nameof(Quartz), StringComparison.Ordinal) == true) inner = next;
        return string.IsNullOrWhiteSpace(inner.Message) ? inner.GetType().Name : inner.Message;
    }
}
