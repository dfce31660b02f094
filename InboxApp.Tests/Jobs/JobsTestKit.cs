using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Hangfire;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Jobs;

/// <summary>A job that counts its executions per (run, item); it takes ids only, as every job should.</summary>
public sealed class CountingJob
{
    public static readonly ConcurrentDictionary<(Guid Run, int Item), int> Executions = new();

    public void Run(Guid run, int item) => Executions.AddOrUpdate((run, item), 1, (_, count) => count + 1);

    public static int Count(Guid run) => Executions.Count(e => e.Key.Run == run);
}

/// <summary>A recurring job that records each firing of its id and returns a summary.</summary>
public sealed class RecordingJob
{
    public static readonly ConcurrentDictionary<string, int> Executions = new();

    public string Run(string id) => $"recorded run {Executions.AddOrUpdate(id, 1, (_, count) => count + 1)} of {id}";
}

/// <summary>A job that always throws; retried twice, a second apart (instead of Hangfire's minutes).</summary>
public sealed class FailingJob
{
    public const string Message = "The test job failed on purpose";
    public static readonly ConcurrentDictionary<string, int> Attempts = new();

    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [1], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public void Run(string id)
    {
        var attempt = Attempts.AddOrUpdate(id, 1, (_, count) => count + 1);
        throw new InvalidOperationException($"{Message} ({id}, attempt {attempt})");
    }
}

/// <summary>
/// A job whose first execution hangs as if its process died in the middle (it ignores the shutdown token and never
/// finishes its work); a later execution of the same job completes.
/// </summary>
public sealed class InterruptedJob
{
    public static readonly ConcurrentDictionary<Guid, int> Starts = new();
    public static readonly ConcurrentDictionary<Guid, int> Completions = new();
    public static readonly ManualResetEventSlim Released = new(false);

    public void Run(Guid run)
    {
        if (Starts.AddOrUpdate(run, 1, (_, count) => count + 1) == 1)
        {
            Released.Wait(TimeSpan.FromMinutes(2));
            return;
        }
        Completions.AddOrUpdate(run, 1, (_, count) => count + 1);
    }
}

public static class JobsTestKit
{
    public static async Task<SignedIn> SuperAdminAsync(this InboxAppFactory factory) =>
        await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);

    /// <summary>A client signed in through the sign-in form (the app's cookie), following no redirects.</summary>
    public static async Task<HttpClient> CookieClientAsync(this InboxAppFactory factory, string email, string password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetAsync("/login");
        var form = await login.Content.ReadAsStringAsync();
        var input = System.Text.RegularExpressions.Regex.Match(form, "<input[^>]*__RequestVerificationToken[^>]*>").Value;
        var token = System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

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

    /// <summary>Polls the listing until <paramref name="until"/> holds for the job.</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string name, Func<JsonElement, bool> until, int timeoutMs = 15_000)
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

    /// <summary>Polls a condition; <paramref name="describe"/> adds what the failure message should show when it times out.</summary>
    public static async Task Eventually(Func<bool> condition, string what, int timeoutMs = 15_000, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}" + (describe is null ? "" : ": " + describe()));
            await Task.Delay(50);
        }
    }

    /// <summary>A job's states as Hangfire's storage has them, newest first, with their reasons and times (for failure messages).</summary>
    public static string StateHistory(JobStorage storage, string jobId)
    {
        var details = storage.GetMonitoringApi().JobDetails(jobId);
        if (details is null) return $"job {jobId} not found";
        return $"job {jobId}: " + string.Join("; ", details.History.Select(h =>
            $"{h.CreatedAt:HH:mm:ss.fff} {h.StateName}{(h.Reason is null ? "" : " (" + h.Reason + ")")}"
            + (h.Data.TryGetValue("EnqueueAt", out var at) && long.TryParse(at, out var ms) ? $" to enqueue at {DateTimeOffset.FromUnixTimeMilliseconds(ms):HH:mm:ss.fff}" : "")));
    }

    public static bool HasRunSince(this JsonElement job, DateTimeOffset since, bool? succeeded = true) =>
        job.TryGetProperty("lastRun", out var run)
        && run.GetProperty("startedAt").GetDateTimeOffset() >= since.AddSeconds(-1)
        && run.TryGetProperty("succeeded", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False
        && (succeeded is null || s.GetBoolean() == succeeded);
}

/// <summary>A job that records which Hangfire server ran each of its items.</summary>
public sealed class ServerRecordingJob
{
    public static readonly ConcurrentDictionary<(Guid Run, int Item), ConcurrentBag<string>> Servers = new();

    public void Run(Guid run, int item, Hangfire.Server.PerformContext? context = null) =>
        Servers.GetOrAdd((run, item), _ => []).Add(context?.ServerId ?? "?");
}

/// <summary>A job whose first run for an id fails for good (no retries) and whose later runs succeed.</summary>
public sealed class FlakyJob
{
    public const string Message = "The first run of the flaky job failed";
    public static readonly ConcurrentDictionary<string, int> Runs = new();

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public string Run(string id) => Runs.AddOrUpdate(id, 1, (_, count) => count + 1) == 1
        ? throw new InvalidOperationException($"{Message} ({id})")
        : "fine now";
}
