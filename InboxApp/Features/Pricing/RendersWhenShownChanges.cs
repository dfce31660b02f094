using Microsoft.AspNetCore.Components;

namespace InboxApp.Features.Pricing;

/// <summary>
/// A part of <see cref="PricingPage"/> that renders again only when what it shows changed: a parent's render re-renders
/// every child whose parameters include delegates or other reference types, and the page has hundreds of fields
/// (docs/conventions.md, pages of many inputs). Its own handlers still render it (their changes change what it shows).
/// </summary>
public abstract class RendersWhenShownChanges : ComponentBase
{
    private object? renderedFor;
    private string? rendered;

    /// <summary>The item shown (another item always renders).</summary>
    protected abstract object Subject { get; }

    /// <summary>Everything the component shows, as one text to compare.</summary>
    protected abstract string Shown();

    protected override void OnInitialized() => (renderedFor, rendered) = (Subject, Shown());

    protected override bool ShouldRender()
    {
        var shown = Shown();
        if (ReferenceEquals(renderedFor, Subject) && shown == rendered) return false;
        (renderedFor, rendered) = (Subject, shown);
        return true;
    }
}
