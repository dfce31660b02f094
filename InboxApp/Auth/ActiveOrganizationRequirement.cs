using InboxApp.Core.Organizations;
using Microsoft.AspNetCore.Authorization;

namespace InboxApp.Auth;

/// <summary>Users and keys of a suspended or cancelled organization may not act (403 with ORGANIZATION_SUSPENDED / _CANCELLED).</summary>
public sealed class ActiveOrganizationRequirement : AuthorizationHandler<ActiveOrganizationRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveOrganizationRequirement requirement)
    {
        var status = context.User.GetOrganizationStatus();
        if (context.User.Identity?.IsAuthenticated == true && (status is null || status == OrganizationStatus.ACTIVE))
            context.Succeed(requirement);
        else if (status is { } s && s != OrganizationStatus.ACTIVE)
            context.Fail(new AuthorizationFailureReason(this, s.ToString()));
        return Task.CompletedTask;
    }
}
