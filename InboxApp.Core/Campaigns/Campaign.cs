using InboxApp.Core.Messaging;
using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// DRAFT (being prepared), SCHEDULED (starts at <see cref="Campaign.ScheduledAt"/>), RUNNING (the send job works through
/// its recipients), PAUSED (by a person, or by itself: template paused or disabled, number's quality RED), COMPLETED
/// (nothing left to send), CANCELLED, FAILED (cannot go on: the template or the number is gone).
/// </summary>
public enum CampaignStatus { DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED, FAILED }

/// <summary>
/// One recipient's way: PENDING → SENDING (claimed: its message id is recorded before Meta is called) → SENT → DELIVERED →
/// READ → REPLIED, or FAILED (Meta's error kept), SKIPPED (a recipient filter, such as the opt-out list, said no) or
/// UNKNOWN (the process stopped while Meta was being called: never sent again automatically; a status webhook settles it).
/// </summary>
public enum CampaignRecipientStatus { PENDING, SENDING, SENT, DELIVERED, READ, REPLIED, FAILED, SKIPPED, UNKNOWN }

/// <summary>A bulk send of one approved template (one language) from one WhatsApp number to a list of recipients.</summary>
public class Campaign : ITenantOwned
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public Guid TemplateId { get; set; }
    /// <summary>The template's name and language when the campaign was made (the send goes by them, as Meta's API does).</summary>
    public required string TemplateName { get; set; }
    public required string Language { get; set; }
    public Guid PhoneNumberId { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.DRAFT;
    public DateTimeOffset? ScheduledAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    /// <summary>Why it paused: a person's action, the template's new status, the number's quality.</summary>
    public string? PauseReason { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int TotalRecipients { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The send job that holds the campaign (one at a time, across restarts and nodes) and until when.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>One recipient of a campaign: one row per phone (deduplicated on its matching key), the unit of work of the sender.</summary>
public class CampaignRecipient : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid CampaignId { get; set; }
    /// <summary>The order of the list (sends follow it).</summary>
    public int Seq { get; set; }
    /// <summary>International digits without <c>+</c>.</summary>
    public required string Phone { get; set; }
    public required string PhoneKey { get; set; }
    /// <summary>The template's values for this recipient (<c>{"1": "Ana"}</c>), resolved when the campaign was made.</summary>
    public string VariablesJson { get; set; } = "{}";
    public CampaignRecipientStatus Status { get; set; } = CampaignRecipientStatus.PENDING;
    /// <summary>The message of the latest attempt, recorded when the recipient is claimed (before Meta is called).</summary>
    public Guid? MessageId { get; set; }
    public string? WaMessageId { get; set; }
    public Guid? ConversationId { get; set; }
    public int Attempts { get; set; }
    /// <summary>Not before this time (a back-off after 130429 or 131056).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorTitle { get; set; }
    /// <summary>Why it was skipped (from a recipient filter).</summary>
    public string? SkipReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("Campaigns");
        b.Property(c => c.Name).HasMaxLength(Campaign.MaxNameLength);
        b.Property(c => c.TemplateName).HasMaxLength(512);
        b.Property(c => c.Language).HasMaxLength(16);
        b.Property(c => c.Status).HasMaxLength(20);
        b.Property(c => c.PauseReason).HasMaxLength(500);
        b.Property(c => c.LeaseOwner).HasMaxLength(64);
        b.HasOne<PhoneNumber>().WithMany().HasForeignKey(c => c.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.OrganizationId, c.CreatedAt });
        b.HasIndex(c => new { c.OrganizationId, c.Status });
        b.HasIndex(c => new { c.TemplateId, c.Status });
        b.HasIndex(c => new { c.PhoneNumberId, c.Status });
    }
}

public sealed class CampaignRecipientConfiguration : IEntityTypeConfiguration<CampaignRecipient>
{
    public void Configure(EntityTypeBuilder<CampaignRecipient> b)
    {
        b.ToTable("CampaignRecipients");
        b.Property(r => r.Phone).HasMaxLength(20);
        b.Property(r => r.PhoneKey).HasMaxLength(20);
        b.Property(r => r.VariablesJson).HasMaxLength(8000);
        b.Property(r => r.Status).HasMaxLength(20);
        b.Property(r => r.WaMessageId).HasMaxLength(128);
        b.Property(r => r.ErrorCode).HasMaxLength(32);
        b.Property(r => r.ErrorTitle).HasMaxLength(500);
        b.Property(r => r.SkipReason).HasMaxLength(200);
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.CampaignId, r.PhoneKey }).IsUnique();
        b.HasIndex(r => new { r.CampaignId, r.Status, r.Seq });
        b.HasIndex(r => r.MessageId);
        b.HasIndex(r => new { r.ConversationId, r.Status });
    }
}
