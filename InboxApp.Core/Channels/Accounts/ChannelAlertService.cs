using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Accounts;

public sealed record AlertPage(IReadOnlyList<ChannelAlertDto> Items, int Total);

/// <summary>An organization's channel alerts: supervisors and admins read them, admins acknowledge them.</summary>
public sealed class ChannelAlertService(InboxDb inboxDb, TimeProvider clock) : IChannelAccountAlerts
{
    /// <summary>Messaging's port: the channel refused the account's token while sending or marking read.</summary>
    public async Task TokenRefusedAsync(Guid organizationId, Guid accountId, string accountAlias, string reason, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        await AddAsync(db, ChannelAlertRules.TokenRefused(organizationId, accountId, accountAlias, reason, clock.GetUtcNow()), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<AlertPage> ListAsync(Actor actor, bool? acknowledged, ChannelAlertKind? kind, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var query = db.Set<ChannelAlert>().AsNoTracking();
        if (acknowledged is { } ack) query = ack ? query.Where(a => a.AcknowledgedAt != null) : query.Where(a => a.AcknowledgedAt == null);
        if (kind is { } k) query = query.Where(a => a.Kind == k);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new AlertPage(items.Select(ChannelAlertDto.From).ToList(), total);
    }

    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        return await db.Set<ChannelAlert>().CountAsync(a => a.AcknowledgedAt == null, ct);
    }

    /// <summary>Marks one alert acknowledged (again is harmless: the first acknowledgement is kept).</summary>
    public async Task<ChannelAlertDto> AcknowledgeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var alert = await db.Set<ChannelAlert>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw InboxException.NotFound("Alert");
        if (alert.AcknowledgedAt is null)
        {
            alert.AcknowledgedAt = clock.GetUtcNow();
            alert.AcknowledgedById = actor.UserId;
            await db.SaveChangesAsync(ct);
        }
        return ChannelAlertDto.From(alert);
    }

    /// <summary>Acknowledges every open alert of the organization; returns how many.</summary>
    public async Task<int> AcknowledgeAllAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var now = clock.GetUtcNow();
        var by = actor.UserId;
        await using var db = inboxDb.For(actor.Org);
        return await db.Set<ChannelAlert>().Where(a => a.AcknowledgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AcknowledgedAt, now).SetProperty(a => a.AcknowledgedById, by), ct);
    }

    /// <summary>
    /// Adds alerts to <paramref name="db"/> (saved with the caller's changes) unless the same alert is already open: a
    /// redelivered webhook or a repeated health check does not pile up copies. Returns how many were added.
    /// </summary>
    public static async Task<int> AddAsync(InboxDbContext db, IEnumerable<ChannelAlert> alerts, CancellationToken ct)
    {
        var added = 0;
        foreach (var alert in alerts)
        {
            bool Same(ChannelAlert a) => a.OrganizationId == alert.OrganizationId && a.Kind == alert.Kind && a.AccountId == alert.AccountId
                && a.PhoneNumberId == alert.PhoneNumberId && a.Title == alert.Title && a.AcknowledgedAt == null;
            if (db.ChangeTracker.Entries<ChannelAlert>().Any(e => e.State == EntityState.Added && Same(e.Entity))) continue;
            var open = await db.Set<ChannelAlert>().AnyAsync(a => a.OrganizationId == alert.OrganizationId && a.Kind == alert.Kind
                && a.AccountId == alert.AccountId && a.PhoneNumberId == alert.PhoneNumberId && a.Title == alert.Title && a.AcknowledgedAt == null, ct);
            if (open) continue;
            db.Add(alert);
            added++;
        }
        return added;
    }

    public static Task<int> AddAsync(InboxDbContext db, ChannelAlert alert, CancellationToken ct) => AddAsync(db, [alert], ct);
}
