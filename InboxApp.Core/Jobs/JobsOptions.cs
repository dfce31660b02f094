using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Jobs;

/// <summary>Background jobs (Hangfire, its storage chosen by the database provider). Section <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Use Hangfire in this process (storage, server, dashboard). Off: no job runs here, the listing says so, nothing can be run.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>With the SQLite provider, Hangfire keeps its tables in this file (relative to the data folder), never in the app's database.</summary>
    [Required, StringLength(260, MinimumLength = 1)]
    public string SqliteFile { get; set; } = "jobs.db";

    /// <summary>With PostgreSQL or SQL Server, Hangfire's tables live in this schema of the app's database (created at start).</summary>
    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    public string Schema { get; set; } = "hangfire";

    /// <summary>How many jobs may run at once in this process.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often an idle worker looks for new jobs, and how often scheduled, retried and recurring jobs are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often scheduled, retried and recurring jobs are checked, when it should differ from <see cref="PollInterval"/>
    /// (each check takes a distributed lock in the job storage); empty: <see cref="PollInterval"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan? SchedulePollInterval { get; set; }

    /// <summary>
    /// After this long without news, a job fetched by a process that died is handed to another worker. On PostgreSQL and SQL
    /// Server the running process keeps extending it (sliding); on SQLite it is a plain timeout, so keep it above your longest job.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a stopping process waits for running jobs before it leaves them (they run again elsewhere).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
