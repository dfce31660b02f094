using InboxApp.Auth;
using InboxApp.Core.Identity;
using InboxApp.Features.Invitations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Users;

/// <summary>
/// Settings › Users: members and invitations. Supervisors read; admins also invite, change and remove. People join only by
/// invitation (ADR 0029): an admin sets no password, and the link goes only to the invited address.
/// </summary>
public partial class UsersPage
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private IDialogService Dialogs { get; set; } = default!;

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

    private async Task InviteAsync()
    {
        var dialog = await Dialogs.ShowAsync<InviteDialog>("Invite a teammate",
            new DialogParameters<InviteDialog> { { d => d.Actor, actor } }, UserDialogs.Options);
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (userGrid is not null) await userGrid.ReloadAsync();
        if (invitationGrid is not null) await invitationGrid.ReloadAsync();
    }
}

/// <summary>How the user and invitation dialogs open: a small, closable dialog.</summary>
public static class UserDialogs
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };
}
