namespace InboxApp.Core.Pricing;

/// <summary>One market's prices per delivered message (USD).</summary>
public sealed record MarketPriceDto(string Market, string Name, decimal Marketing, decimal Utility, decimal Authentication, decimal Service,
    string Currency, DateTimeOffset UpdatedAt);

/// <summary>A market's new prices, as a super admin sends them.</summary>
public sealed record MarketPriceInput(string? Market, string? Name, decimal? Marketing, decimal? Utility, decimal? Authentication, decimal? Service);

/// <summary>Recipients of one country (or market) in an estimate.</summary>
public sealed record EstimateLine(string? Country, string Market, string MarketName, int Recipients, decimal UnitPrice, decimal Cost);

/// <summary>
/// What sending one template to the recipients would cost: distinct numbers priced by their market, numbers on the
/// suppression list left out (<see cref="OptedOut"/>), marketing to United States numbers left out (<see cref="Blocked"/>:
/// Meta has not delivered marketing templates to +1 US numbers since April 2025), numbers that are not phone numbers listed
/// in <see cref="Invalid"/>.
/// </summary>
public sealed record CostEstimate(PricingCategory Category, string Currency, int Recipients, int Priced, int OptedOut, int Blocked, int Duplicates,
    decimal Total, IReadOnlyList<EstimateLine> ByCountry, IReadOnlyList<string> Invalid);

public sealed record CostByCategory(PricingCategory Category, int Messages, decimal Cost);

public sealed record CostByCountry(string? Country, string Market, int Messages, decimal Cost);

/// <summary>What delivered messages cost, by category and by country.</summary>
public sealed record CostSummary(string Currency, int Messages, decimal Total, IReadOnlyList<CostByCategory> ByCategory, IReadOnlyList<CostByCountry> ByCountry);

/// <summary>An organization's recorded costs of a period (<see cref="From"/> inclusive, <see cref="To"/> exclusive).</summary>
public sealed record MetaCostReport(DateTimeOffset From, DateTimeOffset To, string Currency, int Messages, decimal Total,
    IReadOnlyList<CostByCategory> ByCategory, IReadOnlyList<CostByCountry> ByCountry);

/// <summary>A country of a price region: its ISO 3166-1 alpha-2 code and English name.</summary>
public sealed record RegionCountryDto(string Code, string Name);

/// <summary>One of Meta's price regions: its market (the price row's), its name, and the countries it prices (by name).</summary>
public sealed record PriceRegionDto(string Market, string Name, IReadOnlyList<RegionCountryDto> Countries);
