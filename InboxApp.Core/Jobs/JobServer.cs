using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using InboxApp.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Jobs;

/// <summary>
/// This process's Hangfire server. Registered after the database initializer, so it starts once the app's migrations have run:
/// it prepares Hangfire's schema, then starts the workers and the schedulers (delayed, retried and recurring jobs). Several app
/// instances on one PostgreSQL or SQL Server database each run one; Hangfire's locks and queue hand each job to one of them.
/// Stopping waits <see cref="JobsOptions.ShutdownTimeout"/> for running jobs; a job still running then is left to run again.
/// </summary>
public sealed class JobServer(IServiceProvider services, IConfiguration configuration, IOptions<JobsOptions> options, IOptions<DatabaseOptions> database)
    : IHostedService, IDisposable
{
    private BackgroundJobServerHostedService? server;
    private readonly IDisposable logs = HangfireLogBridge.Attach(services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());

    /// <summary>This server's name; Hangfire lists it as <c>{Name}:{guid}</c>. Unique per app host, also when tests run several in one process.</summary>
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = options.Value;
        // Applies the serializer settings (and this app's activator) before anything is enqueued or performed.
        services.GetRequiredService<IGlobalConfiguration>();
        await JobStorageFactory.PrepareSchemaAsync(database.Value.Provider, configuration.GetConnectionString("Inbox"), jobs, cancellationToken);

        var serverOptions = new BackgroundJobServerOptions
        {
            ServerName = Name,
            WorkerCount = jobs.WorkerCount,
            SchedulePollingInterval = jobs.SchedulePollInterval ?? jobs.PollInterval,
            ShutdownTimeout = jobs.ShutdownTimeout,
            StopTimeout = TimeSpan.Zero,
            Activator = services.GetRequiredService<JobActivator>(),
            FilterProvider = services.GetRequiredService<IJobFilterProvider>(),
        };
        var storage = services.GetRequiredService<JobStorage>();
        var processes = services.GetServices<IBackgroundProcess>();
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        server = new BackgroundJobServerHostedService(storage, serverOptions, processes, lifetime);
        await server.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => server?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public void Dispose()
    {
        server?.Dispose();
        logs.Dispose();
    }
}
