using InboxApp.Auth;
using InboxApp.Components.Shared;
using InboxApp.Core.Common;
using InboxApp.Core.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Jobs;

/// <summary>Admin › Jobs (super admin): the recurring jobs with their last and next run, the last error and "Run now".</summary>
public partial class JobsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private JobsAdminService Jobs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private JobsOverviewDto? overview;
    private ServerGrid<JobDto>? grid;

    protected override async Task OnInitializedAsync() => overview = await Jobs.ListAsync((await AuthState).User.ToActor());

    // The job list is short and comes whole from the service; each load reads it again so a page shows current runs.
    private async Task<GridData<JobDto>> LoadAsync(int skip, int take, CancellationToken ct)
    {
        var current = await Jobs.ListAsync((await AuthState).User.ToActor());
        if (!ReferenceEquals(current, overview))
        {
            overview = current;
            _ = InvokeAsync(StateHasChanged);
        }
        return new GridData<JobDto> { Items = current.Jobs.Skip(skip).Take(take).ToList(), TotalItems = current.Jobs.Count };
    }

    private async Task RefreshAsync()
    {
        if (grid is not null) await grid.ReloadAsync(firstPage: false);
        else overview = await Jobs.ListAsync((await AuthState).User.ToActor());
    }

    private async Task RunNowAsync(JobDto job)
    {
        try
        {
            await Jobs.TriggerAsync((await AuthState).User.ToActor(), job.Group, job.Name);
            Snackbar.Add($"Job started: {job.Name} is running now. Refresh to see its result.", Severity.Success);
        }
        catch (InboxException e)
        {
            Snackbar.Add($"Could not run the job: {e.Message}", Severity.Error);
        }
        await RefreshAsync();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss");

    private static string RunLabel(JobRunDto run) => run.Succeeded switch
    {
        true => "Succeeded",
        false => "Failed",
        null => "Running",
    };

    private static Color RunColor(JobRunDto run) => run.Succeeded switch
    {
        true => Color.Success,
        false => Color.Error,
        null => Color.Info,
    };

    private static Color StateColor(string state) => state switch
    {
        "Normal" => Color.Success,
        "Executing" => Color.Info,
        "Paused" or "Blocked" or "Awaiting" => Color.Warning,
        "Error" => Color.Error,
        _ => Color.Default,
    };
}
