using InboxApp.Core.Common;
using MudBlazor;

namespace InboxApp.Components.Shared;

/// <summary>What a confirmation asks: the message box's title, question and buttons.</summary>
public sealed record Confirmation(string Title, string Question, string YesText, string CancelText = "Cancel");

/// <summary>
/// The settings pages' "are you sure? then do it, then say how it went": a message box, the action, and a snackbar with
/// the outcome (a refusal of the service, an <see cref="InboxException"/>, as an error).
/// </summary>
public static class ConfirmAndRunExtensions
{
    /// <summary>
    /// Asks <paramref name="confirmation"/>; when confirmed runs <paramref name="action"/>, then shows <paramref name="done"/>
    /// (if any) as a success, or "<paramref name="failure"/>: reason" (just the reason without one) as an error.
    /// Answers whether the action ran (confirmed), so the page reloads only then; the outcome is in the snackbar.
    /// </summary>
    public static async Task<bool> ConfirmAndRunAsync(this IDialogService dialogs, ISnackbar snackbar, Confirmation confirmation, Func<Task> action,
        string? done, string? failure)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync(confirmation.Title, confirmation.Question, yesText: confirmation.YesText, cancelText: confirmation.CancelText);
        if (confirmed != true) return false;
        try
        {
            await action();
            if (done is not null) snackbar.Add(done, Severity.Success);
        }
        catch (InboxException e)
        {
            snackbar.Add(failure is null ? e.Message : $"{failure}: {e.Message}", Severity.Error);
        }
        return true;
    }
}
