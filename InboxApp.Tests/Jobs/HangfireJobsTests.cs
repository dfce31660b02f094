using System.Net;
using Hangfire;
using InboxApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Jobs;

/// <summary>
/// The app with four Hangfire workers and its schedulers looking every 100 ms (other test hosts: two workers, 500 ms), so that
/// jobs race as in production and a recurring job's next fire time is at most a poll behind.
/// </summary>
public sealed class FourWorkerJobsFactory : InboxAppFactory
{
    public FourWorkerJobsFactory()
    {
        With("Jobs:WorkerCount", "4");
        With("Jobs:SchedulePollInterval", "00:00:00.100");
    }
}

[RunsLong(20)]
public sealed class HangfireJobsTests(FourWorkerJobsFactory factory, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<FourWorkerJobsFactory>
{
    [Fact]
    public async Task A_job_enqueued_500_times_runs_exactly_once_per_enqueue()
    {
        const int count = 500;
        var run = Guid.NewGuid();
        var client = factory.Services.GetRequiredService<IBackgroundJobClient>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var item = i;
            client.Enqueue<CountingJob>(j => j.Run(run, item));
        }
        output.WriteLine($"enqueued {count} in {watch.Elapsed}, {CountingJob.Count(run)} ran meanwhile");

        await JobsTestKit.Eventually(() => CountingJob.Count(run) == count, $"{count} jobs to run", timeoutMs: 120_000);
        output.WriteLine($"all ran after {watch.Elapsed}");
        // Give a duplicate delivery, if there were one, the time to show up.
        await Task.Delay(500);
        var executions = CountingJob.Executions.Where(e => e.Key.Run == run).ToList();
        Assert.Equal(count, executions.Count);
        Assert.All(executions, e => Assert.Equal(1, e.Value));
        Assert.Equal(Enumerable.Range(0, count), executions.Select(e => e.Key.Item).Order());
    }

    [Fact]
    public async Task A_recurring_job_fires_on_its_schedule_and_its_run_is_listed()
    {
        var id = "every-second-" + Guid.NewGuid().ToString("N");
        var recurring = factory.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<RecordingJob>(id, j => j.Run(id), "* * * * * *", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        try
        {
            await JobsTestKit.Eventually(() => RecordingJob.Executions.GetValueOrDefault(id) >= 2, "the recurring job to fire twice");
            var root = await factory.SuperAdminAsync();
            var job = await root.Client.WaitForJobAsync(id, j => j.TryGetProperty("lastRun", out var r) && r.TryGetProperty("succeeded", out _));
            Assert.Equal(nameof(RecordingJob), job.GetProperty("jobType").GetString());
            Assert.Equal("cron * * * * * *", Assert.Single(job.GetProperty("triggers").EnumerateArray()).GetProperty("schedule").GetString());
            Assert.True(job.GetProperty("lastRun").GetProperty("succeeded").GetBoolean());
            Assert.Matches($"^recorded run \\d+ of {id}$", job.GetProperty("lastRun").GetProperty("summary").GetString());
            Assert.True(job.TryGetProperty("previousFireTime", out _));
            Assert.True(job.GetProperty("nextFireTime").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(-2));
        }
        finally
        {
            recurring.RemoveIfExists(id);
        }
        var fired = RecordingJob.Executions[id];
        await Task.Delay(1500);
        Assert.InRange(RecordingJob.Executions[id], fired, fired + 1);
    }

    [Fact]
    public async Task A_job_that_throws_is_retried_and_its_exception_shows_on_the_jobs_listing()
    {
        var id = "failing-" + Guid.NewGuid().ToString("N");
        var recurring = factory.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<FailingJob>(id, j => j.Run(id), Cron.Never(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        try
        {
            var root = await factory.SuperAdminAsync();
            var before = (await root.Client.ListJobsAsync()).Job(id)!.Value;
            Assert.False(before.TryGetProperty("lastRun", out _));
            Assert.False(before.TryGetProperty("lastFailure", out _));

            var triggered = await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{id}/trigger", null);
            Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
            var jobId = (await triggered.Data()).GetProperty("jobId").GetString()!;
            await JobsTestKit.Eventually(() => FailingJob.Attempts.GetValueOrDefault(id) == 3, "the first run and its two retries",
                describe: () => $"{FailingJob.Attempts.GetValueOrDefault(id)} attempts; " + JobsTestKit.StateHistory(factory.Services.GetRequiredService<JobStorage>(), jobId));

            var job = await root.Client.WaitForJobAsync(id, j => j.TryGetProperty("lastRun", out var r) && r.GetProperty("attempt").GetInt32() == 3
                                                                && r.TryGetProperty("succeeded", out _));
            var lastRun = job.GetProperty("lastRun");
            Assert.False(lastRun.GetProperty("succeeded").GetBoolean());
            Assert.Equal($"{FailingJob.Message} ({id}, attempt 3)", lastRun.GetProperty("error").GetString());
            var failure = job.GetProperty("lastFailure");
            Assert.Equal($"{FailingJob.Message} ({id}, attempt 3)", failure.GetProperty("error").GetString());
            Assert.Equal(lastRun.GetProperty("jobId").GetString(), failure.GetProperty("jobId").GetString());
            await Task.Delay(1500);
            Assert.Equal(3, FailingJob.Attempts[id]);
        }
        finally
        {
            recurring.RemoveIfExists(id);
        }
    }

    [Fact]
    public async Task The_last_error_stays_listed_after_a_later_run_succeeds()
    {
        var id = "flaky-" + Guid.NewGuid().ToString("N");
        var recurring = factory.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<FlakyJob>(id, j => j.Run(id), Cron.Never(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        try
        {
            var root = await factory.SuperAdminAsync();
            var first = await (await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{id}/trigger", null)).Data();
            var failedJobId = first.GetProperty("jobId").GetString();
            await root.Client.WaitForJobAsync(id, j => j.TryGetProperty("lastRun", out var r) && r.GetProperty("jobId").GetString() == failedJobId
                                                       && r.TryGetProperty("succeeded", out var s) && !s.GetBoolean());

            var second = await (await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{id}/trigger", null)).Data();
            var job = await root.Client.WaitForJobAsync(id, j => j.TryGetProperty("lastRun", out var r) && r.GetProperty("jobId").GetString() == second.GetProperty("jobId").GetString()
                                                                 && r.TryGetProperty("succeeded", out var s) && s.GetBoolean());
            Assert.Equal("fine now", job.GetProperty("lastRun").GetProperty("summary").GetString());
            var failure = job.GetProperty("lastFailure");
            Assert.Equal(failedJobId, failure.GetProperty("jobId").GetString());
            Assert.Equal($"{FlakyJob.Message} ({id})", failure.GetProperty("error").GetString());
            Assert.Equal(2, FlakyJob.Runs[id]);
        }
        finally
        {
            recurring.RemoveIfExists(id);
        }
    }
}

public sealed class DisabledJobsFactory : InboxAppFactory
{
    public DisabledJobsFactory() => With("Jobs:Enabled", "false");
}

public sealed class DisabledJobsTests(DisabledJobsFactory factory) : IClassFixture<DisabledJobsFactory>
{
    [Fact]
    public async Task With_jobs_disabled_the_listing_says_so_running_a_job_is_a_conflict_and_there_is_no_dashboard()
    {
        var root = await factory.SuperAdminAsync();
        var overview = await root.Client.ListJobsAsync();
        Assert.False(overview.GetProperty("enabled").GetBoolean());
        Assert.Empty(overview.GetProperty("jobs").EnumerateArray());
        await (await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{Core.Jobs.ExpiredTokensCleanupJob.Key}/trigger", null)).ShouldFail(HttpStatusCode.Conflict, "JOBS_DISABLED");
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "jobs.db")));
        Assert.Null(factory.Services.GetService<JobStorage>());
        Assert.Null(factory.Services.GetService<IBackgroundJobClient>());
    }
}
