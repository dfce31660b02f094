using InboxApp.Core.Common;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Partners;

/// <summary>
/// A software vendor or agency that puts WhatsApp inside its own product: it holds partner API keys, manages client
/// organizations ("accounts", <see cref="Organization.PartnerId"/>) and frames the connect page from its own origins.
/// Created by a super admin.
/// </summary>
public class Partner
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>The origins (<c>https://app.example.com</c>) allowed to frame the connect page, space-separated.</summary>
    public string AllowedOrigins { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> Origins => AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A partner's key (<c>sk_partner_…</c>): only its SHA-256 hash and first characters are stored.</summary>
public class PartnerApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PartnerId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>
/// A short-lived, single-use token of the connect page: minted by a partner for one of its accounts, or by an onboarding
/// link's hosted page. Only its hash is stored; <see cref="ReservedAt"/> is set atomically by the one onboard call that wins.
/// </summary>
public class WhatsAppConnectToken : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public required string TokenHash { get; set; }
    public Guid? PartnerId { get; set; }
    public Guid? OnboardingLinkId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ReservedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public enum OnboardingLinkStatus { ACTIVE, COMPLETED, EXPIRED }

/// <summary>A hosted page an organization sends to its end user to connect a number; it redirects to <see cref="RedirectUrl"/> with the outcome.</summary>
public class OnboardingLink : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string RedirectUrl { get; set; }
    public OnboardingLinkStatus Status { get; set; } = OnboardingLinkStatus.ACTIVE;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The number the link connected.</summary>
    public Guid? PhoneNumberId { get; set; }
    public Guid? CreatedByApiKeyId { get; set; }

    public OnboardingLinkStatus StatusAt(DateTimeOffset now) =>
        Status == OnboardingLinkStatus.ACTIVE && ExpiresAt <= now ? OnboardingLinkStatus.EXPIRED : Status;
}

public sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.ToTable("Partners");
        b.Property(p => p.Name).HasMaxLength(PartnerService.MaxNameLength);
        b.Property(p => p.AllowedOrigins).HasMaxLength(2000);
        b.Ignore(p => p.Origins);
        b.HasIndex(p => p.Name);
    }
}

public sealed class PartnerApiKeyConfiguration : IEntityTypeConfiguration<PartnerApiKey>
{
    public void Configure(EntityTypeBuilder<PartnerApiKey> b)
    {
        b.ToTable("PartnerApiKeys");
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(32);
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasIndex(k => k.PartnerId);
        b.HasOne<Partner>().WithMany().HasForeignKey(k => k.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WhatsAppConnectTokenConfiguration : IEntityTypeConfiguration<WhatsAppConnectToken>
{
    public void Configure(EntityTypeBuilder<WhatsAppConnectToken> b)
    {
        b.ToTable("WhatsAppConnectTokens");
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.OrganizationId);
        b.HasIndex(t => t.ExpiresAt);
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OnboardingLinkConfiguration : IEntityTypeConfiguration<OnboardingLink>
{
    public void Configure(EntityTypeBuilder<OnboardingLink> b)
    {
        b.ToTable("OnboardingLinks");
        b.Property(l => l.Name).HasMaxLength(OnboardingLinkService.MaxNameLength);
        b.Property(l => l.RedirectUrl).HasMaxLength(OnboardingLinkService.MaxUrlLength);
        b.HasIndex(l => new { l.OrganizationId, l.CreatedAt });
        b.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
