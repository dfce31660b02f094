using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Teams;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace InboxApp.Features.Teams;

public partial class TeamsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private TeamService Teams { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;

    private Actor? actor;
    private List<TeamDto> teams = [];
    private bool includeInactive;

    /// <summary>Only admins manage teams: the CX seed marks every team write as admin only.</summary>
    private bool CanManage => actor is { Role: UserRole.ADMIN, OrganizationId: not null };

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (CanManage) await ReloadAsync();
    }

    private async Task ReloadAsync() => teams = [.. await Teams.ListAsync(actor!, includeInactive)];

    private Task CreateAsync() => OpenAsync("New team", null);

    private Task EditAsync(TeamDto team) => OpenAsync($"Edit {team.Name}", team);

    private async Task OpenAsync(string title, TeamDto? team)
    {
        await Dialogs.OpenAsync<TeamDialog>(title, new Dictionary<string, object?> { [nameof(TeamDialog.Actor)] = actor, [nameof(TeamDialog.Team)] = team },
            new DialogOptions { Width = "460px", CloseDialogOnEsc = true });
        await ReloadAsync();
    }

    private async Task MembersAsync(TeamDto team)
    {
        await Dialogs.OpenAsync<TeamMembersDialog>($"Members of {team.Name}",
            new Dictionary<string, object?> { [nameof(TeamMembersDialog.Actor)] = actor, [nameof(TeamMembersDialog.TeamId)] = team.Id },
            new DialogOptions { Width = "640px", CloseDialogOnEsc = true });
        await ReloadAsync();
    }

    private async Task DeactivateAsync(TeamDto team)
    {
        var confirmed = await Dialogs.Confirm($"Deactivate “{team.Name}”? Its members and history stay; you can reactivate it later.", "Deactivate team",
            new ConfirmOptions { OkButtonText = "Deactivate", CancelButtonText = "Cancel" });
        if (confirmed != true) return;
        await RunAsync(() => Teams.DeactivateAsync(actor!, team.Id), $"“{team.Name}” deactivated");
    }

    private Task ReactivateAsync(TeamDto team) =>
        RunAsync(() => Teams.UpdateAsync(actor!, team.Id, new TeamChanges(IsActive: true)), $"“{team.Name}” is active again");

    private async Task RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Notifications.Notify(NotificationSeverity.Success, done);
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not change the team", e.Message);
        }
        await ReloadAsync();
    }
}
