using InboxApp.Components.Shared;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace InboxApp.Features.Invitations;

/// <summary>The invitations tab: server-paged grid with a status filter; resend and revoke for admins.</summary>
public partial class InvitationGrid
{
    private const int PageSize = 20;

    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter] public bool CanManage { get; set; }

    [Inject] private InvitationService Invitations { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private ServerGrid<InvitationDto>? grid;
    private InvitationStatus? statusFilter;

    public Task ReloadAsync() => grid?.ReloadAsync(firstPage: false) ?? Task.CompletedTask;

    private static string StatusLabel(InvitationStatus status) => status switch
    {
        InvitationStatus.PENDING => "Pending",
        InvitationStatus.ACCEPTED => "Accepted",
        InvitationStatus.REVOKED => "Revoked",
        _ => "Expired",
    };

    private static Color StatusColor(InvitationStatus status) => status switch
    {
        InvitationStatus.PENDING => Color.Info,
        InvitationStatus.ACCEPTED => Color.Success,
        InvitationStatus.REVOKED => Color.Default,
        _ => Color.Warning,
    };

    private async Task<GridData<InvitationDto>> LoadAsync(int skip, int take, CancellationToken ct)
    {
        var result = await Invitations.ListAsync(Actor, statusFilter, skip, take, ct);
        return new GridData<InvitationDto> { Items = result.Items, TotalItems = result.Total };
    }

    private async Task OnStatusFilterAsync(InvitationStatus? status)
    {
        statusFilter = status;
        if (grid is not null) await grid.ReloadAsync();
    }

    private async Task ResendAsync(InvitationDto invitation)
    {
        try
        {
            var sent = await Invitations.ResendAsync(Actor, invitation.Id, Navigation.BaseUri);
            Snackbar.Add($"A new invitation was emailed to {sent.Email}. The old link no longer works.", Severity.Success);
            await ReloadAsync();
        }
        catch (InboxException e)
        {
            Snackbar.Add($"Could not resend the invitation: {e.Message}", Severity.Error);
        }
    }

    private async Task RevokeAsync(InvitationDto invitation)
    {
        if (await Dialogs.ConfirmAndRunAsync(Snackbar,
                new Confirmation("Revoke invitation", $"Revoke the invitation to {invitation.Email}? The link stops working.", "Revoke"),
                () => Invitations.RevokeAsync(Actor, invitation.Id), $"Invitation revoked: {invitation.Email}", "Could not revoke the invitation"))
            await ReloadAsync();
    }
}
