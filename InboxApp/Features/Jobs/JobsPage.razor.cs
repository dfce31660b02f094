using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace InboxApp.Features.Jobs;

public partial class JobsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private JobsAdminService Jobs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;

    private JobsOverviewDto? overview;
    private bool loading;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        loading = true;
        try
        {
            overview = await Jobs.ListAsync((await AuthState).User.ToActor());
        }
        finally
        {
            loading = false;
        }
    }

    private async Task RunNowAsync(JobDto job)
    {
        try
        {
            await Jobs.TriggerAsync((await AuthState).User.ToActor(), job.Group, job.Name);
            Notifications.Notify(NotificationSeverity.Success, "Job started", $"{job.Name} is running now. Refresh to see its result.");
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not run the job", e.Message);
        }
        await LoadAsync();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss");

    private static string RunLabel(JobRunDto run) => run.Succeeded switch
    {
        true => "Succeeded",
        false => "Failed",
        null => "Running",
    };

    private static BadgeStyle RunStyle(JobRunDto run) => run.Succeeded switch
    {
        true => BadgeStyle.Success,
        false => BadgeStyle.Danger,
        null => BadgeStyle.Info,
    };

    private static BadgeStyle StateStyle(string state) => state switch
    {
        "Normal" => BadgeStyle.Success,
        "Executing" => BadgeStyle.Info,
        "Paused" or "Blocked" or "Awaiting" => BadgeStyle.Warning,
        "Error" => BadgeStyle.Danger,
        _ => BadgeStyle.Light,
    };
}
