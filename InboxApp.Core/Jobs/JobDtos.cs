namespace InboxApp.Core.Jobs;

/// <summary>Hangfire and the app's recurring jobs, for the admin console and <c>GET /api/v1/admin/jobs</c>.</summary>
/// <param name="Enabled">False when <c>Jobs:Enabled</c> is off: no Hangfire here and <paramref name="Jobs"/> is empty.</param>
/// <param name="SchedulerName">Always <c>Hangfire</c> when enabled.</param>
/// <param name="InstanceId">This process's Hangfire server name (<c>host:pid</c>).</param>
/// <param name="Status"><c>Running</c> while this process's server beats its heart in the storage, else <c>Stopped</c>.</param>
/// <param name="Clustered">True when more than one server (app instance) is working on this storage.</param>
/// <param name="Storage">Where Hangfire keeps its data: <c>SQLite (jobs.db)</c>, <c>PostgreSQL (schema hangfire)</c>, …</param>
/// <param name="Servers">The Hangfire servers working on this storage (every app instance).</param>
public sealed record JobsOverviewDto(bool Enabled, string? SchedulerName, string? InstanceId, string? Status, bool Clustered, IReadOnlyList<JobDto> Jobs,
    string? Storage = null, IReadOnlyList<JobServerDto>? Servers = null)
{
    public static JobsOverviewDto Disabled { get; } = new(false, null, null, null, false, []);
}

/// <summary>A recurring job. <paramref name="Name"/> is its Hangfire id; <paramref name="Group"/> is always <c>inbox</c>.</summary>
/// <param name="Scheduled">True while the recurring job is registered.</param>
/// <param name="Cron">Its cron expression (UTC).</param>
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
    JobRunDto? LastFailure,
    string? Cron = null);

/// <param name="State"><c>Normal</c>, <c>Executing</c> (its last job is running) or <c>Error</c> (Hangfire could not schedule it).</param>
/// <param name="Schedule">Readable schedule: <c>cron 0 * * * *</c>.</param>
public sealed record JobTriggerDto(string Name, string Group, string State, string Schedule, DateTimeOffset? PreviousFireTime, DateTimeOffset? NextFireTime);

/// <summary>One execution of a job, read from Hangfire's state history.</summary>
/// <param name="Succeeded">Null while it runs.</param>
/// <param name="Error">What the job threw (for a failure).</param>
/// <param name="Summary">The job's own one line about the run (the string it returned).</param>
/// <param name="JobId">Hangfire's id of the background job.</param>
/// <param name="Attempt">1 for the first execution, 2 for the first retry, …</param>
public sealed record JobRunDto(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool? Succeeded, string? Error, string? Summary,
    string? JobId = null, int? Attempt = null);

/// <summary>A Hangfire server (one per app instance with jobs enabled).</summary>
public sealed record JobServerDto(string Name, int Workers, DateTimeOffset StartedAt, DateTimeOffset? Heartbeat);
