using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using Microsoft.AspNetCore.Components;
using Radzen;
using Radzen.Blazor;

namespace InboxApp.Features.Invitations;

/// <summary>The invitations tab: server-paged grid with a status filter; resend and revoke for admins.</summary>
public partial class InvitationGrid
{
    private const int PageSize = 20;

    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter] public bool CanManage { get; set; }

    [Inject] private InvitationService Invitations { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private RadzenDataGrid<InvitationDto>? grid;
    // Null until the first load: the grid asks LoadData for its first page only while Data is null.
    private IReadOnlyList<InvitationDto>? invitations;
    private int count;
    private bool loading;
    private InvitationStatus? statusFilter;

    public async Task ReloadAsync()
    {
        if (grid is not null) await grid.Reload();
    }

    private static string StatusLabel(InvitationStatus status) => status switch
    {
        InvitationStatus.PENDING => "Pending",
        InvitationStatus.ACCEPTED => "Accepted",
        InvitationStatus.REVOKED => "Revoked",
        _ => "Expired",
    };

    private static BadgeStyle StatusStyle(InvitationStatus status) => status switch
    {
        InvitationStatus.PENDING => BadgeStyle.Info,
        InvitationStatus.ACCEPTED => BadgeStyle.Success,
        InvitationStatus.REVOKED => BadgeStyle.Light,
        _ => BadgeStyle.Warning,
    };

    private async Task LoadDataAsync(LoadDataArgs args)
    {
        loading = true;
        try
        {
            var result = await Invitations.ListAsync(Actor, statusFilter, args.Skip ?? 0, args.Top ?? PageSize);
            invitations = result.Items;
            count = result.Total;
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not load invitations", e.Message);
        }
        finally
        {
            loading = false;
        }
    }

    private async Task OnStatusFilterAsync(ChangeEventArgs e)
    {
        statusFilter = Enum.TryParse<InvitationStatus>(e.Value?.ToString(), out var s) ? s : null;
        if (grid is null) return;
        await grid.FirstPage();
        await grid.Reload();
    }

    private async Task ResendAsync(InvitationDto invitation)
    {
        try
        {
            var sent = await Invitations.ResendAsync(Actor, invitation.Id, Navigation.BaseUri);
            await ReloadAsync();
            await Dialogs.OpenAsync<InviteLinkDialog>("Invitation sent",
                new Dictionary<string, object?> { [nameof(InviteLinkDialog.Email)] = sent.Email, [nameof(InviteLinkDialog.Url)] = sent.AcceptUrl! },
                new DialogOptions { Width = "460px", CloseDialogOnEsc = true });
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not resend the invitation", e.Message);
        }
    }

    private async Task RevokeAsync(InvitationDto invitation)
    {
        var confirmed = await Dialogs.Confirm($"Revoke the invitation to {invitation.Email}? The link stops working.",
            "Revoke invitation", new ConfirmOptions { OkButtonText = "Revoke", CancelButtonText = "Cancel" });
        if (confirmed != true) return;
        try
        {
            await Invitations.RevokeAsync(Actor, invitation.Id);
            Notifications.Notify(NotificationSeverity.Success, "Invitation revoked", invitation.Email);
            await ReloadAsync();
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not revoke the invitation", e.Message);
        }
    }
}
