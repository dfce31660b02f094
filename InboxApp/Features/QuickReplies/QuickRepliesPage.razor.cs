using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.QuickReplies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.QuickReplies;

public partial class QuickRepliesPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private QuickReplyService Replies { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private List<QuickReplyDto>? replies;
    private List<QuickReplyDto> selected = [];
    private string? search;

    /// <summary>Only admins manage quick replies (agents use the active ones in the composer).</summary>
    private bool CanManage => actor is { Role: UserRole.ADMIN, OrganizationId: not null };

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (CanManage) await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            replies = [.. await Replies.ListAllAsync(actor!, new QuickReplyFilter(search))];
        }
        catch (InboxException e)
        {
            Snackbar.Add("Could not search: " + e.Message, Severity.Error);
        }
        selected = (replies ?? []).Where(r => selected.Any(s => s.Id == r.Id)).ToList();
    }

    private static string Preview(string text) => text.Length <= 120 ? text : text[..120] + "…";

    private void Toggle(QuickReplyDto reply, bool on)
    {
        if (on && !selected.Contains(reply)) selected.Add(reply);
        if (!on) selected.Remove(reply);
    }

    private Task CreateAsync() => OpenAsync("New quick reply", null);

    private Task EditAsync(QuickReplyDto reply) => OpenAsync($"Edit /{reply.Shortcut}", reply);

    private async Task OpenAsync(string title, QuickReplyDto? reply)
    {
        var dialog = await Dialogs.ShowAsync<QuickReplyDialog>(title, new DialogParameters<QuickReplyDialog> { { d => d.Actor, actor! }, { d => d.Reply, reply } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task MediaAsync(QuickReplyDto reply)
    {
        var dialog = await Dialogs.ShowAsync<QuickReplyMediaDialog>($"Attachment of /{reply.Shortcut}",
            new DialogParameters<QuickReplyMediaDialog> { { d => d.Actor, actor! }, { d => d.Reply, reply } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await ReloadAsync();
    }

    private Task SetActiveAsync(QuickReplyDto reply, bool active) =>
        RunAsync(() => Replies.UpdateAsync(actor!, reply.Id, new QuickReplyChanges(IsActive: active)),
            active ? $"/{reply.Shortcut} is offered to agents again" : $"/{reply.Shortcut} is turned off");

    private async Task DeleteAsync(QuickReplyDto reply)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete quick reply", $"Delete /{reply.Shortcut}? This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true) await RunAsync(() => Replies.DeleteAsync(actor!, reply.Id), $"/{reply.Shortcut} deleted");
    }

    private async Task BulkAsync(BulkQuickReplyAction action)
    {
        if (action == BulkQuickReplyAction.Delete)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync("Delete quick replies", $"Delete {selected.Count} quick replies? This cannot be undone.",
                yesText: "Delete", cancelText: "Cancel");
            if (confirmed != true) return;
        }
        try
        {
            var result = await Replies.BulkAsync(actor!, action, new BulkSelection<QuickReplyFilter>(selected.Select(r => r.Id).ToList()));
            selected = [];
            var verb = action switch { BulkQuickReplyAction.Delete => "deleted", BulkQuickReplyAction.Activate => "activated", _ => "deactivated" };
            Snackbar.Add(result.Affected == 1 ? $"1 quick reply {verb}" : $"{result.Affected} quick replies {verb}", Severity.Success);
        }
        catch (InboxException e)
        {
            Snackbar.Add("Could not change the quick replies: " + e.Message, Severity.Error);
        }
        await ReloadAsync();
    }

    private async Task RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (InboxException e)
        {
            Snackbar.Add("Could not change the quick reply: " + e.Message, Severity.Error);
        }
        await ReloadAsync();
    }
}
