using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace InboxApp.Components.Shared;

/// <summary>
/// A Mud icon (an <c>Icons.Material…</c> path) as plain markup, the same <c>svg</c> that <c>MudIcon</c> renders with its
/// default colour and medium size, hidden from assistive technology (the control around it carries the name). For a
/// decorative icon in a place every open page renders: one shared string instead of a component per page.
/// </summary>
public static class SvgIcon
{
    private static readonly ConcurrentDictionary<string, MarkupString> Made = new(StringComparer.Ordinal);

    public static MarkupString Of(string icon) => Made.GetOrAdd(icon, static i => new MarkupString(
        "<svg class=\"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">"
        + i + "</svg>"));
}
