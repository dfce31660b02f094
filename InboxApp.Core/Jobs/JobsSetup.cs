using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Quartz.NET with a persistent store: SQLite apps keep the schedule in their own file (<c>{DataDirectory}/jobs.db</c>, never the
/// app's database, to keep Quartz's writes off the app's lock); PostgreSQL and SQL Server apps keep Quartz's tables in the app's
/// database. Quartz creates its tables itself (<c>ProvisionSchema</c>). With <c>Jobs:Enabled=false</c> nothing of Quartz is
/// registered and <see cref="JobRegistry"/> answers that jobs are off.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddInboxJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations()
            .Validate<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>((o, db) => !o.Enabled || !o.Clustered || db.Value.Provider != DatabaseProvider.Sqlite,
                "Jobs:Clustered needs the Postgres or SqlServer database provider: a SQLite job store cannot be shared by several nodes")
            .Validate(o => !string.Equals(Path.GetFileName(o.SqliteFile), "inbox.db", StringComparison.OrdinalIgnoreCase),
                "Jobs:SqliteFile must not be the app's database (inbox.db)")
            .ValidateOnStart();
        services.AddSingleton<JobRegistry>();
        services.AddSingleton<JobRunListener>();
        services.AddSingleton<JobsAdminService>();

        var jobs = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        if (!jobs.Enabled) return services;
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = jobs.InstanceName;
                if (jobs.Clustered) o.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(jobs.MaxConcurrency);
            q.UsePersistentStore(s =>
            {
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
                switch (provider)
                {
                    case DatabaseProvider.Sqlite:
                        s.UseSqlite(o => o.DataSourceFactory = sp => SqliteJobStore(sp.GetRequiredService<AppPaths>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value));
                        break;
                    case DatabaseProvider.Postgres:
                        s.UsePostgres(o => o.ConnectionStringName = "Inbox");
                        break;
                    case DatabaseProvider.SqlServer:
                        s.UseSqlServer(o => o.ConnectionStringName = "Inbox");
                        break;
                }
                if (jobs.Clustered) s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(15));
            });
            q.AddJobListener(sp => sp.GetRequiredService<JobRunListener>(), [GroupMatcher<JobKey>.AnyGroup()]);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<RecurringJobsRegistration>();
        return services;
    }

    /// <summary>The job store's own SQLite file, in WAL mode so listing the schedule never waits for the scheduler's writes.</summary>
    private static System.Data.Common.DbDataSource SqliteJobStore(AppPaths paths, JobsOptions options)
    {
        var file = Path.GetFullPath(Path.Combine(paths.DataDirectory, options.SqliteFile));
        var dir = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
        using (var connection = new SqliteConnection(cs))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        return SqliteFactory.Instance.CreateDataSource(cs);
    }
}
