using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Jobs;

/// <summary>
/// One execution of a background job, written by <see cref="JobRunListener"/>: a row when the job starts, completed when it
/// ends. Not tenant-owned (jobs work across organizations); read and written through <c>InboxDb.System()</c>.
/// </summary>
public class JobRun
{
    public const int MaxErrorLength = 2000;
    public const int MaxSummaryLength = 500;

    public Guid Id { get; set; } = Guid.NewGuid();
    public required string JobGroup { get; set; }
    public required string JobName { get; set; }
    /// <summary>The job class's short name (<c>ExpiredTokensCleanupJob</c>).</summary>
    public required string JobType { get; set; }
    /// <summary>Quartz's id of this firing; links the start and the end of one run.</summary>
    public required string FireInstanceId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>Null while the job runs (or if the process stopped during the run).</summary>
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Null while the job runs.</summary>
    public bool? Succeeded { get; set; }
    /// <summary>What the job threw, at most <see cref="MaxErrorLength"/> characters.</summary>
    public string? Error { get; set; }
    /// <summary>The job's own one line about the run (a string it set as the execution result).</summary>
    public string? Summary { get; set; }

    public static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}

public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(r => r.JobGroup).HasMaxLength(200);
        b.Property(r => r.JobName).HasMaxLength(200);
        b.Property(r => r.JobType).HasMaxLength(200);
        b.Property(r => r.FireInstanceId).HasMaxLength(200);
        b.Property(r => r.Error).HasMaxLength(JobRun.MaxErrorLength);
        b.Property(r => r.Summary).HasMaxLength(JobRun.MaxSummaryLength);
        b.HasIndex(r => new { r.JobGroup, r.JobName, r.StartedAt });
        b.HasIndex(r => r.FireInstanceId);
        b.HasIndex(r => r.StartedAt);
    }
}
