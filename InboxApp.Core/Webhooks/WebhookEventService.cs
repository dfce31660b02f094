using System.Text.RegularExpressions;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Webhooks;

/// <summary>
/// The event log: stored webhook deliveries with their processing outcome, and replay. Deliveries are system rows; an
/// organization's admins see only the rows routed to it (another organization's id is simply not found). Super admins see
/// the platform's problems (unroutable, malformed, failed) and may replay any delivery.
/// Replay re-queues the delivery; the worker reprocesses it idempotently (wamids are unique, statuses monotonic).
/// </summary>
public sealed partial class WebhookEventService(InboxDb inboxDb, WebhookWorkSignal signal)
{
    /// <summary>What the super admin's list shows: deliveries that no organization will look after.</summary>
    public static readonly IReadOnlyList<WebhookDeliveryStatus> ProblemStatuses =
        [WebhookDeliveryStatus.UNROUTABLE, WebhookDeliveryStatus.MALFORMED, WebhookDeliveryStatus.FAILED];

    public async Task<WebhookEventList> ListAsync(Actor actor, WebhookEventFilter filter, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var org = actor.Org;
        await using var db = inboxDb.System();
        return await PageAsync(Filtered(db.WebhookDeliveries.Where(d => d.OrganizationId == org), filter), skip, take, ct);
    }

    public async Task<WebhookEventList> ListPlatformProblemsAsync(Actor actor, WebhookEventFilter filter, int skip, int take, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        if (filter.Status is { } s && !ProblemStatuses.Contains(s))
            throw InboxException.Invalid("status", "status must be one of: " + string.Join(", ", ProblemStatuses));
        await using var db = inboxDb.System();
        // Constants, not parameters: the partial index IX_WebhookDeliveries_Problems serves only a query that names these statuses.
        var statuses = ProblemStatuses.ToList();
        return await PageAsync(Filtered(db.WebhookDeliveries.Where(d => EF.Constant(statuses).Contains(d.Status)), filter), skip, take, ct);
    }

    public async Task<WebhookEventDetailDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var org = actor.Org;
        await using var db = inboxDb.System();
        var d = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.OrganizationId == org, ct)
            ?? throw InboxException.NotFound("Webhook event");
        return Detail(d);
    }

    public async Task<WebhookEventDetailDto> GetAnyAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using var db = inboxDb.System();
        var d = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw InboxException.NotFound("Webhook event");
        return Detail(d);
    }

    public async Task<WebhookEventDetailDto> ReplayAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var org = actor.Org;
        return await ReplayWhereAsync(id, d => d.Id == id && d.OrganizationId == org, ct);
    }

    public async Task<WebhookEventDetailDto> ReplayAnyAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        return await ReplayWhereAsync(id, d => d.Id == id, ct);
    }

    /// <summary>
    /// Back to PENDING with attempts reset. A delivery that is queued or being processed is left alone (409): the conditional
    /// update means two replays at once, or a replay racing the worker's claim, queue it only once.
    /// </summary>
    private async Task<WebhookEventDetailDto> ReplayWhereAsync(Guid id, System.Linq.Expressions.Expression<Func<WebhookDelivery, bool>> visible, CancellationToken ct)
    {
        await using var db = inboxDb.System();
        var current = await db.WebhookDeliveries.AsNoTracking().Where(visible).Select(d => new { d.Status }).FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("Webhook event");
        var replayable = current.Status is not (WebhookDeliveryStatus.PENDING or WebhookDeliveryStatus.PROCESSING);
        var updated = !replayable ? 0 : await db.WebhookDeliveries.Where(visible)
            .Where(d => d.Status != WebhookDeliveryStatus.PENDING && d.Status != WebhookDeliveryStatus.PROCESSING)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.PENDING)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(d => d.Error, (string?)null), ct);
        if (updated == 0) throw InboxException.Conflict("This event is already queued for processing", WebhookEventErrors.AlreadyQueued);
        signal.Notify();
        var d = await db.WebhookDeliveries.AsNoTracking().FirstAsync(d => d.Id == id, ct);
        return Detail(d);
    }

    private static IQueryable<WebhookDelivery> Filtered(IQueryable<WebhookDelivery> query, WebhookEventFilter filter)
    {
        query = query.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(d => d.Status == status);
        if (!string.IsNullOrEmpty(filter.Kind))
        {
            if (!KindName().IsMatch(filter.Kind)) throw InboxException.Invalid("kind", "kind must be a webhook field name such as messages, statuses or message_template_status_update");
            var needle = "," + filter.Kind + ",";
            query = query.Where(d => d.Kinds != null && ("," + d.Kinds + ",").Contains(needle));
        }
        if (filter.From is { } from) query = query.Where(d => d.ReceivedAt >= from);
        if (filter.To is { } to) query = query.Where(d => d.ReceivedAt < to);
        if (filter is { From: { } f, To: { } t } && t <= f) throw InboxException.Invalid("to", "to must be after from");
        return query;
    }

    private static async Task<WebhookEventList> PageAsync(IQueryable<WebhookDelivery> query, int skip, int take, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.ReceivedAt).ThenBy(d => d.Id).Skip(skip).Take(take)
            .Select(d => new
            {
                d.Id, d.ReceivedAt, d.Status, d.Kinds, d.MessageCount, d.StatusCount, d.Attempts, d.ProcessedAt, d.NextAttemptAt, d.Error, d.OrganizationId,
            })
            .ToListAsync(ct);
        return new WebhookEventList(rows.Select(d => new WebhookEventDto(d.Id, d.ReceivedAt, d.Status, WebhookEventKinds.Split(d.Kinds), d.MessageCount,
            d.StatusCount, d.Attempts, d.ProcessedAt, d.NextAttemptAt, d.Error, d.OrganizationId)).ToList(), total);
    }

    private static WebhookEventDetailDto Detail(WebhookDelivery d) => new(d.Id, d.ReceivedAt, d.Status, WebhookEventKinds.Split(d.Kinds), d.MessageCount,
        d.StatusCount, d.Attempts, d.ProcessedAt, d.NextAttemptAt, d.Error, d.OrganizationId, d.Payload);

    private static void RequireSuperAdmin(Actor actor)
    {
        if (!actor.IsSuperAdmin) throw InboxException.Forbidden("This action needs the SUPER_ADMIN role");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KindName();
}

public static class WebhookEventErrors
{
    public const string AlreadyQueued = "ALREADY_QUEUED";
}
