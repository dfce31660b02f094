using InboxApp.Core.Common;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>
/// A partner's endpoint that the organization's events are posted to, signed as Standard Webhooks define. The secret is
/// kept sealed with Data Protection (it must be read back to sign); after a rotation the previous one stays valid (both
/// signatures are sent) until <see cref="PreviousSecretExpiresAt"/>.
/// </summary>
public class OutgoingWebhook : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public required string Url { get; set; }
    /// <summary>The subscribed event names, space-separated (see <see cref="OutgoingWebhookEvents"/>).</summary>
    public required string Events { get; set; }
    public required string SealedSecret { get; set; }
    public string? SealedPreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Why the endpoint was turned off by the app (a run of failures), null when active or turned off by a person.</summary>
    public string? DisabledReason { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>Failed attempts in a row (any delivery); a success resets it.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const int MaxUrlLength = 2000;
    public const int MaxEventsLength = 1000;

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public enum OutgoingWebhookDeliveryStatus { PENDING, PROCESSING, DELIVERED, FAILED }

/// <summary>
/// One event for one endpoint: created by <see cref="OutgoingWebhookFanOut"/> with the payload as it will be sent, posted by
/// <see cref="OutgoingWebhookWorker"/> until the endpoint answers 2xx, retried with back-off for
/// <c>OutgoingWebhooks:RetryWindow</c>, then FAILED. Its id is the <c>webhook-id</c> header (the same on every attempt).
/// Rows with the same <see cref="OrderKey"/> (a conversation, a number) go out in <see cref="CreatedAt"/> order.
/// </summary>
public class OutgoingWebhookDelivery : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid WebhookId { get; set; }
    /// <summary>The domain event this row came from (the outbox event id): one row per endpoint per event.</summary>
    public Guid SourceEventId { get; set; }
    public required string EventType { get; set; }
    public Guid? OrderKey { get; set; }
    public required string Payload { get; set; }
    public OutgoingWebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>Retries stop after this (creation or manual redelivery + the retry window).</summary>
    public DateTimeOffset GiveUpAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? ResponseStatus { get; set; }
    public int? LatencyMs { get; set; }
    public string? ResponseExcerpt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    public const int MaxEventTypeLength = 64;
    public const int MaxExcerptLength = 1024;
    public const int MaxErrorLength = 1000;
}

public sealed class OutgoingWebhookConfiguration : IEntityTypeConfiguration<OutgoingWebhook>
{
    public void Configure(EntityTypeBuilder<OutgoingWebhook> b)
    {
        b.ToTable("OutgoingWebhooks");
        b.Property(w => w.Url).HasMaxLength(OutgoingWebhook.MaxUrlLength);
        b.Property(w => w.Events).HasMaxLength(OutgoingWebhook.MaxEventsLength);
        b.Property(w => w.SealedSecret).HasMaxLength(2000);
        b.Property(w => w.SealedPreviousSecret).HasMaxLength(2000);
        b.Property(w => w.DisabledReason).HasMaxLength(500);
        b.Ignore(w => w.EventList);
        b.HasIndex(w => new { w.OrganizationId, w.CreatedAt });
        b.HasOne<Organization>().WithMany().HasForeignKey(w => w.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OutgoingWebhookDeliveryConfiguration : IEntityTypeConfiguration<OutgoingWebhookDelivery>
{
    public void Configure(EntityTypeBuilder<OutgoingWebhookDelivery> b)
    {
        b.ToTable("OutgoingWebhookDeliveries");
        b.Property(d => d.EventType).HasMaxLength(OutgoingWebhookDelivery.MaxEventTypeLength);
        b.Property(d => d.ResponseExcerpt).HasMaxLength(OutgoingWebhookDelivery.MaxExcerptLength);
        b.Property(d => d.LastError).HasMaxLength(OutgoingWebhookDelivery.MaxErrorLength);
        // The fan-out listener may run twice for one event: the second insert is refused.
        b.HasIndex(d => new { d.WebhookId, d.SourceEventId }).IsUnique();
        // The worker's claim (due rows) and the order check (earlier open rows of the same endpoint and key).
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        // The hourly cleanup of finished rows past OutgoingWebhooks:KeepDeliveries.
        b.HasIndex(d => new { d.Status, d.CreatedAt });
        b.HasIndex(d => new { d.WebhookId, d.OrderKey, d.CreatedAt });
        // The delivery log, newest first.
        b.HasIndex(d => new { d.WebhookId, d.CreatedAt });
        b.HasOne<OutgoingWebhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}
