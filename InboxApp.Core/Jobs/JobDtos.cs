namespace InboxApp.Core.Jobs;

/// <summary>The scheduler and its jobs, for the admin console and <c>GET /api/v1/admin/jobs</c>.</summary>
/// <param name="Enabled">False when <c>Jobs:Enabled</c> is off: no scheduler runs here and <paramref name="Jobs"/> is empty.</param>
public sealed record JobsOverviewDto(bool Enabled, string? SchedulerName, string? InstanceId, string? Status, bool Clustered, IReadOnlyList<JobDto> Jobs)
{
    public static JobsOverviewDto Disabled { get; } = new(false, null, null, null, false, []);
}

/// <param name="Scheduled">True while the job is in the scheduler; false for a job known only from its run history (a one-off job that has run).</param>
public sealed record JobDto(
    string Name,
    string Group,
    string JobType,
    string? Description,
    bool Scheduled,
    IReadOnlyList<JobTriggerDto> Triggers,
    DateTimeOffset? PreviousFireTime,
    DateTimeOffset? NextFireTime,
    JobRunDto? LastRun,
    JobRunDto? LastFailure);

/// <param name="State">Quartz's trigger state: <c>Normal</c>, <c>Paused</c>, <c>Complete</c>, <c>Error</c>, <c>Blocked</c>, <c>Executing</c>, …</param>
/// <param name="Schedule">Readable schedule: <c>every 01:00:00</c>, <c>cron 0 0 3 * * ?</c>, <c>once</c>.</param>
public sealed record JobTriggerDto(string Name, string Group, string State, string Schedule, DateTimeOffset? PreviousFireTime, DateTimeOffset? NextFireTime);

public sealed record JobRunDto(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool? Succeeded, string? Error, string? Summary)
{
    public static JobRunDto From(JobRun r) => new(r.StartedAt, r.FinishedAt, r.Succeeded, r.Error, r.Summary);
}
