using Microsoft.AspNetCore.Components;

namespace InboxApp.Features.Pricing;

/// <summary>
/// One market's cells of the price table (<see cref="PricingPage"/>): its name and four prices as text fields. A component of
/// its own so that a typed value renders this row only: its fields' handlers are this component's (so the page does not
/// render), and when the page renders (a save, an added market, the count of changed markets) this row renders only if
/// what it shows changed (<see cref="ShouldRender"/>). Before, each typed value rendered the whole page and with it every
/// row's five <c>MudTextField</c>s and every region's chips (docs/performance.md, "the test suite", session 17).
/// </summary>
public partial class PriceRowCells
{
    /// <summary>The row as edited (the page's; this component writes the typed values into it).</summary>
    [Parameter, EditorRequired] public PricingPage.PriceRow Row { get; set; } = default!;

    /// <summary>The page's problems by "market/field" (the row's own checks, then the server's answer).</summary>
    [Parameter, EditorRequired] public IReadOnlyDictionary<string, string> Problems { get; set; } = default!;

    /// <summary>Called after each typed value (a plain delegate: the page decides whether it renders).</summary>
    [Parameter, EditorRequired] public Action<PricingPage.PriceRow> Edited { get; set; } = default!;

    private string? Problem(string field) => Problems.GetValueOrDefault($"{Row.Market}/{field}");

    private void SetName(string value)
    {
        Row.Name = value;
        Edited(Row);
    }

    private void SetPrice(string field, string value)
    {
        Row.Set(field, value);
        Edited(Row);
    }

    protected override object Subject => Row;

    protected override string Shown()
    {
        var text = new System.Text.StringBuilder(Row.Name).Append('\u001f').Append(Problem("name"));
        foreach (var (field, _) in PricingPage.Categories) text.Append('\u001f').Append(Row.Text(field)).Append('\u001f').Append(Problem(field));
        return text.Append('\u001f').Append(Row.Currency).Append('\u001f').Append(Row.UpdatedAt?.UtcTicks).ToString();
    }
}
