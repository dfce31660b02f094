using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace InboxApp.Core.Jobs;

/// <summary>
/// The small API features use to run work in the background: schedule a one-off job, keep a recurring job registered,
/// run a job now, remove it, and list everything with its last run. Jobs live in group <see cref="Group"/> unless said
/// otherwise; a job's trigger has the job's name. When jobs are disabled, listing says so and scheduling is refused (409).
/// </summary>
public sealed class JobRegistry(IServiceProvider services, InboxDb inboxDb, TimeProvider clock, IOptions<JobsOptions> options)
{
    public const string Group = "inbox";
    public const int MaxKeyLength = 150;

    private readonly ISchedulerFactory? factory = services.GetService<ISchedulerFactory>();

    public bool Enabled => factory is not null;

    /// <summary>Runs <typeparamref name="TJob"/> once at <paramref name="runAt"/> (at once if that is past). Scheduling the same key again replaces it.</summary>
    public async Task ScheduleOnceAsync<TJob>(string key, DateTimeOffset runAt, IDictionary<string, string>? data = null, CancellationToken ct = default)
        where TJob : IJob
    {
        CheckKey(key);
        var scheduler = await SchedulerAsync(ct);
        var map = new JobDataMap();
        foreach (var (k, v) in data ?? new Dictionary<string, string>()) map[k] = v;
        var job = JobBuilder.Create<TJob>().WithIdentity(key, Group).UsingJobData(map).Build();
        var trigger = TriggerBuilder.Create(clock).WithIdentity(key, Group).ForJob(job).StartAt(runAt.ToUniversalTime())
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }

    /// <summary>
    /// Keeps <typeparamref name="TJob"/> running every <paramref name="interval"/>, first one interval from now. Idempotent: the
    /// same key, type and interval leave the stored schedule (and its next fire time) alone; a change replaces it.
    /// Returns whether the schedule was (re)written.
    /// </summary>
    public Task<bool> ScheduleRecurringAsync<TJob>(string key, TimeSpan interval, string? description = null, CancellationToken ct = default)
        where TJob : IJob
    {
        if (interval < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(interval), "The interval must be at least a second.");
        return ScheduleRecurringCoreAsync<TJob>(key, description, $"every {interval:c}",
            jobKey => TriggerBuilder.Create(clock).WithIdentity(key, Group).ForJob(jobKey).StartAt(clock.GetUtcNow() + interval)
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build(), ct);
    }

    /// <summary>Like <see cref="ScheduleRecurringAsync{TJob}(string, TimeSpan, string?, CancellationToken)"/> on a Quartz cron expression (UTC), e.g. <c>0 0 3 * * ?</c>.</summary>
    public Task<bool> ScheduleCronAsync<TJob>(string key, string cronExpression, string? description = null, CancellationToken ct = default)
        where TJob : IJob
    {
        if (!CronExpression.TryParse(cronExpression, out _)) throw new ArgumentException($"Not a valid cron expression: {cronExpression}", nameof(cronExpression));
        return ScheduleRecurringCoreAsync<TJob>(key, description, $"cron {cronExpression}",
            jobKey => TriggerBuilder.Create(clock).WithIdentity(key, Group).ForJob(jobKey).StartAt(clock.GetUtcNow())
                .WithCronSchedule(cronExpression, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)).Build(), ct);
    }

    /// <summary>Runs the job in group <see cref="Group"/> now.</summary>
    public Task TriggerNowAsync(string key, CancellationToken ct = default) => TriggerNowAsync(Group, key, ct);

    /// <summary>Runs a scheduled job now, in addition to its schedule. Unknown job: 404.</summary>
    public async Task TriggerNowAsync(string group, string name, CancellationToken ct = default)
    {
        var scheduler = await SchedulerAsync(ct);
        var key = new JobKey(name, group);
        if (!await scheduler.Exists(key, ct)) throw InboxException.NotFound("Job");
        await scheduler.TriggerJob(key, new JobDataMap(), ct);
    }

    /// <summary>Removes the job and its triggers. Returns false when there was no such job.</summary>
    public async Task<bool> UnscheduleAsync(string key, CancellationToken ct = default)
    {
        var scheduler = await SchedulerAsync(ct);
        return await scheduler.DeleteJob(new JobKey(key, Group), ct);
    }

    /// <summary>Every job in the scheduler, plus jobs known only from the run history, with triggers and last runs.</summary>
    public async Task<JobsOverviewDto> ListAsync(CancellationToken ct = default)
    {
        if (factory is null) return JobsOverviewDto.Disabled;
        var scheduler = await SchedulerAsync(ct);
        var jobs = (await scheduler.QueryJobs(new JobQuery { Take = PagedQuery.All }, ct)).Items;
        var headers = (await scheduler.QueryTriggers(new TriggerQuery { Take = PagedQuery.All }, ct)).Items;
        var details = (await scheduler.GetTriggers(headers.Select(h => h.Key).ToList(), ct)).ToDictionary(t => t.Key);
        var (lastRuns, lastFailures) = await LastRunsAsync(ct);

        var triggersByJob = headers.GroupBy(h => (h.JobKey.Group, h.JobKey.Name)).ToDictionary(g => g.Key, g => g
            .Select(h => new JobTriggerDto(h.Key.Name, h.Key.Group, h.State.ToString(), Describe(details.GetValueOrDefault(h.Key)),
                h.PreviousFireTimeUtc, h.NextFireTimeUtc))
            .ToList());

        var result = new List<JobDto>();
        foreach (var job in jobs)
        {
            var k = (job.Key.Group, job.Key.Name);
            var triggers = triggersByJob.GetValueOrDefault(k) ?? [];
            result.Add(new JobDto(job.Key.Name, job.Key.Group, ShortTypeName(job.JobTypeName), job.Description, true, triggers,
                triggers.Max(t => t.PreviousFireTime), triggers.Min(t => t.NextFireTime),
                lastRuns.GetValueOrDefault(k) is { } run ? JobRunDto.From(run) : null,
                lastFailures.GetValueOrDefault(k) is { } failure ? JobRunDto.From(failure) : null));
        }
        var known = jobs.Select(j => (j.Key.Group, j.Key.Name)).ToHashSet();
        foreach (var (k, run) in lastRuns.Where(r => !known.Contains(r.Key)))
        {
            result.Add(new JobDto(k.Name, k.Group, run.JobType, null, false, [], null, null, JobRunDto.From(run),
                lastFailures.GetValueOrDefault(k) is { } failure ? JobRunDto.From(failure) : null));
        }
        return new JobsOverviewDto(true, scheduler.SchedulerName, await scheduler.GetSchedulerInstanceId(ct), (await scheduler.GetStatus(ct)).ToString(),
            options.Value.Clustered, result.OrderBy(j => j.Group, StringComparer.Ordinal).ThenBy(j => j.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary><c>Ns.ExpiredTokensCleanupJob, InboxApp.Core</c> → <c>ExpiredTokensCleanupJob</c>.</summary>
    public static string ShortTypeName(string? typeName)
    {
        if (string.IsNullOrEmpty(typeName)) return "";
        var name = typeName.Split(',')[0].Trim();
        return name[(Math.Max(name.LastIndexOf('.'), name.LastIndexOf('+')) + 1)..];
    }

    private async Task<bool> ScheduleRecurringCoreAsync<TJob>(string key, string? description, string schedule, Func<JobKey, ITrigger> buildTrigger, CancellationToken ct)
        where TJob : IJob
    {
        CheckKey(key);
        var scheduler = await SchedulerAsync(ct);
        var job = JobBuilder.Create<TJob>().WithIdentity(key, Group).WithDescription(description).StoreDurably().Build();
        var stored = await scheduler.GetJobDetail(job.Key, ct);
        var trigger = await scheduler.GetTrigger(new TriggerKey(key, Group), ct);
        if (stored is not null && trigger is not null && stored.JobType.FullName == job.JobType.FullName && Describe(trigger) == schedule)
        {
            if (stored.Description != description) await scheduler.AddJob(job, new AddJobOptions { Replace = true }, ct);
            return false;
        }
        await scheduler.ScheduleJob(job, [buildTrigger(job.Key)], ScheduleJobOptions.Replacing, ct);
        return true;
    }

    private async Task<(Dictionary<(string Group, string Name), JobRun> Last, Dictionary<(string Group, string Name), JobRun> LastFailure)> LastRunsAsync(CancellationToken ct)
    {
        await using var db = inboxDb.System();
        // The newest run of each job (no newer run of the same job exists); likewise the newest failure.
        var last = await db.JobRuns.AsNoTracking()
            .Where(r => !db.JobRuns.Any(o => o.JobGroup == r.JobGroup && o.JobName == r.JobName && o.StartedAt > r.StartedAt))
            .ToListAsync(ct);
        var failures = await db.JobRuns.AsNoTracking()
            .Where(r => r.Succeeded == false && !db.JobRuns.Any(o => o.JobGroup == r.JobGroup && o.JobName == r.JobName && o.Succeeded == false && o.StartedAt > r.StartedAt))
            .ToListAsync(ct);
        return (ByJob(last), ByJob(failures));

        static Dictionary<(string, string), JobRun> ByJob(List<JobRun> runs) => runs
            .GroupBy(r => (r.JobGroup, r.JobName))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.FinishedAt ?? r.StartedAt).First());
    }

    private static string Describe(ITrigger? trigger) => trigger switch
    {
        ICronTrigger cron => $"cron {cron.CronExpressionString}",
        ISimpleTrigger { RepeatCount: 0 } => "once",
        ISimpleTrigger simple => $"every {simple.RepeatInterval:c}",
        null => "",
        _ => trigger.GetType().Name,
    };

    private async Task<IScheduler> SchedulerAsync(CancellationToken ct) =>
        factory is null
            ? throw new InboxException(409, "JOBS_DISABLED", "Background jobs are disabled on this server (Jobs:Enabled is false)")
            : await factory.GetScheduler(ct);

    private static void CheckKey(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
            throw new ArgumentException($"A job key is 1 to {MaxKeyLength} characters.", nameof(key));
    }
}
