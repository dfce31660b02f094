using InboxApp.Core.Contacts;
using PhoneNumbers;

namespace InboxApp.Core.Pricing;

/// <summary>
/// Meta's per-message rate card and how a number finds its row. The seed is Meta's published WhatsApp Business Platform rate
/// card for per-message pricing effective 1 July 2025 (USD, "Pricing updates on the WhatsApp Business Platform",
/// developers.facebook.com/docs/whatsapp/pricing), as known on that date: reference data, not a quote. Meta revises it
/// (usually each quarter); super admins correct rows with <c>PUT /api/v1/campaigns/pricing</c>. Service messages are free.
/// Markets are calling codes, Meta's regional rows (<see cref="PriceRegions"/>: "Rest of Western Europe", …, each priced for
/// the countries of the region without a row of their own; which countries a region covers is stored and edited by super
/// admins, <see cref="PriceRegionCountry"/>) and the default row ("Other"). The regional rates and lists, like the
/// others, must be checked against Meta's current card.
/// </summary>
public static class PriceCard
{
    public const string Currency = "USD";
    public const string DefaultMarket = "DEFAULT";
    public const int MaxNameLength = 64;
    public const decimal MaxPrice = 10m;

    /// <summary>When the seeded values were published as effective.</summary>
    public static readonly DateTimeOffset SeedDate = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);

    // Market, name, marketing, utility, authentication (USD per delivered message).
    private static readonly (string Market, string Name, decimal Marketing, decimal Utility, decimal Authentication)[] Rates =
    [
        ("1", "North America", 0.0250m, 0.0034m, 0.0135m),
        ("7", "Russia", 0.0802m, 0.0400m, 0.0400m),
        ("20", "Egypt", 0.0644m, 0.0036m, 0.0036m),
        ("27", "South Africa", 0.0379m, 0.0076m, 0.0076m),
        ("31", "Netherlands", 0.1597m, 0.0500m, 0.0500m),
        ("33", "France", 0.0859m, 0.0300m, 0.0300m),
        ("34", "Spain", 0.0615m, 0.0200m, 0.0200m),
        ("39", "Italy", 0.0691m, 0.0300m, 0.0300m),
        ("44", "United Kingdom", 0.0529m, 0.0220m, 0.0220m),
        ("49", "Germany", 0.1365m, 0.0550m, 0.0550m),
        ("51", "Peru", 0.0703m, 0.0200m, 0.0200m),
        ("52", "Mexico", 0.0305m, 0.0085m, 0.0085m),
        ("54", "Argentina", 0.0618m, 0.0260m, 0.0260m),
        ("55", "Brazil", 0.0625m, 0.0068m, 0.0068m),
        ("56", "Chile", 0.0889m, 0.0200m, 0.0200m),
        ("57", "Colombia", 0.0125m, 0.0008m, 0.0008m),
        ("60", "Malaysia", 0.0860m, 0.0140m, 0.0140m),
        ("62", "Indonesia", 0.0411m, 0.0250m, 0.0250m),
        ("90", "Turkey", 0.0109m, 0.0053m, 0.0053m),
        ("91", "India", 0.0107m, 0.0014m, 0.0014m),
        ("92", "Pakistan", 0.0473m, 0.0054m, 0.0054m),
        ("234", "Nigeria", 0.0516m, 0.0067m, 0.0067m),
        ("966", "Saudi Arabia", 0.0455m, 0.0115m, 0.0107m),
        ("971", "United Arab Emirates", 0.0384m, 0.0157m, 0.0157m),
        ("972", "Israel", 0.0353m, 0.0053m, 0.0053m),
        (PriceRegions.Africa, "Rest of Africa", 0.0225m, 0.0040m, 0.0040m),
        (PriceRegions.AsiaPacific, "Rest of Asia Pacific", 0.0732m, 0.0113m, 0.0113m),
        (PriceRegions.CentralEasternEurope, "Rest of Central & Eastern Europe", 0.0860m, 0.0212m, 0.0212m),
        (PriceRegions.LatinAmerica, "Rest of Latin America", 0.0740m, 0.0113m, 0.0113m),
        (PriceRegions.MiddleEast, "Rest of Middle East", 0.0341m, 0.0091m, 0.0091m),
        (PriceRegions.WesternEurope, "Rest of Western Europe", 0.0592m, 0.0171m, 0.0171m),
        (DefaultMarket, "Other", 0.0604m, 0.0077m, 0.0077m),
    ];

    /// <summary>Calling codes shared by several countries: only these regions use the code's row, the others the default.</summary>
    private static readonly Dictionary<int, string[]> SharedCodes = new()
    {
        [1] = ["US", "CA"],
        [7] = ["RU"],
    };

    public static MarketPrice[] Seed() => Rates.Select(r => new MarketPrice
    {
        Market = r.Market, Name = r.Name, MarketingMicros = ToMicros(r.Marketing), UtilityMicros = ToMicros(r.Utility),
        AuthenticationMicros = ToMicros(r.Authentication), ServiceMicros = 0, Currency = Currency, UpdatedAt = SeedDate,
    }).ToArray();

    public static long ToMicros(decimal usd) => (long)decimal.Round(usd * 1_000_000m, 0, MidpointRounding.AwayFromZero);

    public static decimal ToUsd(long micros) => micros / 1_000_000m;

    /// <summary>The market of a number (its calling code, or the default for codes several countries share), and its country.</summary>
    public static (string Market, string? Country)? MarketOf(string? phone)
    {
        if (PhoneKeys.Parse(phone) is not { } number) return null;
        var region = PhoneNumberUtil.GetInstance().GetRegionCodeForNumber(number);
        var country = region is null or "ZZ" ? null : region;
        var code = number.CountryCode;
        // A number of a shared code whose region is unknown (not a valid number of any of them) counts as the code's main market.
        if (SharedCodes.TryGetValue(code, out var regions) && country is not null && !regions.Contains(country)) return (DefaultMarket, country);
        return (code.ToString(System.Globalization.CultureInfo.InvariantCulture), country);
    }

    /// <summary>
    /// The row pricing a number: its market's own row (its calling code), else the row of its country's region
    /// (<paramref name="regions"/>: country → region market, <see cref="PriceRegionMembership"/>), else the default row ("Other").
    /// </summary>
    public static MarketPrice RowFor(IReadOnlyDictionary<string, MarketPrice> table, IReadOnlyDictionary<string, string> regions, string market, string? country)
    {
        if (market != DefaultMarket && table.TryGetValue(market, out var row)) return row;
        if (country is not null && regions.TryGetValue(country, out var region) && table.TryGetValue(region, out var regional)) return regional;
        return table.TryGetValue(DefaultMarket, out var fallback) ? fallback : new MarketPrice { Market = DefaultMarket, Name = "Other" };
    }

    /// <summary>
    /// The market whose row prices the numbers of a country when the table has that row: its calling code (<c>49</c> for DE,
    /// <c>44</c> for GB and JE), except for the codes several countries share, whose row prices only the listed ones
    /// (<c>1</c>: US and CA; <c>7</c>: RU). Null for a country without a calling code of its own row.
    /// </summary>
    public static string? OwnMarketOf(string country)
    {
        var code = PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(country);
        if (code == 0 || SharedCodes.TryGetValue(code, out var regions) && !regions.Contains(country)) return null;
        return code.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The countries a recipient's number can have (ISO 3166-1 alpha-2 codes, as libphonenumber names the regions of phone
    /// numbers, so also XK Kosovo, AC Ascension and TA Tristan da Cunha), with their English names, by name.
    /// </summary>
    public static IReadOnlyList<(string Code, string Name)> Countries => CountryList.Value;

    private static readonly Lazy<IReadOnlyList<(string Code, string Name)>> CountryList = new(() => PhoneNumberUtil.GetInstance().GetSupportedRegions()
        .Where(c => c.Length == 2).Select(c => (Code: c, Name: CountryName(c))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList());

    private static readonly Lazy<HashSet<string>> CountryCodes = new(() => Countries.Select(c => c.Code).ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether <paramref name="code"/> is a country code of <see cref="Countries"/> (upper case).</summary>
    public static bool IsCountry(string code) => CountryCodes.Value.Contains(code);

    /// <summary>A country's English name ("Germany"), or its code when .NET does not know it.</summary>
    public static string CountryName(string code)
    {
        try
        {
            return new System.Globalization.RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    /// <summary>
    /// Meta's <c>pricing.category</c> (lower case in webhooks): marketing (and marketing_lite), utility, authentication (and
    /// authentication_international), service; null for what is not priced per message (referral_conversion and unknown names).
    /// </summary>
    public static PricingCategory? CategoryOf(string? metaCategory) => metaCategory?.Trim().ToLowerInvariant() switch
    {
        "marketing" or "marketing_lite" => PricingCategory.MARKETING,
        "utility" => PricingCategory.UTILITY,
        "authentication" or "authentication_international" => PricingCategory.AUTHENTICATION,
        "service" => PricingCategory.SERVICE,
        _ => null,
    };
}
