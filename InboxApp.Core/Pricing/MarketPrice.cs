using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Pricing;

/// <summary>Meta's pricing categories (status webhooks name them in lower case; see <see cref="PriceCard.CategoryOf"/>).</summary>
public enum PricingCategory { MARKETING, UTILITY, AUTHENTICATION, SERVICE }

/// <summary>
/// What Meta charges per delivered message in one market, per category, in micro-dollars (1 USD = 1,000,000). A market is
/// a country calling code (<c>49</c>, <c>1</c> for the United States and Canada) or <see cref="PriceCard.DefaultMarket"/>
/// for every number without a row of its own. Reference data shared by all organizations, editable by super admins;
/// seeded from Meta's rate card (<see cref="PriceCard"/>).
/// </summary>
public class MarketPrice
{
    public required string Market { get; set; }
    public required string Name { get; set; }
    public long MarketingMicros { get; set; }
    public long UtilityMicros { get; set; }
    public long AuthenticationMicros { get; set; }
    public long ServiceMicros { get; set; }
    public string Currency { get; set; } = PriceCard.Currency;
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }

    public long MicrosFor(PricingCategory category) => category switch
    {
        PricingCategory.MARKETING => MarketingMicros,
        PricingCategory.UTILITY => UtilityMicros,
        PricingCategory.AUTHENTICATION => AuthenticationMicros,
        _ => ServiceMicros,
    };
}

public sealed class MarketPriceConfiguration : IEntityTypeConfiguration<MarketPrice>
{
    public void Configure(EntityTypeBuilder<MarketPrice> b)
    {
        b.ToTable("MarketPrices");
        b.HasKey(p => p.Market);
        b.Property(p => p.Market).HasMaxLength(8);
        b.Property(p => p.Name).HasMaxLength(PriceCard.MaxNameLength);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.HasData(PriceCard.Seed());
    }
}
