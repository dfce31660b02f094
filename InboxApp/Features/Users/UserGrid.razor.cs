using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Users;
using InboxApp.Features.Invitations;
using Microsoft.AspNetCore.Components;
using Radzen;
using Radzen.Blazor;

namespace InboxApp.Features.Users;

/// <summary>The members tab: server-paged grid with search and role filter; row actions for admins.</summary>
public partial class UserGrid
{
    private const int PageSize = 20;

    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter] public bool CanManage { get; set; }

    [Inject] private UserService Users { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private RadzenDataGrid<UserDto>? grid;
    // Null until the first load: the grid asks LoadData for its first page only while Data is null.
    private IReadOnlyList<UserDto>? users;
    private int count;
    private bool loading;
    private string? search;
    private UserRole? roleFilter;

    public async Task ReloadAsync()
    {
        if (grid is not null) await grid.Reload();
    }

    private async Task LoadDataAsync(LoadDataArgs args)
    {
        loading = true;
        try
        {
            var result = await Users.ListAsync(Actor, new UserFilter(search, roleFilter), args.Skip ?? 0, args.Top ?? PageSize);
            users = result.Items;
            count = result.Total;
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not load users", e.Message);
        }
        finally
        {
            loading = false;
        }
    }

    private async Task ApplyFiltersAsync()
    {
        if (grid is null) return;
        // Back to page one (the pager exists only with several pages), then load with the new filters.
        await grid.FirstPage();
        await grid.Reload();
    }

    private async Task OnRoleFilterAsync(ChangeEventArgs e)
    {
        roleFilter = Enum.TryParse<UserRole>(e.Value?.ToString(), out var r) ? r : null;
        await ApplyFiltersAsync();
    }

    private async Task EditAsync(UserDto user)
    {
        await Dialogs.OpenAsync<EditUserDialog>($"Edit {user.Name}",
            new Dictionary<string, object?> { [nameof(EditUserDialog.Actor)] = Actor, [nameof(EditUserDialog.User)] = user },
            new DialogOptions { Width = "420px", CloseDialogOnEsc = true });
        await ReloadAsync();
    }

    private async Task ResendAsync(UserDto user)
    {
        try
        {
            var invitation = await Users.ResendInviteAsync(Actor, user.Id, Navigation.BaseUri);
            await Dialogs.OpenAsync<InviteLinkDialog>("Invitation sent",
                new Dictionary<string, object?> { [nameof(InviteLinkDialog.Email)] = invitation.Email, [nameof(InviteLinkDialog.Url)] = invitation.AcceptUrl! },
                new DialogOptions { Width = "460px", CloseDialogOnEsc = true });
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not resend the invitation", e.Message);
        }
    }

    private async Task DeleteAsync(UserDto user)
    {
        var confirmed = await Dialogs.Confirm($"Delete {user.Name} ({user.Email})? They lose access at once. You can invite the address again later.",
            "Delete user", new ConfirmOptions { OkButtonText = "Delete", CancelButtonText = "Cancel" });
        if (confirmed != true) return;
        try
        {
            await Users.DeleteAsync(Actor, user.Id);
            Notifications.Notify(NotificationSeverity.Success, "User deleted", user.Email);
            await ReloadAsync();
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not delete the user", e.Message);
        }
    }
}
