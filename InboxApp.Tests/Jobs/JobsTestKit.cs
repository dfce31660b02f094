using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using Quartz;

namespace InboxApp.Tests.Jobs;

/// <summary>A job that records that it ran (keyed by its job name) and the <c>note</c> it was given.</summary>
public sealed class RecordingJob : IJob
{
    public static readonly ConcurrentDictionary<string, string?> Runs = new();
    public static readonly ConcurrentDictionary<string, int> Executions = new();

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        Runs[context.JobDetail.Key.Name] = context.MergedJobDataMap.TryGetString("note", out var note) ? note : null;
        Executions.AddOrUpdate(context.JobDetail.Key.Name, 1, (_, count) => count + 1);
        context.Result = "recorded";
        return ValueTask.CompletedTask;
    }
}

/// <summary>A job that always throws.</summary>
public sealed class FailingJob : IJob
{
    public const string Message = "The test job failed on purpose";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"{Message} ({context.JobDetail.Key.Name})");
}

public static class JobsTestKit
{
    public static async Task<SignedIn> SuperAdminAsync(this InboxAppFactory factory) =>
        await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);

    /// <summary><c>data</c> of <c>GET /api/v1/admin/jobs</c>.</summary>
    public static async Task<JsonElement> ListJobsAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/admin/jobs");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    /// <summary>The job in the listing, or null.</summary>
    public static JsonElement? Job(this JsonElement overview, string name, string group = "inbox") =>
        overview.GetProperty("jobs").EnumerateArray()
            .Where(j => j.GetProperty("name").GetString() == name && j.GetProperty("group").GetString() == group)
            .Select(j => (JsonElement?)j)
            .FirstOrDefault();

    /// <summary>Polls the listing until <paramref name="until"/> holds for the job (a few seconds at most).</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string name, Func<JsonElement, bool> until, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await client.ListJobsAsync()).Job(name);
            if (last is { } job && until(job)) return job;
            await Task.Delay(100);
        }
        Assert.Fail($"Job {name} did not reach the expected state in {timeoutMs} ms; last seen: {last}");
        return default;
    }

    /// <summary>Polls a condition (a few seconds at most).</summary>
    public static async Task Eventually(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    public static bool HasRunSince(this JsonElement job, DateTimeOffset since, bool? succeeded = true) =>
        job.TryGetProperty("lastRun", out var run)
        && run.GetProperty("startedAt").GetDateTimeOffset() >= since
        && run.TryGetProperty("succeeded", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False
        && (succeeded is null || s.GetBoolean() == succeeded);
}
