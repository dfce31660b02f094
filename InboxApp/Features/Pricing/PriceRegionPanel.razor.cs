using Microsoft.AspNetCore.Components;

namespace InboxApp.Features.Pricing;

/// <summary>
/// One of Meta's regions on <see cref="PricingPage"/>: its countries as chips, a picker to add one, and its Save button.
/// A component of its own so that removing or adding a country renders this region only (the handlers are this component's),
/// and a render of the page (a typed price that changes the count of changed markets, a save) renders it only if what it
/// shows changed (<see cref="ShouldRender"/>): its countries, its error, the page being busy, a country's own row.
/// </summary>
public partial class PriceRegionPanel
{
    /// <summary>The region as edited (the page's; this component adds and removes its countries).</summary>
    [Parameter, EditorRequired] public PricingPage.RegionEdit Region { get; set; } = default!;

    /// <summary>While the page saves: every region's buttons and pickers are disabled.</summary>
    [Parameter] public bool Busy { get; set; }

    /// <summary>The saved price row that prices a country's numbers itself (its calling code's), if there is one.</summary>
    [Parameter, EditorRequired] public Func<string, string?> OwnRow { get; set; } = default!;

    /// <summary>The countries the picker offers for a typed text (in no region as edited, without a row of their own).</summary>
    [Parameter, EditorRequired] public Func<string?, Task<IEnumerable<string>>> Search { get; set; } = default!;

    /// <summary>Saves the region (the page's: it disables every region meanwhile and replaces the region with the saved one).</summary>
    [Parameter] public EventCallback<PricingPage.RegionEdit> Save { get; set; }

    private void AddCountry(string? code)
    {
        if (code is null) return;
        Region.Error = null;
        if (!Region.Countries.Contains(code)) Region.Countries.Add(code);
        Region.PickerKey++; // a fresh, empty picker
    }

    private void RemoveCountry(string code)
    {
        Region.Error = null;
        Region.Countries.Remove(code);
    }

    protected override object Subject => Region;

    protected override string Shown()
    {
        var text = new System.Text.StringBuilder().Append(Busy).Append('\u001f').Append(Region.PickerKey).Append('\u001f').Append(Region.Error);
        foreach (var code in Region.Countries) text.Append('\u001f').Append(code).Append('=').Append(OwnRow(code));
        return text.ToString();
    }
}
