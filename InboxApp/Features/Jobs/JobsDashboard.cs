using Hangfire;
using Hangfire.Dashboard;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace InboxApp.Features.Jobs;

/// <summary>
/// Hangfire's own dashboard at <see cref="Path"/>, for super admins signed in with the app's cookie. Anyone else is refused
/// by <see cref="SuperAdminDashboardAuthorization"/>: 401 when not signed in, 403 for other roles. The dashboard's forms carry
/// ASP.NET Core's antiforgery token (Hangfire checks it on every POST). Not mapped when jobs are disabled.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/hangfire";

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        if (app.Services.GetService<JobStorage>() is null) return app;
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new SuperAdminDashboardAuthorization()],
            AppPath = "/admin/jobs",
            DashboardTitle = "InboxApp jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}

/// <summary>Lets only a super admin signed in with the app's cookie into Hangfire's dashboard.</summary>
public sealed class SuperAdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!result.Succeeded) return false;
        // Hangfire answers 401 or 403 from HttpContext.User: the cookie's principal (already there when cookies are the default scheme).
        http.User = result.Principal;
        return result.Principal.IsInRole(nameof(UserRole.SUPER_ADMIN));
    }
}
