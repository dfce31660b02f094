using Hangfire;
using InboxApp.Core.Jobs;
using InboxApp.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Jobs;

/// <summary>Each test starts (and restarts) its own app, so it needs no shared fixture.</summary>
public sealed class JobsPersistenceTests
{
    [Fact]
    public async Task Recurring_jobs_survive_a_restart_on_the_same_data_without_being_duplicated()
    {
        var first = new InboxAppFactory();
        var before = await (await first.SuperAdminAsync()).Client.ListJobsAsync();
        var cleanupNext = before.Job(ExpiredTokensCleanupJob.Key)!.Value.GetProperty("nextFireTime").GetDateTimeOffset();
        await AssertJobStoreIsSeparateAsync(first);

        using var second = first.Restart();
        var after = await (await second.SuperAdminAsync()).Client.ListJobsAsync();
        var cleanup = Assert.Single(after.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("name").GetString() == ExpiredTokensCleanupJob.Key);
        Assert.Single(cleanup.GetProperty("triggers").EnumerateArray());
        Assert.Equal(cleanupNext, cleanup.GetProperty("nextFireTime").GetDateTimeOffset());
        Assert.Equal("Running", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_job_whose_process_dies_in_the_middle_runs_again_after_a_restart()
    {
        var run = Guid.NewGuid();
        // The claim of a dead process's job lapses after two seconds here (thirty minutes by default on SQLite).
        var first = new InboxAppFactory().With("Jobs:InvisibilityTimeout", "00:00:02");
        first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<InterruptedJob>(j => j.Run(run));
        await JobsTestKit.Eventually(() => InterruptedJob.Starts.GetValueOrDefault(run) == 1, "the job to start");

        // The first app stops while the job hangs: its server gives up waiting and leaves the job unfinished and claimed.
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        using var second = first.Restart();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"stopping the first app took {stopping.Elapsed}");
        Assert.Equal(0, InterruptedJob.Completions.GetValueOrDefault(run));
        try
        {
            _ = second.Services;
            await JobsTestKit.Eventually(() => InterruptedJob.Completions.GetValueOrDefault(run) == 1, "the job to run again after the restart", timeoutMs: 30_000);
            Assert.Equal(2, InterruptedJob.Starts[run]);
        }
        finally
        {
            InterruptedJob.Released.Set();
        }
    }

    /// <summary>SQLite: Hangfire's tables are in <c>{DataDirectory}/jobs.db</c>, not in the app's database. PostgreSQL: in schema <c>hangfire</c>.</summary>
    private static async Task AssertJobStoreIsSeparateAsync(InboxAppFactory factory)
    {
        await using var db = factory.SystemDb();
        if (TestDatabase.IsPostgres)
        {
            var tables = await db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'hangfire'").ToListAsync();
            Assert.Contains("job", tables);
            Assert.Contains("jobqueue", tables);
            Assert.Empty(await db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('job', 'jobqueue', 'JobRuns')").ToListAsync());
            return;
        }
        var jobsDb = Path.Combine(factory.DataDirectory, "jobs.db");
        Assert.True(File.Exists(jobsDb), $"{jobsDb} should exist");
        var appDb = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        Assert.NotEqual(Path.GetFullPath(jobsDb), appDb);
        var appTables = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync();
        Assert.DoesNotContain(appTables, t => t.StartsWith("Hangfire", StringComparison.OrdinalIgnoreCase) || t == "JobRuns");
        await using var jobs = new SqliteConnection($"Data Source={jobsDb};Mode=ReadOnly;Pooling=False");
        await jobs.OpenAsync();
        await using var cmd = jobs.CreateCommand();
        cmd.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'";
        var jobTables = (string)(await cmd.ExecuteScalarAsync())!;
        Assert.Contains("Job", jobTables.Split(','));
    }
}
