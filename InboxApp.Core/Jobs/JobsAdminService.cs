using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Jobs;

/// <summary>
/// The super admin's view of the recurring jobs (admin console page and <c>/api/v1/admin/jobs</c>), read from Hangfire's
/// storage: the schedule, last and next run, the last run's outcome and the last error; and "Run now".
/// </summary>
public sealed class JobsAdminService(IServiceProvider services, IOptions<JobsOptions> options, IOptions<DatabaseOptions> database)
{
    /// <summary>The one group of the app's recurring jobs (Hangfire has none; the API's URLs keep <c>{group}/{name}</c>).</summary>
    public const string Group = "inbox";
    public const int MaxErrorLength = 2000;
    /// <summary>How many of the newest failed jobs are searched for a recurring job's last error beyond its last run.</summary>
    private const int FailedJobsScanned = 50;
    private const int MaxKeyLength = 200;

    private readonly JobStorage? storage = services.GetService<JobStorage>();

    public Task<JobsOverviewDto> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPER_ADMIN);
        return storage is null ? Task.FromResult(JobsOverviewDto.Disabled) : Task.Run(() => List(storage), ct);
    }

    /// <summary>Runs a recurring job now, besides its schedule; returns the new background job's id. Unknown job: 404; jobs disabled: 409.</summary>
    public Task<string> TriggerAsync(Actor actor, string group, string name, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPER_ADMIN);
        if (storage is null) throw new InboxException(409, "JOBS_DISABLED", "Background jobs are disabled on this server (Jobs:Enabled is false)");
        if (group != Group || name.Length > MaxKeyLength) throw InboxException.NotFound("Job");
        return Task.Run(() =>
        {
            using (var connection = storage.GetConnection())
            {
                if (connection.GetRecurringJobs([name]).FirstOrDefault() is not { Removed: false }) throw InboxException.NotFound("Job");
            }
            return services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(name) ?? throw InboxException.NotFound("Job");
        }, ct);
    }

    private JobsOverviewDto List(JobStorage jobStorage)
    {
        var monitoring = jobStorage.GetMonitoringApi();
        List<RecurringJobDto> recurring;
        Dictionary<string, JobRunDto> olderFailures;
        using (var connection = jobStorage.GetConnection())
        {
            recurring = connection.GetRecurringJobs();
            olderFailures = RecentFailures(monitoring, connection);
        }
        var servers = monitoring.Servers()
            .Select(s => new JobServerDto(s.Name, s.WorkersCount, Utc(s.StartedAt), s.Heartbeat is { } h ? Utc(h) : null))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var self = services.GetService<JobServer>()?.Name;
        var running = self is not null && servers.Any(s => s.Name.StartsWith(self + ":", StringComparison.Ordinal));

        var jobs = recurring.Where(r => !r.Removed).Select(r => ToDto(r, monitoring, olderFailures.GetValueOrDefault(r.Id)))
            .OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
        return new JobsOverviewDto(true, "Hangfire", self, running ? "Running" : "Stopped", servers.Count > 1, jobs,
            JobStorageFactory.Describe(database.Value.Provider, options.Value), servers);
    }

    private static JobDto ToDto(RecurringJobDto r, IMonitoringApi monitoring, JobRunDto? olderFailure)
    {
        var history = r.LastJobId is { } id ? Newest(monitoring.JobDetails(id)?.History) : [];
        var lastRun = r.LastJobId is { } jobId ? LastRun(jobId, history) : null;
        var lastFailure = new[] { LastFailure(r.LastJobId, history), olderFailure }.Where(f => f is not null)
            .MaxBy(f => f!.FinishedAt ?? f.StartedAt);
        var state = r.Error is not null || r.LoadException is not null ? "Error" : history.FirstOrDefault()?.StateName == "Processing" ? "Executing" : "Normal";
        var previous = r.LastExecution is { } last ? Utc(last) : (DateTimeOffset?)null;
        var next = r.NextExecution is { } n ? Utc(n) : (DateTimeOffset?)null;
        var trigger = new JobTriggerDto(r.Id, Group, state, $"cron {r.Cron}", previous, next);
        var type = r.Job?.Type.Name ?? "";
        var description = RecurringJobsRegistration.Descriptions.GetValueOrDefault(r.Id)
                          ?? (r.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : r.Error);
        return new JobDto(r.Id, Group, type, description, true, [trigger], previous, next, lastRun, lastFailure, r.Cron);
    }

    /// <summary>The newest execution in a job's history (newest state first): from its newest Processing state to the state after it.</summary>
    private static JobRunDto? LastRun(string jobId, IReadOnlyList<StateHistoryDto> history)
    {
        var processing = history.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.StateName == "Processing");
        if (processing.s is null) return null;
        var attempt = history.Count(s => s.StateName == "Processing");
        var started = Utc(processing.s.CreatedAt);
        if (processing.i == 0) return new JobRunDto(started, null, null, null, null, jobId, attempt);
        var outcome = history[processing.i - 1];
        return outcome.StateName switch
        {
            "Succeeded" => new JobRunDto(started, Utc(outcome.CreatedAt), true, null, ResultText(outcome), jobId, attempt),
            "Failed" => new JobRunDto(started, Utc(outcome.CreatedAt), false, ErrorText(outcome), null, jobId, attempt),
            _ => new JobRunDto(started, Utc(outcome.CreatedAt), false, Truncate($"{outcome.StateName}: {outcome.Reason}"), null, jobId, attempt),
        };
    }

    private static JobRunDto? LastFailure(string? jobId, IReadOnlyList<StateHistoryDto> history)
    {
        var index = history.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.StateName == "Failed");
        if (index.s is null) return null;
        var started = history.Skip(index.i + 1).FirstOrDefault(s => s.StateName == "Processing")?.CreatedAt ?? index.s.CreatedAt;
        return new JobRunDto(Utc(started), Utc(index.s.CreatedAt), false, ErrorText(index.s), null, jobId,
            history.Skip(index.i + 1).Count(s => s.StateName == "Processing"));
    }

    /// <summary>The newest failure of each recurring job among the newest failed jobs (runs before the last one that failed for good).</summary>
    private static Dictionary<string, JobRunDto> RecentFailures(IMonitoringApi monitoring, IStorageConnection connection)
    {
        var result = new Dictionary<string, JobRunDto>();
        foreach (var (jobId, failed) in monitoring.FailedJobs(0, FailedJobsScanned))
        {
            if (failed is null || Unquote(connection.GetJobParameter(jobId, "RecurringJobId")) is not { } recurringId) continue;
            var at = failed.FailedAt is { } f ? Utc(f) : DateTimeOffset.MinValue;
            var run = new JobRunDto(at, at, false, Truncate(failed.ExceptionMessage ?? failed.Reason), null, jobId);
            if (!result.TryGetValue(recurringId, out var known) || known.FinishedAt < at) result[recurringId] = run;
        }
        return result;
    }

    /// <summary>Newest state first, whatever order the storage returns them in (states of one transaction share a time).</summary>
    private static IReadOnlyList<StateHistoryDto> Newest(IList<StateHistoryDto>? history)
    {
        if (history is null || history.Count == 0) return [];
        var list = history.ToList();
        if (list[0].CreatedAt < list[^1].CreatedAt) list.Reverse();
        return list.OrderByDescending(s => s.CreatedAt).ToList();
    }

    private static string? ErrorText(StateHistoryDto failed) =>
        Truncate(Value(failed, "ExceptionMessage") is { Length: > 0 } message ? message : Value(failed, "ExceptionType") ?? failed.Reason);

    /// <summary>The job's return value: Hangfire stores it as JSON, a string job result as a JSON string.</summary>
    private static string? ResultText(StateHistoryDto succeeded) =>
        Value(succeeded, "Result") is { Length: > 0 } json ? Truncate(Unquote(json) ?? json) : null;

    private static string? Value(StateHistoryDto state, string key) => state.Data is { } data && data.TryGetValue(key, out var value) ? value : null;

    private static string? Unquote(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.String ? doc.RootElement.GetString() : json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string? Truncate(string? text) => text is null || text.Length <= MaxErrorLength ? text : text[..(MaxErrorLength - 1)] + "…";

    private static DateTimeOffset Utc(DateTime t) => new(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
