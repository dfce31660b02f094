using System.Globalization;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Pricing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Pricing;

/// <summary>
/// Admin console › Pricing (super admins): Meta's price table by market and category, edited in place and saved through
/// <see cref="PricingService.UpdatePricesAsync"/> (<c>PUT /campaigns/pricing</c>); only the changed rows are sent. Below, the
/// countries of each of Meta's regions, as chips: removed, added from the countries in no region, and saved per region through
/// <see cref="PricingService.UpdateRegionAsync"/> (<c>PUT /campaigns/pricing/regions/{market}</c>).
/// </summary>
public partial class PricingPage
{
    internal static readonly (string Field, string Label)[] Categories =
        [("marketing", "Marketing"), ("utility", "Utility"), ("authentication", "Authentication"), ("service", "Service")];

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private PricingService Pricing { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private List<PriceRow>? rows;
    private List<RegionEdit>? regions;
    private string? newMarket;
    private string? error;
    private bool busy;
    // Problems by "market/field" (the row's own checks, then the server's answer).
    private Dictionary<string, string> problems = new(StringComparer.Ordinal);

    // The count of changed markets as last rendered (set while rendering).
    private int changedShown;

    private List<PriceRow> Changed => rows?.Where(r => r.IsChanged).ToList() ?? [];

    // Counted without a list: asked after every typed value.
    private int ChangedCount => rows?.Count(r => r.IsChanged) ?? 0;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (!actor.IsSuperAdmin) return;
        Show(await Pricing.ListPricesAsync(actor));
        regions = (await Pricing.ListRegionsAsync(actor)).Select(RegionEdit.From).ToList();
    }

    /// <summary>Countries in no region (as edited) and not priced by a row of their own, matching the typed name or code.</summary>
    private Task<IEnumerable<string>> SearchCountries(string? text)
    {
        var taken = regions?.SelectMany(r => r.Countries).ToHashSet(StringComparer.Ordinal) ?? [];
        var term = text?.Trim() ?? "";
        IEnumerable<string> found = PriceCard.Countries
            .Where(c => !taken.Contains(c.Code) && OwnRow(c.Code) is null)
            .Where(c => term.Length == 0 || c.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || c.Code.Equals(term, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Code);
        return Task.FromResult(found);
    }

    /// <summary>The saved price row that prices <paramref name="code"/>'s numbers itself (its calling code's), if there is one.</summary>
    private string? OwnRow(string code) =>
        PriceCard.OwnMarketOf(code) is { } market && rows?.Any(r => r.Market == market && r.UpdatedAt is not null) == true ? market : null;

    private async Task SaveRegionAsync(RegionEdit region)
    {
        region.Error = null;
        busy = true;
        try
        {
            var saved = await Pricing.UpdateRegionAsync(actor!, region.Market, region.Countries.ToList());
            regions![regions.IndexOf(region)] = RegionEdit.From(saved);
            Snackbar.Add($"{saved.Name} saved ({saved.Countries.Count} countr{(saved.Countries.Count == 1 ? "y" : "ies")})", Severity.Success);
        }
        catch (InboxException e)
        {
            region.Error = e.Details is { Count: > 0 } details ? string.Join(" ", details.Values.SelectMany(v => v).Distinct()) : e.Message;
            Snackbar.Add($"{region.Name} was not saved: {e.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private void Show(IReadOnlyList<MarketPriceDto> prices) => rows = prices.Select(PriceRow.From).ToList();

    /// <summary>
    /// A typed value in a row (<see cref="PriceRowCells"/>, which renders itself): the page renders only when the count of
    /// changed markets it shows (and with it the Save button) is no longer right.
    /// </summary>
    private void RowEdited(PriceRow row)
    {
        if (ChangedCount != changedShown) StateHasChanged();
    }

    private void AddMarket()
    {
        error = null;
        var market = newMarket?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(market)) return;
        if (rows!.Any(r => r.Market == market))
        {
            error = $"The market {market} is already in the table.";
            return;
        }
        rows!.Add(PriceRow.New(market));
        newMarket = null;
    }

    private async Task SaveAsync()
    {
        error = null;
        var changed = Changed;
        problems = Validate(changed);
        if (problems.Count > 0)
        {
            error = "Correct the marked prices: each is a number of at most 6 decimals from 0 to " + PriceCard.MaxPrice.ToString(CultureInfo.InvariantCulture) + ".";
            return;
        }
        busy = true;
        try
        {
            Show(await Pricing.UpdatePricesAsync(actor!, changed.Select(r => r.ToInput()).ToList()));
            Snackbar.Add($"Prices saved ({changed.Count} market{(changed.Count == 1 ? "" : "s")})", Severity.Success);
        }
        catch (InboxException e)
        {
            // The service names fields as markets[i].field: put each on its row.
            foreach (var (key, messages) in e.Details ?? new Dictionary<string, string[]>())
            {
                var open = key.IndexOf('[', StringComparison.Ordinal);
                var close = key.IndexOf("].", StringComparison.Ordinal);
                if (open < 0 || close < 0 || !int.TryParse(key[(open + 1)..close], out var i) || i >= changed.Count) continue;
                problems[$"{changed[i].Market}/{key[(close + 2)..]}"] = string.Join(" ", messages);
            }
            error = e.Details is { Count: > 0 } details ? string.Join(" ", details.Values.SelectMany(v => v).Distinct()) : e.Message;
            Snackbar.Add("The prices were not saved: " + e.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Every price of a changed row is a non-negative number of at most 6 decimals up to the maximum; the currency is the table's.</summary>
    internal static Dictionary<string, string> Validate(IEnumerable<PriceRow> changed)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in changed)
        {
            if (string.IsNullOrWhiteSpace(row.Name)) found[$"{row.Market}/name"] = "Give the market a name";
            if (row.Currency != PriceCard.Currency) found[$"{row.Market}/currency"] = $"Prices are in {PriceCard.Currency}";
            foreach (var (field, _) in Categories)
            {
                var text = row.Text(field)?.Trim();
                if (text is { Length: > 0 } && text[0] == '-') found[$"{row.Market}/{field}"] = "A price cannot be negative";
                else if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
                    found[$"{row.Market}/{field}"] = "A price such as 0.0625 (USD, a dot before the decimals)";
                else if (price > PriceCard.MaxPrice) found[$"{row.Market}/{field}"] = $"At most {PriceCard.MaxPrice} USD";
                else if (decimal.Round(price, 6) != price) found[$"{row.Market}/{field}"] = "At most 6 decimals";
            }
        }
        return found;
    }

    /// <summary>One market's row as edited: the prices as typed (text, so a wrong entry can be shown and explained).</summary>
    public sealed class PriceRow
    {
        private readonly Dictionary<string, string?> prices = new(StringComparer.Ordinal);
        private Dictionary<string, string?> saved = new(StringComparer.Ordinal);
        private string savedName = "";

        public required string Market { get; init; }
        public string Name { get; set; } = "";
        public string Currency { get; init; } = PriceCard.Currency;
        public DateTimeOffset? UpdatedAt { get; init; }

        public bool IsChanged => UpdatedAt is null || Name != savedName || prices.Any(p => p.Value != saved.GetValueOrDefault(p.Key));

        public string? Text(string field) => prices.GetValueOrDefault(field);

        public void Set(string field, string? value) => prices[field] = value;

        public static PriceRow From(MarketPriceDto p)
        {
            var row = new PriceRow { Market = p.Market, Name = p.Name, Currency = p.Currency, UpdatedAt = p.UpdatedAt };
            row.Set("marketing", Format(p.Marketing));
            row.Set("utility", Format(p.Utility));
            row.Set("authentication", Format(p.Authentication));
            row.Set("service", Format(p.Service));
            row.saved = new Dictionary<string, string?>(row.prices, StringComparer.Ordinal);
            row.savedName = p.Name;
            return row;
        }

        public static PriceRow New(string market)
        {
            var row = new PriceRow { Market = market };
            foreach (var (field, _) in Categories) row.Set(field, field == "service" ? "0" : "");
            return row;
        }

        public MarketPriceInput ToInput() => new(Market, Name.Trim(), Parse("marketing"), Parse("utility"), Parse("authentication"), Parse("service"));

        private decimal? Parse(string field) =>
            decimal.TryParse(Text(field)?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

        private static string Format(decimal d) => d.ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>One region as edited: its countries' codes (in the order shown) and those last saved.</summary>
    public sealed class RegionEdit
    {
        private HashSet<string> saved = new(StringComparer.Ordinal);

        public required string Market { get; init; }
        public required string Name { get; init; }
        public List<string> Countries { get; private init; } = [];
        public string? Error { get; set; }
        /// <summary>Changed after each pick, so the picker starts empty again.</summary>
        public int PickerKey { get; set; }

        public bool IsChanged => !saved.SetEquals(Countries);

        public static RegionEdit From(PriceRegionDto region) => new()
        {
            Market = region.Market, Name = region.Name, Countries = region.Countries.Select(c => c.Code).ToList(),
            saved = region.Countries.Select(c => c.Code).ToHashSet(StringComparer.Ordinal),
        };
    }
}
