using InboxApp.Core.Common;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// An organization's own Meta app (instead of the platform's <c>WhatsApp:AppId</c>): used for the Embedded Signup code
/// exchange and to recognise our subscription on its WABAs. The secret is sealed with Data Protection and never returned.
/// </summary>
public class MetaAppConfig : ITenantOwned
{
    /// <summary>One row per organization: the key is the organization id.</summary>
    public Guid OrganizationId { get; set; }
    public required string AppId { get; set; }
    public string? ConfigId { get; set; }
    public string? AppSecretProtected { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
}

public sealed class MetaAppConfigConfiguration : IEntityTypeConfiguration<MetaAppConfig>
{
    public void Configure(EntityTypeBuilder<MetaAppConfig> b)
    {
        b.ToTable("MetaAppConfigs");
        b.HasKey(c => c.OrganizationId);
        b.Property(c => c.AppId).HasMaxLength(64);
        b.Property(c => c.ConfigId).HasMaxLength(64);
        b.Property(c => c.AppSecretProtected).HasMaxLength(2000);
        b.HasOne<Organization>().WithOne().HasForeignKey<MetaAppConfig>(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
