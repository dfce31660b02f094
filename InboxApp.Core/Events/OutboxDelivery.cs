using System.ComponentModel.DataAnnotations;
using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Events;

public enum OutboxDeliveryStatus
{
    /// <summary>Waiting for its first attempt or, after a failure, for <see cref="OutboxDelivery.NextAttemptAt"/>.</summary>
    PENDING,
    /// <summary>Claimed by the outbox worker (with a lease, so a crashed node's claims come back).</summary>
    PROCESSING,
    DELIVERED,
    /// <summary>Failed <c>Events:MaxAttempts</c> times: kept for a super admin to look at and replay.</summary>
    POISON,
}

/// <summary>
/// One event for one durable listener: written in the transaction that made the change (see
/// <see cref="Data.InboxDbContext.Raise"/>), delivered at least once by <see cref="OutboxWorker"/>.
/// </summary>
public class OutboxDelivery : ITenantOwned
{
    public const int MaxErrorLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>Shared by the rows of one event (one per listener).</summary>
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    public required string Listener { get; set; }
    /// <summary>The event as JSON.</summary>
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public OutboxDeliveryStatus Status { get; set; } = OutboxDeliveryStatus.PENDING;
    public int Attempts { get; set; }
    /// <summary>When a PENDING row is due (its creation time for a first attempt).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}

public sealed class OutboxDeliveryConfiguration : IEntityTypeConfiguration<OutboxDelivery>
{
    public void Configure(EntityTypeBuilder<OutboxDelivery> b)
    {
        b.ToTable("OutboxDeliveries");
        b.Property(d => d.EventType).HasMaxLength(128);
        b.Property(d => d.Listener).HasMaxLength(128);
        b.Property(d => d.LastError).HasMaxLength(OutboxDelivery.MaxErrorLength);
        // The worker's queue: due PENDING rows by time, expired PROCESSING claims.
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.Status, d.ClaimedUntil });
        // The super admin's view, newest first, per organization.
        b.HasIndex(d => new { d.OrganizationId, d.CreatedAt });
        b.HasIndex(d => d.CreatedAt);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
