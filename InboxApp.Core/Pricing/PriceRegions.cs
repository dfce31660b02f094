namespace InboxApp.Core.Pricing;

/// <summary>
/// Meta's regional rows of the rate card: Meta prices some countries individually and every other country by its region
/// ("Rest of Western Europe", "Rest of Latin America", …; North America is the calling code 1, "Other" is
/// <see cref="PriceCard.DefaultMarket"/>). A number whose country has no row of its own is priced by its region's row, and by
/// "Other" when its country belongs to no region.
/// <para>
/// The regions' markets are fixed (the six below, each with its price row). Which countries each covers is stored
/// (<see cref="PriceRegionCountry"/>, read through <see cref="PriceRegionMembership"/>) and edited by super admins at
/// Admin › Pricing › Regions (<c>PUT /api/v1/campaigns/pricing/regions/{market}</c>): Meta moves countries between regions,
/// and the lists here are only the seed of a fresh install (so it prices exactly as before the lists were stored).
/// </para>
/// <para>
/// Source of the seed: the region definitions and the per-message rates (USD) of Meta's rate card effective 1 July 2025
/// (developers.facebook.com/docs/whatsapp/pricing, "Rate cards" and the country-to-region list under "Pricing
/// for markets"), with Zimbabwe moved from "Other" to "Rest of Africa" on 1 October 2025, as known when written. Meta
/// revises both the rates and the membership of regions: check the figures and the lists against Meta's current card before
/// relying on them; super admins correct the rates at Admin › Pricing (<c>PUT /api/v1/campaigns/pricing</c>) and the
/// country lists there too.
/// </para>
/// </summary>
public static class PriceRegions
{
    public const string Africa = "R_AFR";
    public const string AsiaPacific = "R_APAC";
    public const string CentralEasternEurope = "R_CEE";
    public const string LatinAmerica = "R_LATAM";
    public const string MiddleEast = "R_ME";
    public const string WesternEurope = "R_WEU";

    /// <summary>Region market, its name on Meta's card, and the ISO 3166 countries it covers (those without a row of their own).</summary>
    public static readonly IReadOnlyList<(string Market, string Name, string[] Countries)> All =
    [
        (Africa, "Rest of Africa",
            ["DZ", "AO", "BJ", "BW", "BF", "BI", "CM", "TD", "CG", "ER", "ET", "GA", "GM", "GH", "GW", "CI", "KE", "LS", "LR", "LY", "MG", "MW",
             "ML", "MR", "MA", "MZ", "NA", "NE", "RW", "SN", "SL", "SO", "SS", "SD", "SZ", "TZ", "TG", "TN", "UG", "ZM", "ZW"]),
        (AsiaPacific, "Rest of Asia Pacific",
            ["AF", "AU", "BD", "KH", "CN", "HK", "JP", "LA", "MN", "NP", "NZ", "PG", "PH", "SG", "LK", "TW", "TJ", "TH", "TM", "UZ", "VN"]),
        (CentralEasternEurope, "Rest of Central & Eastern Europe",
            ["AL", "AM", "AZ", "BY", "BG", "HR", "CZ", "GE", "GR", "HU", "LV", "LT", "MD", "MK", "PL", "RO", "RS", "SK", "SI", "UA"]),
        (LatinAmerica, "Rest of Latin America",
            ["AI", "AG", "AW", "BS", "BO", "CR", "DO", "EC", "SV", "GT", "HT", "HN", "JM", "NI", "PA", "PY", "PR", "UY", "VE"]),
        (MiddleEast, "Rest of Middle East", ["BH", "IQ", "JO", "KW", "LB", "OM", "QA", "YE"]),
        (WesternEurope, "Rest of Western Europe", ["AD", "AT", "BE", "DK", "FI", "IE", "NO", "PT", "SE", "CH"]),
    ];

    /// <summary>The seed of the stored membership (<see cref="PriceRegionCountry"/>): <see cref="All"/>, one row per country.</summary>
    public static PriceRegionCountry[] Seed() => All
        .SelectMany(r => r.Countries.Select(c => new PriceRegionCountry { Country = c, Market = r.Market, UpdatedAt = PriceCard.SeedDate }))
        .ToArray();

    public static bool IsRegion(string market) => All.Any(r => r.Market == market);

    /// <summary>The region's name on Meta's card ("Rest of Western Europe"), or null for a market that is not a region.</summary>
    public static string? NameOf(string market) => All.FirstOrDefault(r => r.Market == market).Name;
}
