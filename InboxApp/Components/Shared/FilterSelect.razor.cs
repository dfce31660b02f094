using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace InboxApp.Components.Shared;

/// <summary>
/// A dense outlined <c>MudSelect</c> that exists only while it is used. Closed, it is plain markup that looks like the
/// closed select (Mud's classes: a read-only input with its label, the outlined border and the arrow); a click, or Enter,
/// Space or an arrow key on it, creates the real <c>MudSelect</c> in its place, focuses and opens it. Once used it stays
/// the real select (taking it away while it closes would leave Mud's focus and popover calls pointing at removed
/// elements). The options (<see cref="ChildContent"/>) are rendered only by the real select.
/// Made for pickers that every open page shows and few use (the inbox list's four filters): a closed <c>MudSelect</c>
/// is about 17 components (input control, input, adornment, icon, popover, overlay, cascading values, a shadow copy of
/// every option) that each connected agent's circuit keeps, with two render buffers each.
/// </summary>
public partial class FilterSelect<T>
{
    private MudSelect<T>? select;
    private bool active;
    private bool openAfterRender;

    /// <summary>The closed select's arrow (<c>Icons.Material.Filled.ArrowDropDown</c> as <c>MudSelect</c> renders it).</summary>
    private static readonly MarkupString ArrowIcon = new(
        "<svg class=\"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-input-adornment-icon\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\" tabindex=\"-1\">"
        + Icons.Material.Filled.ArrowDropDown + "</svg>");
    private readonly string inputId = "filter-" + Guid.NewGuid().ToString("N")[..12];

    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter] public T? Value { get; set; }
    [Parameter] public EventCallback<T> ValueChanged { get; set; }
    /// <summary>The text shown for a value, closed and open (the select's <c>ToStringFunc</c>).</summary>
    [Parameter, EditorRequired] public Func<T?, string> ToStringFunc { get; set; } = v => v?.ToString() ?? "";
    /// <summary>The <c>MudSelectItem</c>s, rendered only while the select is open.</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }
    [Parameter] public string? Class { get; set; }

    private void Activate()
    {
        if (active) return;
        active = true;
        openAfterRender = true;
    }

    private void OnKeyDown(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or " " or "ArrowDown" or "ArrowUp") Activate();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (openAfterRender && select is not null)
        {
            openAfterRender = false;
            await select.FocusAsync();
            await select.OpenMenu();
        }
    }
}
