using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Core.Common;
using InboxApp.Auth;
using InboxApp.Core.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Jobs;

/// <param name="JobId">Hangfire's id of the background job just enqueued.</param>
public sealed record TriggeredJob(string Group, string Name, bool Triggered, string? JobId = null);

public static class JobsEndpoints
{
    /// <summary>Super admin only: the recurring jobs with their schedule, last and next run and last error, and running one now.</summary>
    public static RouteGroupBuilder MapJobsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/jobs").WithTags("Admin: jobs").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List background jobs")
            .WithDescription("The recurring jobs with their schedule, last and next run and last error, and Hangfire's servers. Super admins only.");
        group.MapPost("/{group}/{name}/trigger", Trigger)
            .WithSummary("Run a background job now")
            .WithDescription("Enqueues one run of a recurring job (`group` and `name` as listed) and answers 202 with Hangfire's job id; the schedule is unchanged. Super admins only.")
            .ProducesError(StatusCodes.Status409Conflict, "JOBS_DISABLED", "Background jobs are disabled on this server (Jobs:Enabled is false)");
        return group;
    }

    private static async Task<Ok<DataEnvelope<JobsOverviewDto>>> List(ClaimsPrincipal user, JobsAdminService jobs, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await jobs.ListAsync(user.ToActor(), ct)));

    private static async Task<Accepted<DataEnvelope<TriggeredJob>>> Trigger(string group, string name, ClaimsPrincipal user, JobsAdminService jobs, CancellationToken ct)
    {
        var jobId = await jobs.TriggerAsync(user.ToActor(), group, name, ct);
        return TypedResults.Accepted("/api/v1/admin/jobs", Envelope.Data(new TriggeredJob(group, name, true, jobId)));
    }
}
