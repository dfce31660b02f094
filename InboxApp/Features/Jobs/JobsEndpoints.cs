using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Jobs;

public sealed record TriggeredJob(string Group, string Name, bool Triggered);

public static class JobsEndpoints
{
    /// <summary>Super admin only: the scheduler's jobs with their triggers and last runs, and running a job now.</summary>
    public static RouteGroupBuilder MapJobsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/jobs").WithTags("Admin: jobs").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List);
        group.MapPost("/{group}/{name}/trigger", Trigger);
        return group;
    }

    private static async Task<Ok<DataEnvelope<JobsOverviewDto>>> List(ClaimsPrincipal user, JobsAdminService jobs, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await jobs.ListAsync(user.ToActor(), ct)));

    private static async Task<Accepted<DataEnvelope<TriggeredJob>>> Trigger(string group, string name, ClaimsPrincipal user, JobsAdminService jobs, CancellationToken ct)
    {
        await jobs.TriggerAsync(user.ToActor(), group, name, ct);
        return TypedResults.Accepted("/api/v1/admin/jobs", Envelope.Data(new TriggeredJob(group, name, true)));
    }
}
