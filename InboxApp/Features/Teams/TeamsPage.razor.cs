using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Teams;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Teams;

public partial class TeamsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private TeamService Teams { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private List<TeamDto>? teams;
    private bool includeInactive;

    /// <summary>Only admins manage teams: the CX seed marks every team write as admin only.</summary>
    private bool CanManage => actor is { Role: UserRole.ADMIN, OrganizationId: not null };

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (CanManage) await ReloadAsync();
    }

    private async Task ReloadAsync() => teams = [.. await Teams.ListAsync(actor!, includeInactive)];

    private async Task ShowInactiveAsync(bool on)
    {
        includeInactive = on;
        await ReloadAsync();
    }

    private Task CreateAsync() => OpenAsync("New team", null);

    private Task EditAsync(TeamDto team) => OpenAsync($"Edit {team.Name}", team);

    private async Task OpenAsync(string title, TeamDto? team)
    {
        var dialog = await Dialogs.ShowAsync<TeamDialog>(title, new DialogParameters<TeamDialog> { { d => d.Actor, actor! }, { d => d.Team, team } }, Options(MaxWidth.Small));
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task MembersAsync(TeamDto team)
    {
        var dialog = await Dialogs.ShowAsync<TeamMembersDialog>($"Members of {team.Name}",
            new DialogParameters<TeamMembersDialog> { { d => d.Actor, actor! }, { d => d.TeamId, team.Id } }, Options(MaxWidth.Medium));
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task DeactivateAsync(TeamDto team)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Deactivate team", $"Deactivate “{team.Name}”? Its members and history stay; you can reactivate it later.",
            yesText: "Deactivate", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(() => Teams.DeactivateAsync(actor!, team.Id), $"“{team.Name}” deactivated");
    }

    private Task ReactivateAsync(TeamDto team) =>
        RunAsync(() => Teams.UpdateAsync(actor!, team.Id, new TeamChanges(IsActive: true)), $"“{team.Name}” is active again");

    private static DialogOptions Options(MaxWidth width) => new() { MaxWidth = width, FullWidth = true, CloseOnEscapeKey = true };

    private async Task RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (InboxException e)
        {
            Snackbar.Add("Could not change the team: " + e.Message, Severity.Error);
        }
        await ReloadAsync();
    }
}
