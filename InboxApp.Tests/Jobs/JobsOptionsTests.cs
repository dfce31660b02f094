using System.Net;
using InboxApp.Core.Common;
using InboxApp.Core.Jobs;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Jobs;

public sealed class DisabledJobsFactory : InboxAppFactory
{
    public DisabledJobsFactory() => With("Jobs:Enabled", "false");
}

public sealed class ShortHistoryFactory : InboxAppFactory
{
    public const int Kept = 3;

    public ShortHistoryFactory() => With("Jobs:RunsKeptPerJob", Kept.ToString());
}

public sealed class ClusteredJobsFactory : InboxAppFactory
{
    public ClusteredJobsFactory() => With("Jobs:Clustered", "true").With("Jobs:InstanceName", "InboxCluster");
}

public sealed class ClusteredJobsTests(ClusteredJobsFactory factory) : IClassFixture<ClusteredJobsFactory>
{
    [Fact]
    public async Task Clustered_scheduler_gets_a_generated_node_id_and_runs_jobs_on_a_shared_database_and_is_refused_on_sqlite()
    {
        if (!TestDatabase.IsPostgres)
        {
            var refused = Assert.ThrowsAny<Exception>(() => factory.Services);
            Assert.Contains("Jobs:Clustered needs the Postgres or SqlServer database provider", refused.ToString());
            return;
        }
        var key = "clustered-" + Guid.NewGuid().ToString("N");
        var since = DateTimeOffset.UtcNow;
        await factory.Services.GetRequiredService<JobRegistry>().ScheduleOnceAsync<RecordingJob>(key, DateTimeOffset.UtcNow);

        var root = await factory.SuperAdminAsync();
        var job = await root.Client.WaitForJobAsync(key, j => j.HasRunSince(since));
        Assert.Equal(nameof(RecordingJob), job.GetProperty("jobType").GetString());
        var overview = await root.Client.ListJobsAsync();
        Assert.True(overview.GetProperty("clustered").GetBoolean());
        Assert.Equal("InboxCluster", overview.GetProperty("schedulerName").GetString());
        Assert.NotEqual("NON_CLUSTERED", overview.GetProperty("instanceId").GetString());
    }
}

public sealed class DisabledJobsTests(DisabledJobsFactory factory) : IClassFixture<DisabledJobsFactory>
{
    [Fact]
    public async Task With_jobs_disabled_the_listing_says_so_and_running_a_job_is_a_conflict()
    {
        var root = await factory.SuperAdminAsync();
        var overview = await root.Client.ListJobsAsync();
        Assert.False(overview.GetProperty("enabled").GetBoolean());
        Assert.Empty(overview.GetProperty("jobs").EnumerateArray());
        await (await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{ExpiredTokensCleanupJob.Key}/trigger", null)).ShouldFail(HttpStatusCode.Conflict, "JOBS_DISABLED");
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "jobs.db")));
        var refused = await Assert.ThrowsAsync<InboxException>(() => factory.Services.GetRequiredService<JobRegistry>().ScheduleOnceAsync<RecordingJob>("never", DateTimeOffset.UtcNow));
        Assert.Equal("JOBS_DISABLED", refused.Code);
    }
}

public sealed class JobHistoryRetentionTests(ShortHistoryFactory factory) : IClassFixture<ShortHistoryFactory>
{
    [Fact]
    public async Task Run_history_keeps_only_the_newest_runs_of_each_job()
    {
        var registry = factory.Services.GetRequiredService<JobRegistry>();
        var key = "repeated-" + Guid.NewGuid().ToString("N");
        await registry.ScheduleRecurringAsync<RecordingJob>(key, TimeSpan.FromHours(1));
        for (var i = 1; i <= ShortHistoryFactory.Kept + 2; i++)
        {
            await registry.TriggerNowAsync(key);
            var run = i;
            await JobsTestKit.Eventually(() => RecordingJob.Executions.GetValueOrDefault(key) == run, $"run {i} to execute");
            // The run's row exists before the job executes; once it is finished, older rows beyond the limit are gone.
            var expected = Math.Min(i, ShortHistoryFactory.Kept);
            await JobsTestKit.Eventually(() => Count(key, finished: true) == expected && Count(key, finished: false) == expected, $"run {i} to be recorded");
        }
        Assert.Equal(ShortHistoryFactory.Kept, Count(key, finished: false));
    }

    [Fact]
    public async Task Cleanup_job_trims_the_history_of_every_job()
    {
        var ghost = "ghost-" + Guid.NewGuid().ToString("N");
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        await using (var db = factory.SystemDb())
        {
            for (var i = 0; i < 6; i++)
                db.JobRuns.Add(new JobRun { JobGroup = "inbox", JobName = ghost, JobType = "GoneJob", FireInstanceId = $"f{i}", StartedAt = start.AddHours(i), FinishedAt = start.AddHours(i), Succeeded = true });
            await db.SaveChangesAsync();
        }

        var root = await factory.SuperAdminAsync();
        var listed = (await root.Client.ListJobsAsync()).Job(ghost)!.Value;
        Assert.False(listed.GetProperty("scheduled").GetBoolean());
        Assert.Equal("GoneJob", listed.GetProperty("jobType").GetString());

        var since = DateTimeOffset.UtcNow;
        await (await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{ExpiredTokensCleanupJob.Key}/trigger", null)).ShouldBe(HttpStatusCode.Accepted);
        await root.Client.WaitForJobAsync(ExpiredTokensCleanupJob.Key, j => j.HasRunSince(since));

        await using var check = factory.SystemDb();
        var kept = await check.JobRuns.Where(r => r.JobName == ghost).Select(r => r.FireInstanceId).ToListAsync();
        Assert.Equal(["f3", "f4", "f5"], kept.Order());
    }

    private int Count(string key, bool finished)
    {
        using var db = factory.SystemDb();
        return finished ? db.JobRuns.Count(r => r.JobName == key && r.FinishedAt != null) : db.JobRuns.Count(r => r.JobName == key);
    }
}
