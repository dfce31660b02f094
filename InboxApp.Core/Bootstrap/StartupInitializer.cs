using InboxApp.Core.Data;
using Microsoft.Extensions.Hosting;

namespace InboxApp.Core.Bootstrap;

/// <summary>
/// The first hosted service: migrates the database and runs the bootstrap before any other hosted service (webhook
/// worker, job scheduler) starts, in the app and in test hosts alike.
/// </summary>
public sealed class StartupInitializer(DatabaseInitializer database, BootstrapService bootstrap) : IHostedService
{
    /// <summary>What the bootstrap created, for the console banner.</summary>
    public BootstrapReport? Report { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        Report = await bootstrap.RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
