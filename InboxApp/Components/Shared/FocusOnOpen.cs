using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace InboxApp.Components.Shared;

/// <summary>
/// Puts the caret in a dialog's first field when the dialog opens, unless a field already has it. Mud's <c>AutoFocus</c>
/// focuses unconditionally, and on the server the call reaches the browser a round trip after the dialog is shown: a user
/// (or a browser test) who has already clicked into another field and typed had the rest of the text land in the first
/// field. Renders nothing; place it inside the dialog, and give the dialog <c>DefaultFocus="DefaultFocus.None"</c> (its focus
/// trap would otherwise focus the dialog itself, possibly after this).
/// </summary>
public sealed class FocusOnOpen : ComponentBase
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The <c>id</c> of the input to focus (a Mud field's <c>InputId</c>).</summary>
    [Parameter, EditorRequired] public string InputId { get; set; } = "";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        try
        {
            await JS.InvokeVoidAsync("inboxApp.focusOnOpen", InputId);
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away as the dialog opened: nothing to focus.
        }
        catch (TaskCanceledException)
        {
            // Likewise.
        }
    }
}
