using InboxApp.Auth;
using InboxApp.Core.Identity;
using InboxApp.Features.Invitations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace InboxApp.Features.Users;

/// <summary>Settings › Users: members and invitations. Supervisors read; admins also add, invite, change and remove.</summary>
public partial class UsersPage
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private DialogService Dialogs { get; set; } = default!;

    private Actor? actor;
    private bool canView;
    private bool canManage;
    private int tab;
    private UserGrid? userGrid;
    private InvitationGrid? invitationGrid;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState!).User.ToActor();
        canView = actor.AtLeast(UserRole.SUPERVISOR);
        canManage = actor.AtLeast(UserRole.ADMIN);
    }

    private async Task AddUserAsync()
    {
        await Dialogs.OpenAsync<AddUserDialog>("Add user", new Dictionary<string, object?> { [nameof(AddUserDialog.Actor)] = actor },
            new DialogOptions { Width = "460px", CloseDialogOnEsc = true });
        await ReloadAsync();
    }

    private async Task InviteAsync()
    {
        await Dialogs.OpenAsync<InviteDialog>("Invite a teammate", new Dictionary<string, object?> { [nameof(InviteDialog.Actor)] = actor },
            new DialogOptions { Width = "460px", CloseDialogOnEsc = true });
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (userGrid is not null) await userGrid.ReloadAsync();
        if (invitationGrid is not null) await invitationGrid.ReloadAsync();
    }
}
