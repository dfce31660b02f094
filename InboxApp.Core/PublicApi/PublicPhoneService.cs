using Hangfire;
using InboxApp.Core.Messaging;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.PublicApi;

/// <summary>
/// The organization's phone numbers and their readiness for the public API. Readiness is computed from stored state
/// (<see cref="CapabilityRules.EvaluateStored"/>); asking for it also queues a resync with Meta, at most one per number and
/// interval however many calls arrive (a conditional update claims the slot, so concurrent calls queue one job). Admins
/// (and the organization's API keys, which act as admins) only.
/// </summary>
public sealed class PublicPhoneService(InboxDb inboxDb, ChannelSecrets secrets, TimeProvider clock, IServiceProvider services, IOptions<PublicApiOptions> options)
{
    public async Task<(IReadOnlyList<PublicPhone> Items, int Total)> ListAsync(Actor actor, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var query = db.PhoneNumbers.AsNoTracking();
        var total = await query.CountAsync(ct);
        var rows = await query.Include(p => p.Account).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (rows.Select(ToPublic).ToList(), total);
    }

    public async Task<PublicPhone> GetAsync(Actor actor, Guid phoneId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        return ToPublic(await LoadAsync(db, phoneId, ct));
    }

    public async Task<PublicPhoneHealth> HealthAsync(Actor actor, Guid phoneId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var number = await LoadAsync(db, phoneId, ct);
        var account = number.Account!;
        var (capabilities, reasons) = Evaluate(number);
        var queued = await QueueResyncAsync(db, actor.Org, phoneId, ct);
        return new PublicPhoneHealth(number.Id, number.RegistrationStatus == RegistrationStatus.REGISTERED, number.RegistrationStatus, capabilities, reasons,
            number.QualityRating, number.MessagingLimitTier, account.IsSandbox || account.AppSubscribed, account.Status, account.BanState,
            (account.Restrictions ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), number.HealthCheckedAt, queued);
    }

    /// <summary>Claims the number's resync slot (free when never queued or queued longer than the interval ago) and queues the job.</summary>
    private async Task<bool> QueueResyncAsync(InboxDbContext db, Guid org, Guid phoneId, CancellationToken ct)
    {
        if (services.GetService<IBackgroundJobClient>() is not { } jobs) return false;
        var now = clock.GetUtcNow();
        var cutoff = now - options.Value.HealthResyncInterval;
        var claimed = await db.PhoneNumbers.Where(p => p.Id == phoneId && (p.HealthResyncQueuedAt == null || p.HealthResyncQueuedAt <= cutoff))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.HealthResyncQueuedAt, now), ct);
        if (claimed == 0) return false;
        jobs.Enqueue<PhoneHealthResyncJob>(j => j.RunAsync(org, phoneId, CancellationToken.None));
        return true;
    }

    private static async Task<PhoneNumber> LoadAsync(InboxDbContext db, Guid phoneId, CancellationToken ct) =>
        await db.PhoneNumbers.AsNoTracking().Include(p => p.Account).FirstOrDefaultAsync(p => p.Id == phoneId, ct) ?? throw InboxException.NotFound("Phone number");

    private (CapabilitiesDto, IReadOnlyList<HealthReasonDto>) Evaluate(PhoneNumber number) =>
        CapabilityRules.EvaluateStored(number.Account!, number, number.Account!.IsSandbox || secrets.UnprotectToken(number.Account.AccessTokenProtected) is not null);

    private PublicPhone ToPublic(PhoneNumber p)
    {
        var account = p.Account!;
        var (capabilities, _) = Evaluate(p);
        return new PublicPhone(p.Id, p.AccountId, account.WabaId, p.MetaPhoneNumberId, p.DisplayPhoneNumber, p.VerifiedName, account.IsSandbox, account.Status,
            p.IsActive, p.RegistrationStatus == RegistrationStatus.REGISTERED, p.RegistrationStatus, p.QualityRating, p.MessagingLimitTier, capabilities,
            p.CreatedAt, p.UpdatedAt);
    }
}
