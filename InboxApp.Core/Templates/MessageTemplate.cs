using InboxApp.Core.Messaging;
using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Templates;

public enum TemplateCategory { MARKETING, UTILITY, AUTHENTICATION }

/// <summary>
/// Meta's template statuses, plus DRAFT (saved here, never submitted) and REMOVED (deleted here or in Meta; the row stays
/// so that what referenced it, such as a campaign or a sent message, keeps its meaning).
/// </summary>
public enum TemplateStatus { DRAFT, PENDING, APPROVED, REJECTED, PAUSED, DISABLED, IN_APPEAL, REMOVED }

/// <summary>POSITIONAL (<c>{{1}}</c>) or NAMED (<c>{{first_name}}</c>) variables, as Meta's <c>parameter_format</c>.</summary>
public enum TemplateParameterFormat { POSITIONAL, NAMED }

/// <summary>
/// A WhatsApp message template of one WhatsApp Business account (WABA), in one language. The components are kept in
/// Meta's own JSON shape (<c>HEADER</c>, <c>BODY</c>, <c>FOOTER</c>, <c>BUTTONS</c>); campaigns and messages refer to a
/// template by <see cref="Id"/>.
/// </summary>
public class MessageTemplate : ITenantOwned
{
    public const int MaxNameLength = 512;
    public const int MaxComponentsLength = 64 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>The WABA the template belongs to (Meta keeps templates per WABA; every number of it can send them).</summary>
    public Guid AccountId { get; set; }
    public WhatsAppAccount? Account { get; set; }
    public required string Name { get; set; }
    /// <summary>Meta's language code (<c>en_US</c>, <c>es</c>, <c>pt_BR</c>).</summary>
    public required string Language { get; set; }
    public TemplateCategory Category { get; set; }
    public TemplateParameterFormat ParameterFormat { get; set; }
    /// <summary>The components as Meta's JSON array.</summary>
    public string ComponentsJson { get; set; } = "[]";
    public TemplateStatus Status { get; set; } = TemplateStatus.DRAFT;
    /// <summary>Meta's reason when REJECTED (for example <c>INVALID_FORMAT</c>, <c>PROMOTIONAL</c>) or PAUSED.</summary>
    public string? Reason { get; set; }
    /// <summary>GREEN, YELLOW, RED or UNKNOWN as Meta rates the template.</summary>
    public string QualityScore { get; set; } = "UNKNOWN";
    /// <summary>Meta's template id once submitted.</summary>
    public string? MetaTemplateId { get; set; }
    /// <summary>The header's example file kept here (for the preview and to send when no other media is given).</summary>
    public string? HeaderMediaPath { get; set; }
    public string? HeaderMediaMimeType { get; set; }
    public string? HeaderMediaFileName { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? LastSyncedAt { get; set; }
}

public sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.ToTable("MessageTemplates");
        b.Property(t => t.Name).HasMaxLength(MessageTemplate.MaxNameLength);
        b.Property(t => t.Language).HasMaxLength(16);
        b.Property(t => t.Category).HasMaxLength(20);
        b.Property(t => t.ParameterFormat).HasMaxLength(20);
        b.Property(t => t.Status).HasMaxLength(20);
        b.Property(t => t.ComponentsJson).HasMaxLength(MessageTemplate.MaxComponentsLength);
        b.Property(t => t.Reason).HasMaxLength(500);
        b.Property(t => t.QualityScore).HasMaxLength(20);
        b.Property(t => t.MetaTemplateId).HasMaxLength(64);
        b.Property(t => t.HeaderMediaPath).HasMaxLength(500);
        b.Property(t => t.HeaderMediaMimeType).HasMaxLength(128);
        b.Property(t => t.HeaderMediaFileName).HasMaxLength(260);
        b.HasOne(t => t.Account).WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        // One live template per name and language in a WABA, as Meta has it; removed ones keep their rows.
        b.HasIndex(t => new { t.AccountId, t.Name, t.Language }).IsUnique().HasFilter("\"Status\" <> 'REMOVED'");
        b.HasIndex(t => new { t.OrganizationId, t.Status, t.Name });
        b.HasIndex(t => new { t.OrganizationId, t.Name });
        b.HasIndex(t => t.MetaTemplateId);
    }
}
