using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>An organization's partner webhooks and their delivery logs. Admins (and API keys) only.</summary>
public sealed class OutgoingWebhookService(InboxDb inboxDb, OutgoingWebhookSecrets secrets, WebhookTargetGuard guard,
    OutgoingWebhookWorker worker, OutgoingWebhookWorkSignal signal, TimeProvider clock, IOptions<OutgoingWebhookOptions> options)
{
    public async Task<IReadOnlyList<OutgoingWebhookDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var hooks = await db.Set<OutgoingWebhook>().AsNoTracking().OrderByDescending(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(ct);
        return hooks.Select(w => Dto(w)).ToList();
    }

    public async Task<OutgoingWebhookDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        return Dto(await FindAsync(db, id, ct));
    }

    /// <summary>Adds an endpoint; the answer holds its secret (the given one, or a new <c>whsec_…</c>), shown this once.</summary>
    public async Task<OutgoingWebhookDto> CreateAsync(Actor actor, string url, IReadOnlyList<string> events, string? secret, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var checkedUrl = await CheckUrlAsync(url, ct);
        var eventList = CheckEvents(events);
        secret = CheckSecret(secret) ?? WebhookSignature.NewSecret();
        await using var db = inboxDb.For(actor.Org);
        if (await db.Set<OutgoingWebhook>().CountAsync(ct) >= options.Value.MaxEndpointsPerOrganization)
            throw InboxException.Conflict($"An organization can have at most {options.Value.MaxEndpointsPerOrganization} webhooks");
        var now = clock.GetUtcNow();
        var hook = new OutgoingWebhook
        {
            OrganizationId = actor.Org,
            Url = checkedUrl,
            Events = eventList,
            SealedSecret = secrets.Protect(secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(hook);
        db.InterestChanged<OutgoingWebhookFanOut>(); // the organization's next events are fanned out to it, on every node
        await db.SaveChangesAsync(ct);
        return Dto(hook, secret);
    }

    /// <summary>Changes the URL, the events and/or turns the endpoint on or off (on again clears its failure run).</summary>
    public async Task<OutgoingWebhookDto> UpdateAsync(Actor actor, Guid id, string? url, IReadOnlyList<string>? events, bool? isActive, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var hook = await FindAsync(db, id, ct);
        if (url is not null) hook.Url = await CheckUrlAsync(url, ct);
        if (events is not null) hook.Events = CheckEvents(events);
        if (isActive is { } active && active != hook.IsActive)
        {
            hook.IsActive = active;
            hook.DisabledAt = active ? null : clock.GetUtcNow();
            hook.DisabledReason = null;
            hook.ConsecutiveFailures = 0;
        }
        hook.UpdatedAt = clock.GetUtcNow();
        db.InterestChanged<OutgoingWebhookFanOut>();
        await db.SaveChangesAsync(ct);
        if (hook.IsActive) signal.Notify();
        return Dto(hook);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var hook = await FindAsync(db, id, ct);
        await db.Set<OutgoingWebhookDelivery>().Where(d => d.WebhookId == hook.Id).ExecuteDeleteAsync(ct);
        db.Remove(hook);
        db.InterestChanged<OutgoingWebhookFanOut>();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A new secret (the given one or a generated one), shown this once; the previous secret keeps signing beside it (two
    /// signatures in <c>webhook-signature</c>) for <c>OutgoingWebhooks:SecretRotationOverlap</c>.
    /// </summary>
    public async Task<OutgoingWebhookDto> RotateSecretAsync(Actor actor, Guid id, string? secret, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        secret = CheckSecret(secret) ?? WebhookSignature.NewSecret();
        await using var db = inboxDb.For(actor.Org);
        var hook = await FindAsync(db, id, ct);
        var now = clock.GetUtcNow();
        var overlap = options.Value.SecretRotationOverlap;
        hook.SealedPreviousSecret = overlap > TimeSpan.Zero ? hook.SealedSecret : null;
        hook.PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now + overlap : null;
        hook.SealedSecret = secrets.Protect(secret);
        hook.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return Dto(hook, secret);
    }

    /// <summary>Sends a <c>webhook.test</c> event now and answers with its outcome (not retried).</summary>
    public async Task<OutgoingWebhookDeliveryDto> TestAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var hook = await FindAsync(db, id, ct);
        var now = clock.GetUtcNow();
        var until = now + Common.LeasedQueueWorker.Lease;
        var row = new OutgoingWebhookDelivery
        {
            OrganizationId = actor.Org,
            WebhookId = hook.Id,
            SourceEventId = Guid.NewGuid(),
            EventType = OutgoingWebhookEvents.Test,
            Payload = OutgoingWebhookPayloads.Serialize(OutgoingWebhookEvents.Test, now, new TestEventData(hook.Id, "A test event from InboxApp")),
            Status = OutgoingWebhookDeliveryStatus.PROCESSING,
            ClaimedUntil = until,
            CreatedAt = now,
            NextAttemptAt = now,
            GiveUpAt = now,
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        await worker.SendClaimedAsync(db, [row.Id], until, ct);
        return OutgoingWebhookDeliveryDto.From(await db.Set<OutgoingWebhookDelivery>().AsNoTracking().FirstAsync(d => d.Id == row.Id, ct));
    }

    public async Task<OutgoingWebhookDeliveryPage> DeliveriesAsync(Actor actor, Guid id, OutgoingWebhookDeliveryStatus? status, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var hook = await FindAsync(db, id, ct);
        var query = db.Set<OutgoingWebhookDelivery>().AsNoTracking().Where(d => d.WebhookId == hook.Id);
        if (status is { } s) query = query.Where(d => d.Status == s);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new OutgoingWebhookDeliveryPage(rows.Select(OutgoingWebhookDeliveryDto.From).ToList(), total);
    }

    public async Task<OutgoingWebhookDeliveryDto> DeliveryAsync(Actor actor, Guid id, Guid deliveryId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        return OutgoingWebhookDeliveryDto.From(await FindDeliveryAsync(db, id, deliveryId, ct));
    }

    /// <summary>Queues a delivery again now (same <c>webhook-id</c>, retried for a new window); 409 while it is being sent.</summary>
    public async Task<OutgoingWebhookDeliveryDto> RedeliverAsync(Actor actor, Guid id, Guid deliveryId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var row = await FindDeliveryAsync(db, id, deliveryId, ct);
        if (row.Status == OutgoingWebhookDeliveryStatus.PROCESSING) throw InboxException.Conflict("This delivery is being sent right now");
        var now = clock.GetUtcNow();
        row.Status = OutgoingWebhookDeliveryStatus.PENDING;
        row.NextAttemptAt = now;
        row.GiveUpAt = now + options.Value.RetryWindow;
        row.DeliveredAt = null;
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return OutgoingWebhookDeliveryDto.From(row);
    }

    private static async Task<OutgoingWebhook> FindAsync(InboxDbContext db, Guid id, CancellationToken ct) =>
        await db.Set<OutgoingWebhook>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw InboxException.NotFound("Webhook");

    private static async Task<OutgoingWebhookDelivery> FindDeliveryAsync(InboxDbContext db, Guid id, Guid deliveryId, CancellationToken ct) =>
        await db.Set<OutgoingWebhookDelivery>().FirstOrDefaultAsync(d => d.Id == deliveryId && d.WebhookId == id, ct)
            ?? throw InboxException.NotFound("Delivery");

    private async Task<string> CheckUrlAsync(string url, CancellationToken ct)
    {
        url = url.Trim();
        if (url.Length is 0 or > OutgoingWebhook.MaxUrlLength) throw InboxException.Invalid("url", $"The URL must have 1 to {OutgoingWebhook.MaxUrlLength} characters");
        try
        {
            var (uri, _) = await guard.CheckAsync(url, ct);
            return uri.AbsoluteUri;
        }
        catch (WebhookTargetRefusedException e)
        {
            throw InboxException.Invalid("url", e.Message);
        }
    }

    private static string CheckEvents(IReadOnlyList<string> events)
    {
        if (events.Count == 0) throw InboxException.Invalid("events", "Choose at least one event");
        var unknown = events.FirstOrDefault(e => !OutgoingWebhookEvents.All.Contains(e));
        if (unknown is not null)
            throw InboxException.Invalid("events", $"Unknown event '{unknown}'; known events: {string.Join(", ", OutgoingWebhookEvents.All)}");
        return string.Join(' ', OutgoingWebhookEvents.All.Where(events.Contains));
    }

    private static string? CheckSecret(string? secret)
    {
        if (secret is null) return null;
        if (!WebhookSignature.IsValidSecret(secret))
            throw InboxException.Invalid("secret", $"A secret is whsec_ followed by the base64 of {WebhookSignature.MinSecretBytes} to {WebhookSignature.MaxSecretBytes} random bytes");
        return secret;
    }

    private OutgoingWebhookDto Dto(OutgoingWebhook w, string? secret = null) => new(
        w.Id, w.Url, w.EventList, w.IsActive, w.DisabledReason, w.DisabledAt, w.ConsecutiveFailures, secrets.Mask(w.SealedSecret),
        w.PreviousSecretExpiresAt > clock.GetUtcNow() ? w.PreviousSecretExpiresAt : null, w.CreatedAt, w.UpdatedAt, secret);
}
