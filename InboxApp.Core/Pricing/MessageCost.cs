using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Pricing;

/// <summary>
/// What one delivered outbound message cost: the category Meta billed (status webhook <c>pricing</c>), the recipient's market
/// and the price of the table at that time. One row per message (the key), written once by <see cref="RecordMessageCost"/>.
/// </summary>
public class MessageCost : ITenantOwned
{
    public Guid MessageId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ConversationId { get; set; }
    public PricingCategory Category { get; set; }
    /// <summary>ISO 3166 country of the recipient, when known.</summary>
    public string? Country { get; set; }
    public required string Market { get; set; }
    public long PriceMicros { get; set; }
    public string Currency { get; set; } = PriceCard.Currency;
    public DateTimeOffset BilledAt { get; set; }
}

public sealed class MessageCostConfiguration : IEntityTypeConfiguration<MessageCost>
{
    public void Configure(EntityTypeBuilder<MessageCost> b)
    {
        b.ToTable("MessageCosts");
        b.HasKey(c => c.MessageId);
        b.Property(c => c.MessageId).ValueGeneratedNever();
        b.Property(c => c.Category).HasMaxLength(20);
        b.Property(c => c.Country).HasMaxLength(2);
        b.Property(c => c.Market).HasMaxLength(8);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.HasIndex(c => new { c.OrganizationId, c.BilledAt });
    }
}
