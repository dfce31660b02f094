using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Pricing;

/// <summary>
/// One country's membership of one of Meta's price regions (<see cref="PriceRegions"/>): a number of this country without a
/// price row of its own is priced by the region's row. Reference data shared by all organizations, edited by super admins
/// (<c>PUT /api/v1/campaigns/pricing/regions/{market}</c>); seeded from <see cref="PriceRegions.All"/>. The country is the
/// key: a country belongs to one region at most.
/// </summary>
public class PriceRegionCountry
{
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; set; }
    /// <summary>The region's market (<see cref="PriceRegions.WesternEurope"/>, …).</summary>
    public required string Market { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
}

public sealed class PriceRegionCountryConfiguration : IEntityTypeConfiguration<PriceRegionCountry>
{
    public void Configure(EntityTypeBuilder<PriceRegionCountry> b)
    {
        b.ToTable("PriceRegionCountries");
        b.HasKey(c => c.Country);
        b.Property(c => c.Country).HasMaxLength(2);
        b.Property(c => c.Market).HasMaxLength(8);
        b.HasIndex(c => c.Market);
        b.HasData(PriceRegions.Seed());
    }
}
