using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.QuickReplies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace InboxApp.Features.QuickReplies;

public partial class QuickRepliesPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private QuickReplyService Replies { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;

    private Actor? actor;
    private List<QuickReplyDto> replies = [];
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
            Notifications.Notify(NotificationSeverity.Error, "Could not search", e.Message);
        }
        selected = replies.Where(r => selected.Any(s => s.Id == r.Id)).ToList();
    }

    private static Dictionary<string, object> Label(string label) => new() { ["aria-label"] = label };

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
        await Dialogs.OpenAsync<QuickReplyDialog>(title, new Dictionary<string, object?> { [nameof(QuickReplyDialog.Actor)] = actor, [nameof(QuickReplyDialog.Reply)] = reply },
            new DialogOptions { Width = "560px", CloseDialogOnEsc = true });
        await ReloadAsync();
    }

    private async Task MediaAsync(QuickReplyDto reply)
    {
        await Dialogs.OpenAsync<QuickReplyMediaDialog>($"Attachment of /{reply.Shortcut}",
            new Dictionary<string, object?> { [nameof(QuickReplyMediaDialog.Actor)] = actor, [nameof(QuickReplyMediaDialog.Reply)] = reply },
            new DialogOptions { Width = "520px", CloseDialogOnEsc = true });
        await ReloadAsync();
    }

    private Task SetActiveAsync(QuickReplyDto reply, bool active) =>
        RunAsync(() => Replies.UpdateAsync(actor!, reply.Id, new QuickReplyChanges(IsActive: active)),
            active ? $"/{reply.Shortcut} is offered to agents again" : $"/{reply.Shortcut} is turned off");

    private async Task DeleteAsync(QuickReplyDto reply)
    {
        var confirmed = await Dialogs.Confirm($"Delete /{reply.Shortcut}? This cannot be undone.", "Delete quick reply",
            new ConfirmOptions { OkButtonText = "Delete", CancelButtonText = "Cancel" });
        if (confirmed == true) await RunAsync(() => Replies.DeleteAsync(actor!, reply.Id), $"/{reply.Shortcut} deleted");
    }

    private async Task BulkAsync(BulkQuickReplyAction action)
    {
        if (action == BulkQuickReplyAction.Delete)
        {
            var confirmed = await Dialogs.Confirm($"Delete {selected.Count} quick replies? This cannot be undone.", "Delete quick replies",
                new ConfirmOptions { OkButtonText = "Delete", CancelButtonText = "Cancel" });
            if (confirmed != true) return;
        }
        try
        {
            var result = await Replies.BulkAsync(actor!, action, new BulkSelection<QuickReplyFilter>(selected.Select(r => r.Id).ToList()));
            selected = [];
            var verb = action switch { BulkQuickReplyAction.Delete => "deleted", BulkQuickReplyAction.Activate => "activated", _ => "deactivated" };
            Notifications.Notify(NotificationSeverity.Success, result.Affected == 1 ? $"1 quick reply {verb}" : $"{result.Affected} quick replies {verb}");
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not change the quick replies", e.Message);
        }
        await ReloadAsync();
    }

    private async Task RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Notifications.Notify(NotificationSeverity.Success, done);
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not change the quick reply", e.Message);
        }
        await ReloadAsync();
    }
}
