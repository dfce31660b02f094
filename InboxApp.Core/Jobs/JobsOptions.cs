using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Jobs;

/// <summary>Background jobs (Quartz.NET with a persistent store). Section <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Run the scheduler in this process. Off: no job runs here and the registry lists nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share the job store with the other nodes (PostgreSQL or SQL Server): each job runs on one node only.</summary>
    public bool Clustered { get; set; }

    /// <summary>The scheduler's name; nodes of one cluster must use the same name.</summary>
    [Required, StringLength(80, MinimumLength = 1)]
    public string InstanceName { get; set; } = "InboxApp";

    /// <summary>With the SQLite provider, Quartz keeps its tables in this file (relative to the data folder), never in the app's database.</summary>
    [Required, StringLength(260, MinimumLength = 1)]
    public string SqliteFile { get; set; } = "jobs.db";

    /// <summary>How many jobs may run at once in this process.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Runs kept per job in the run history (older ones are pruned).</summary>
    [Range(1, 10_000)]
    public int RunsKeptPerJob { get; set; } = 50;
}
