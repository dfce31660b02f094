using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.OptOuts;

/// <summary>
/// An organization's opt-out keywords and confirmation texts. No row means the defaults (<see cref="OptOutKeywords"/>).
/// Keywords are stored one per line as the organization wrote them; they match folded (<see cref="OptOutKeywords.Normalize"/>).
/// </summary>
public class OptOutSettings : ITenantOwned
{
    public const int MaxReplyLength = 1000;

    public Guid OrganizationId { get; set; }
    public bool KeywordsEnabled { get; set; } = true;
    public string StopKeywords { get; set; } = "";
    public string StartKeywords { get; set; } = "";
    /// <summary>Sent once when a customer opts out by keyword; empty sends nothing.</summary>
    public string OptOutReply { get; set; } = "";
    /// <summary>Sent when a customer opts back in by keyword; empty sends nothing.</summary>
    public string OptInReply { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
}

public sealed class OptOutSettingsConfiguration : IEntityTypeConfiguration<OptOutSettings>
{
    public void Configure(EntityTypeBuilder<OptOutSettings> b)
    {
        b.ToTable("OptOutSettings");
        b.HasKey(s => s.OrganizationId);
        b.Property(s => s.OrganizationId).ValueGeneratedNever();
        b.Property(s => s.StopKeywords).HasMaxLength(4000);
        b.Property(s => s.StartKeywords).HasMaxLength(4000);
        b.Property(s => s.OptOutReply).HasMaxLength(OptOutSettings.MaxReplyLength);
        b.Property(s => s.OptInReply).HasMaxLength(OptOutSettings.MaxReplyLength);
    }
}
