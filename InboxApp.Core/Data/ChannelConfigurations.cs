using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Core.Organizations;
using InboxApp.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Data;

public sealed class WhatsAppAccountConfiguration : IEntityTypeConfiguration<WhatsAppAccount>
{
    public void Configure(EntityTypeBuilder<WhatsAppAccount> b)
    {
        b.Property(a => a.WabaId).HasMaxLength(64);
        b.Property(a => a.BusinessId).HasMaxLength(64);
        b.Property(a => a.Alias).HasMaxLength(100);
        b.Property(a => a.AccessTokenProtected).HasMaxLength(4000);
        b.Property(a => a.BanState).HasMaxLength(32);
        b.Property(a => a.Restrictions).HasMaxLength(500);
        b.HasIndex(a => new { a.OrganizationId, a.WabaId });
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.PhoneNumbers).WithOne(p => p.Account).HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PhoneNumberConfiguration : IEntityTypeConfiguration<PhoneNumber>
{
    public void Configure(EntityTypeBuilder<PhoneNumber> b)
    {
        b.Property(p => p.MetaPhoneNumberId).HasMaxLength(64);
        b.Property(p => p.DisplayPhoneNumber).HasMaxLength(32);
        b.Property(p => p.VerifiedName).HasMaxLength(200);
        b.Property(p => p.QualityRating).HasMaxLength(16);
        b.Property(p => p.MessagingLimitTier).HasMaxLength(32);
        b.Property(p => p.ThroughputLevel).HasMaxLength(32);
        b.Property(p => p.RegistrationError).HasMaxLength(1000);
        b.Property(p => p.HealthReasonsJson).HasMaxLength(8000);
        b.HasIndex(p => p.MetaPhoneNumberId);
        b.HasIndex(p => p.OrganizationId);
    }
}

public sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(c => c.Identifier).HasMaxLength(128);
        b.Property(c => c.WaId).HasMaxLength(32);
        b.Property(c => c.Bsuid).HasMaxLength(128);
        b.Property(c => c.Phone).HasMaxLength(32);
        b.Property(c => c.PhoneKey).HasMaxLength(32);
        b.Property(c => c.Username).HasMaxLength(100);
        b.Property(c => c.ProfileName).HasMaxLength(200);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Category).HasMaxLength(100);
        b.Property(c => c.ReplyTo).HasMaxLength(128);
        b.Property(c => c.AttributesJson).HasMaxLength(16000);
        b.HasIndex(c => new { c.PhoneNumberId, c.Identifier }).IsUnique();
        b.HasIndex(c => new { c.PhoneNumberId, c.PhoneKey });
        // The contact list (most recently updated first, keyset on the id) and lookups by WhatsApp id across the organization's numbers.
        b.HasIndex(c => new { c.OrganizationId, c.UpdatedAt, c.Id });
        b.HasIndex(c => new { c.OrganizationId, c.Identifier });
        b.HasIndex(c => new { c.OrganizationId, c.WaId });
        b.HasIndex(c => new { c.OrganizationId, c.Bsuid });
        b.HasIndex(c => new { c.OrganizationId, c.PhoneKey });
        b.HasOne<PhoneNumber>().WithMany().HasForeignKey(c => c.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(c => c.DisplayName);
    }
}

public sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.Property(c => c.Category).HasMaxLength(100);
        b.Property(c => c.LastMessagePreview).HasMaxLength(200);
        b.Property(c => c.FollowUpNote).HasMaxLength(1000);
        b.Property(c => c.HandoffSummary).HasMaxLength(4000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PhoneNumber>().WithMany().HasForeignKey(c => c.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
        // The inbox list's filters and sorts (keyset pages: organization, filter, key, id). Each also carries the two columns
        // the counts read (UnreadCount, LastMessageDirection) at its end, so { all, unread, needs_action } of a filter is
        // counted from its index alone, without reading the rows. They change with LastMessageAt (which these indexes
        // follow anyway), except on read, which now updates them too.
        b.HasIndex(c => new { c.OrganizationId, c.LastMessageAt, c.Id, c.UnreadCount, c.LastMessageDirection });
        b.HasIndex(c => new { c.OrganizationId, c.Status, c.LastMessageAt, c.Id, c.UnreadCount, c.LastMessageDirection });
        b.HasIndex(c => new { c.OrganizationId, c.AssigneeId, c.LastMessageAt, c.Id, c.UnreadCount, c.LastMessageDirection });
        b.HasIndex(c => new { c.OrganizationId, c.TeamId, c.LastMessageAt, c.Id, c.UnreadCount, c.LastMessageDirection });
        b.HasIndex(c => new { c.OrganizationId, c.Category, c.LastMessageAt, c.Id, c.UnreadCount, c.LastMessageDirection });
        b.HasIndex(c => new { c.OrganizationId, c.Origin, c.LastMessageAt, c.Id, c.UnreadCount, c.LastMessageDirection });
        b.HasIndex(c => new { c.OrganizationId, c.CreatedAt, c.Id });
        // Partial: most conversations have nobody waiting, and a full index made "WaitingSince IS NULL" look selective.
        b.HasIndex(c => new { c.OrganizationId, c.WaitingSince, c.Id }).HasFilter("\"WaitingSince\" IS NOT NULL");
        b.HasIndex(c => new { c.ContactId, c.Status });
    }
}

public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.Property(m => m.WaMessageId).HasMaxLength(128);
        b.Property(m => m.Text).HasMaxLength(8192);
        b.Property(m => m.Caption).HasMaxLength(2048);
        b.Property(m => m.MediaId).HasMaxLength(128);
        b.Property(m => m.MimeType).HasMaxLength(128);
        b.Property(m => m.FileName).HasMaxLength(260);
        b.Property(m => m.MediaSha256).HasMaxLength(128);
        b.Property(m => m.MediaPath).HasMaxLength(500);
        b.Property(m => m.MediaError).HasMaxLength(1000);
        b.Property(m => m.LocationName).HasMaxLength(300);
        b.Property(m => m.LocationAddress).HasMaxLength(500);
        b.Property(m => m.ReplyOptionId).HasMaxLength(256);
        b.Property(m => m.ReplyOptionTitle).HasMaxLength(256);
        b.Property(m => m.ContextWaMessageId).HasMaxLength(128);
        b.Property(m => m.Emoji).HasMaxLength(32);
        b.Property(m => m.ErrorCode).HasMaxLength(16);
        b.Property(m => m.ErrorTitle).HasMaxLength(500);
        b.Property(m => m.ErrorDetails).HasMaxLength(2000);
        b.Property(m => m.PricingCategory).HasMaxLength(64);
        b.Property(m => m.RawJson).HasMaxLength(65536);
        b.Property(m => m.Details).HasMaxLength(65536).HasConversion(
            d => MessageDetails.Serialize(d), json => MessageDetails.Deserialize(json),
            new ValueComparer<MessageDetails?>((a, c) => MessageDetails.Serialize(a) == MessageDetails.Serialize(c),
                d => (MessageDetails.Serialize(d) ?? "").GetHashCode(), d => MessageDetails.Deserialize(MessageDetails.Serialize(d))));
        // The wamid is unique within the organization: a redelivered or replayed webhook cannot store a message twice.
        // Organization first, so that a tenant query's "OrganizationId = @org AND WaMessageId IN (…)" uses both columns (with
        // the wamid alone, SQLite preferred another index that starts with the organization and read all of its messages).
        b.HasIndex(m => new { m.OrganizationId, m.WaMessageId }).IsUnique();
        b.HasIndex(m => new { m.ConversationId, m.Timestamp, m.Id });
        // Partial indexes for columns almost every message leaves empty or at its default: the planner's statistics would
        // otherwise call the index useless and scan a million rows (reactions and replies look up their target by wamid;
        // the media downloader looks for the few pending or failed downloads).
        b.HasIndex(m => new { m.OrganizationId, m.ContextWaMessageId }).HasFilter("\"ContextWaMessageId\" IS NOT NULL");
        b.HasIndex(m => new { m.MediaStatus, m.MediaNextAttemptAt }, "IX_Messages_MediaPending").HasFilter("\"MediaStatus\" = 'PENDING'");
        b.HasIndex(m => new { m.MediaStatus, m.MediaNextAttemptAt }, "IX_Messages_MediaFailed").HasFilter("\"MediaStatus\" = 'FAILED'");
        b.HasIndex(m => new { m.OrganizationId, m.Direction, m.Status, m.CreatedAt });
        b.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.Payload).HasMaxLength(4 * 1024 * 1024);
        b.Property(d => d.Error).HasMaxLength(2000);
        b.Property(d => d.Kinds).HasMaxLength(200);
        // One partial index per queue state the worker looks for. With (Status, …) indexes SQLite answered "Status = … AND
        // Id IN (…)" (the claim) by reading every delivery of that status, 20,000 of them during a burst, instead of the ids.
        b.HasIndex(d => d.ReceivedAt, "IX_WebhookDeliveries_Pending").HasFilter("\"Status\" = 'PENDING'");
        b.HasIndex(d => d.NextAttemptAt, "IX_WebhookDeliveries_RetryDue").HasFilter("\"Status\" = 'FAILED'");
        b.HasIndex(d => d.ClaimedUntil, "IX_WebhookDeliveries_Claimed").HasFilter("\"Status\" = 'PROCESSING'");
        // The super admin's problem list (WebhookEventService.ProblemStatuses, written out the same way in its query).
        b.HasIndex(d => d.ReceivedAt, "IX_WebhookDeliveries_Problems").HasFilter("\"Status\" IN ('UNROUTABLE', 'MALFORMED', 'FAILED')");
        b.HasIndex(d => new { d.OrganizationId, d.ReceivedAt });
        b.HasIndex(d => d.ReceivedAt);
    }
}
