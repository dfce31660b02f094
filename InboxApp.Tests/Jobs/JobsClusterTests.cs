using Hangfire;
using InboxApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Jobs;

public sealed class JobsClusterTests
{
    [Fact]
    public async Task Two_app_instances_on_one_database_share_the_jobs_and_run_each_exactly_once()
    {
        using var nodeA = new InboxAppFactory().With("Jobs:WorkerCount", "4");
        using var nodeB = nodeA.SecondNode();
        _ = nodeA.Services;
        _ = nodeB.Services;
        var root = await nodeA.SuperAdminAsync();
        var overview = await root.Client.ListJobsAsync();
        Assert.True(overview.GetProperty("clustered").GetBoolean(), $"both servers should be listed: {overview}");
        Assert.Equal(2, overview.GetProperty("servers").GetArrayLength());

        const int count = 200;
        var run = Guid.NewGuid();
        var client = nodeB.Services.GetRequiredService<IBackgroundJobClient>();
        for (var i = 0; i < count; i++)
        {
            var item = i;
            client.Enqueue<ServerRecordingJob>(j => j.Run(run, item, null));
        }

        await JobsTestKit.Eventually(() => ServerRecordingJob.Servers.Count(e => e.Key.Run == run) == count, $"{count} jobs to run", timeoutMs: 60_000);
        await Task.Delay(500);
        var runs = ServerRecordingJob.Servers.Where(e => e.Key.Run == run).ToList();
        Assert.All(runs, r => Assert.Single(r.Value));
        var nodes = runs.Select(r => r.Value.Single()[..r.Value.Single().LastIndexOf(':')]).Distinct().ToList();
        Assert.Equal(2, nodes.Count);
    }
}
