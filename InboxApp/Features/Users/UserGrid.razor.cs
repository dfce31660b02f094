using InboxApp.Components.Shared;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace InboxApp.Features.Users;

/// <summary>The members tab: server-paged grid with search and role filter; row actions for admins.</summary>
public partial class UserGrid
{
    private const int PageSize = 20;

    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter] public bool CanManage { get; set; }

    [Inject] private UserService Users { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private ServerGrid<UserDto>? grid;
    private string? search;
    private UserRole? roleFilter;

    public Task ReloadAsync() => grid?.ReloadAsync(firstPage: false) ?? Task.CompletedTask;

    private async Task<GridData<UserDto>> LoadAsync(int skip, int take, CancellationToken ct)
    {
        var result = await Users.ListAsync(Actor, new UserFilter(search, roleFilter), skip, take, ct);
        return new GridData<UserDto> { Items = result.Items, TotalItems = result.Total };
    }

    private void ResetFilters()
    {
        search = null;
        roleFilter = null;
    }

    private async Task OnRoleFilterAsync(UserRole? role)
    {
        roleFilter = role;
        if (grid is not null) await grid.ReloadAsync();
    }

    private async Task EditAsync(UserDto user)
    {
        var dialog = await Dialogs.ShowAsync<EditUserDialog>($"Edit {user.Name}",
            new DialogParameters<EditUserDialog> { { d => d.Actor, Actor }, { d => d.User, user } }, UserDialogs.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false }) await ReloadAsync();
    }

    private async Task ResendAsync(UserDto user)
    {
        try
        {
            var invitation = await Users.ResendInviteAsync(Actor, user.Id, Navigation.BaseUri);
            Snackbar.Add($"A new invitation was emailed to {invitation.Email}. The old link no longer works.", Severity.Success);
        }
        catch (InboxException e)
        {
            Snackbar.Add($"Could not resend the invitation: {e.Message}", Severity.Error);
        }
    }

    private async Task DeleteAsync(UserDto user)
    {
        if (await Dialogs.ConfirmAndRunAsync(Snackbar,
                new Confirmation("Delete user", $"Delete {user.Name} ({user.Email})? They lose access at once. You can invite the address again later.", "Delete"),
                () => Users.DeleteAsync(Actor, user.Id), $"User deleted: {user.Email}", "Could not delete the user"))
            await ReloadAsync();
    }
}
