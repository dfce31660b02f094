using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Events;

/// <summary>Filters of the outbox view: status, listener name, one organization.</summary>
public sealed record OutboxFilter(OutboxDeliveryStatus? Status = null, string? Listener = null, Guid? OrganizationId = null);

public sealed record OutboxDeliveryDto(Guid Id, Guid OrganizationId, Guid EventId, string EventType, string Listener, OutboxDeliveryStatus Status,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError, string? Payload);

public sealed record OutboxList(IReadOnlyList<OutboxDeliveryDto> Items, int Total);

/// <summary>How many rows the outbox holds in each status (the page's summary).</summary>
public sealed record OutboxCounts(int Pending, int Processing, int Delivered, int Poison, int Retrying);

/// <summary>
/// The event outbox for super admins (beside "Webhook problems"): rows of every organization with their attempts and last
/// error, and replay of a row that failed or was poisoned. Nobody else sees it (403), whatever their organization.
/// </summary>
public sealed class OutboxAdminService(InboxDb inboxDb, OutboxWorkSignal signal, TimeProvider clock)
{
    public const int MaxListenerFilterLength = 128;

    public async Task<OutboxList> ListAsync(Actor actor, OutboxFilter filter, int skip, int take, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        if (filter.Listener is { Length: > MaxListenerFilterLength })
            throw InboxException.Invalid("listener", $"listener must be at most {MaxListenerFilterLength} characters");
        await using var db = inboxDb.System();
        var query = db.OutboxDeliveries.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(d => d.Status == status);
        if (filter.Listener is { } listener) query = query.Where(d => d.Listener == listener);
        if (filter.OrganizationId is { } org) query = query.Where(d => d.OrganizationId == org);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new OutboxList(rows.Select(r => ToDto(r, withPayload: false)).ToList(), total);
    }

    public async Task<OutboxCounts> CountsAsync(Actor actor, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using var db = inboxDb.System();
        var byStatus = await db.OutboxDeliveries.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var retrying = await db.OutboxDeliveries.CountAsync(d => d.Status == OutboxDeliveryStatus.PENDING && d.Attempts > 0, ct);
        int Of(OutboxDeliveryStatus s) => byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        return new OutboxCounts(Of(OutboxDeliveryStatus.PENDING), Of(OutboxDeliveryStatus.PROCESSING), Of(OutboxDeliveryStatus.DELIVERED),
            Of(OutboxDeliveryStatus.POISON), retrying);
    }

    public async Task<OutboxDeliveryDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using var db = inboxDb.System();
        var row = await db.OutboxDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw InboxException.NotFound("Outbox delivery");
        return ToDto(row, withPayload: true);
    }

    /// <summary>
    /// Delivers the row again, now, with a fresh count of attempts (the last error stays until the next attempt). Any row but
    /// one being delivered at this moment (409): a delivered row is delivered again, which listeners, being idempotent, accept.
    /// </summary>
    public async Task<OutboxDeliveryDto> ReplayAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var row = await db.OutboxDeliveries.FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw InboxException.NotFound("Outbox delivery");
        if (row.Status == OutboxDeliveryStatus.PROCESSING && row.ClaimedUntil > now)
            throw InboxException.Conflict("This delivery is being delivered right now; try again in a moment");
        row.Status = OutboxDeliveryStatus.PENDING;
        row.Attempts = 0;
        row.NextAttemptAt = now;
        row.ClaimedUntil = null;
        row.DeliveredAt = null;
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return ToDto(row, withPayload: true);
    }

    private static OutboxDeliveryDto ToDto(OutboxDelivery d, bool withPayload) =>
        new(d.Id, d.OrganizationId, d.EventId, d.EventType, d.Listener, d.Status, d.Attempts, d.CreatedAt,
            d.Status == OutboxDeliveryStatus.PENDING ? d.NextAttemptAt : null, d.DeliveredAt, d.LastError, withPayload ? d.Payload : null);

    private static void RequireSuperAdmin(Actor actor)
    {
        if (!actor.IsSuperAdmin) throw InboxException.Forbidden("The event outbox is for super admins");
    }
}
