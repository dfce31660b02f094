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
    public async Task Scheduled_job_survives_a_restart_on_the_same_data_and_recurring_jobs_are_not_duplicated()
    {
        var key = "persisted-" + Guid.NewGuid().ToString("N");
        var runAt = DateTimeOffset.UtcNow.AddHours(2);
        var first = new InboxAppFactory();
        await first.Services.GetRequiredService<JobRegistry>().ScheduleOnceAsync<RecordingJob>(key, runAt, new Dictionary<string, string> { ["note"] = "kept" });
        var before = await (await first.SuperAdminAsync()).Client.ListJobsAsync();
        var cleanupNext = before.Job(ExpiredTokensCleanupJob.Key)!.Value.GetProperty("nextFireTime").GetDateTimeOffset();
        await AssertJobStoreIsSeparateAsync(first);

        using var second = first.Restart();
        var after = await (await second.SuperAdminAsync()).Client.ListJobsAsync();
        var job = after.Job(key) ?? throw new Xunit.Sdk.XunitException($"{key} was lost in the restart: {after}");
        Assert.True(job.GetProperty("scheduled").GetBoolean());
        Assert.Equal(runAt.ToUnixTimeSeconds(), job.GetProperty("nextFireTime").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(nameof(RecordingJob), job.GetProperty("jobType").GetString());

        var cleanup = Assert.Single(after.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("name").GetString() == ExpiredTokensCleanupJob.Key);
        Assert.Single(cleanup.GetProperty("triggers").EnumerateArray());
        Assert.Equal(cleanupNext, cleanup.GetProperty("nextFireTime").GetDateTimeOffset());
    }

    /// <summary>SQLite: Quartz's tables are in <c>{DataDirectory}/jobs.db</c>, not in the app's database. PostgreSQL: in the app's database.</summary>
    private static async Task AssertJobStoreIsSeparateAsync(InboxAppFactory factory)
    {
        await using var db = factory.SystemDb();
        if (TestDatabase.IsPostgres)
        {
            var tables = await db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'qrtz%'").ToListAsync();
            Assert.Contains("qrtz_triggers", tables);
            return;
        }
        var jobsDb = Path.Combine(factory.DataDirectory, "jobs.db");
        Assert.True(File.Exists(jobsDb), $"{jobsDb} should exist");
        var appDb = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        Assert.NotEqual(Path.GetFullPath(jobsDb), appDb);
        Assert.Empty(await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name LIKE 'qrtz%'").ToListAsync());
        await using var jobs = new SqliteConnection($"Data Source={jobsDb};Mode=ReadOnly;Pooling=False");
        await jobs.OpenAsync();
        await using var cmd = jobs.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND lower(name) = 'qrtz_triggers'";
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
