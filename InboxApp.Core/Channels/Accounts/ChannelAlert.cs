using InboxApp.Core.Common;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Channels.Accounts;

public enum ChannelAlertKind { QUALITY, LIMIT, ACCOUNT, TOKEN, TEMPLATE, REGISTRATION, WEBHOOK }

public enum ChannelAlertSeverity { INFO, WARNING, CRITICAL }

/// <summary>
/// Something about a WhatsApp account or number an admin should know: quality dropped, messaging limit changed, the
/// account was restricted, the token was refused, a template was paused, registration failed. Kept until acknowledged.
/// </summary>
public class ChannelAlert : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public ChannelAlertKind Kind { get; set; }
    public ChannelAlertSeverity Severity { get; set; }
    public required string Title { get; set; }
    public string? Details { get; set; }
    public Guid? AccountId { get; set; }
    public Guid? PhoneNumberId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedById { get; set; }

    public const int MaxTitleLength = 200;
    public const int MaxDetailsLength = 2000;
}

public sealed class ChannelAlertConfiguration : IEntityTypeConfiguration<ChannelAlert>
{
    public void Configure(EntityTypeBuilder<ChannelAlert> b)
    {
        b.ToTable("ChannelAlerts");
        b.Property(a => a.Title).HasMaxLength(ChannelAlert.MaxTitleLength);
        b.Property(a => a.Details).HasMaxLength(ChannelAlert.MaxDetailsLength);
        // The alerts list (newest first, optionally only unacknowledged) and the unread count.
        b.HasIndex(a => new { a.OrganizationId, a.AcknowledgedAt, a.CreatedAt });
        b.HasIndex(a => new { a.OrganizationId, a.CreatedAt });
        // Account and number ids are kept without foreign keys: alerts outlive what they were about.
        b.HasIndex(a => a.AccountId);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
