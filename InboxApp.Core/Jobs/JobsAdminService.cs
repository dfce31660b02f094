using InboxApp.Core.Common;
using InboxApp.Core.Identity;

namespace InboxApp.Core.Jobs;

/// <summary>The super admin's view of the scheduler (admin console page and <c>/api/v1/admin/jobs</c>).</summary>
public sealed class JobsAdminService(JobRegistry registry)
{
    private const int MaxKeyPartLength = 200;

    public Task<JobsOverviewDto> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPER_ADMIN);
        return registry.ListAsync(ct);
    }

    /// <summary>Runs a job now. Unknown job: 404; jobs disabled: 409.</summary>
    public Task TriggerAsync(Actor actor, string group, string name, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPER_ADMIN);
        // Quartz keys are at most 200 characters; anything longer cannot name a job.
        if (group.Length > MaxKeyPartLength || name.Length > MaxKeyPartLength) throw InboxException.NotFound("Job");
        return registry.TriggerNowAsync(group, name, ct);
    }
}
