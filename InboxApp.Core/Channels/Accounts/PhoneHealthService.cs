using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// Live health from Meta: the phone numbers, the WABA and its subscribed apps are fetched in parallel, mapped to capability
/// flags with reasons, stored on the numbers, and turned into alerts (token refused, quality or limit changes).
/// </summary>
public sealed class PhoneHealthService(InboxDb inboxDb, WhatsAppGraphClient graph, ChannelSecrets secrets, MetaAppConfigService metaApps, TimeProvider clock)
{
    public async Task<AccountHealthDto> CheckAccountAsync(Actor actor, Guid accountId, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        return await CheckAsync(actor.Org, a => a.Id == accountId, null, ct) ?? throw InboxException.NotFound("WhatsApp account");
    }

    public async Task<PhoneHealthDto> CheckNumberAsync(Actor actor, Guid phoneNumberId, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        Guid accountId;
        await using (var db = inboxDb.For(actor.Org))
        {
            accountId = await db.PhoneNumbers.Where(p => p.Id == phoneNumberId).Select(p => (Guid?)p.AccountId).FirstOrDefaultAsync(ct)
                ?? throw InboxException.NotFound("Phone number");
        }
        var health = await CheckAsync(actor.Org, a => a.Id == accountId, phoneNumberId, ct) ?? throw InboxException.NotFound("Phone number");
        return health.PhoneNumbers.Single();
    }

    /// <summary>
    /// A background resync of one number with Meta (no caller: the public API's health call queues it), storing the
    /// refreshed values and flags. False when the number is gone.
    /// </summary>
    public async Task<bool> ResyncNumberAsync(Guid organizationId, Guid phoneNumberId, CancellationToken ct = default)
    {
        Guid? accountId;
        await using (var db = inboxDb.For(organizationId))
            accountId = await db.PhoneNumbers.Where(p => p.Id == phoneNumberId).Select(p => (Guid?)p.AccountId).FirstOrDefaultAsync(ct);
        return accountId is { } id && await CheckAsync(organizationId, a => a.Id == id, phoneNumberId, ct) is not null;
    }

    private async Task<AccountHealthDto?> CheckAsync(Guid organizationId, System.Linq.Expressions.Expression<Func<WhatsAppAccount, bool>> which, Guid? onlyNumber, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var account = await db.WhatsAppAccounts.Include(a => a.PhoneNumbers).FirstOrDefaultAsync(which, ct);
        if (account is null) return null;
        var numbers = account.PhoneNumbers.Where(p => onlyNumber is null || p.Id == onlyNumber).OrderByDescending(p => p.IsActive).ThenBy(p => p.CreatedAt).ToList();
        var now = clock.GetUtcNow();
        var token = secrets.UnprotectToken(account.AccessTokenProtected);
        var live = !account.IsSandbox && account.Status == WhatsAppAccountStatus.CONNECTED;
        // The readiness partners read, before this check changes anything (the subscription below included).
        var hasToken = account.IsSandbox || token is not null;
        var before = numbers.ToDictionary(n => n.Id, n => CapabilityRules.StoredState(account, n, hasToken));

        HealthFacts? shared = null;
        var phones = new Dictionary<Guid, (GraphPhoneNumber? Phone, GraphApiException? Error)>();
        if (live && token is not null)
        {
            var ourApp = await metaApps.OurAppIdAsync(organizationId, ct);
            // One round trip's worth of latency: the WABA, its subscribed apps and every number at once.
            var wabaTask = Try(() => graph.GetWabaAsync(account.WabaId, token, ct));
            var appsTask = Try(() => graph.GetSubscribedAppsAsync(account.WabaId, token, ct));
            var phoneTasks = numbers.Where(n => n.IsActive).ToDictionary(n => n.Id, n => Try(() => graph.GetPhoneNumberAsync(n.MetaPhoneNumberId, token, ct)));
            await Task.WhenAll(phoneTasks.Values.Cast<Task>().Append(wabaTask).Append(appsTask));
            var (waba, wabaError) = await wabaTask;
            var (apps, appsError) = await appsTask;
            bool? subscribed = apps is null ? null : ourApp is null ? apps.Count > 0 : apps.Contains(ourApp);
            shared = new HealthFacts(null, null, waba, wabaError, subscribed, appsError, true);
            foreach (var (id, task) in phoneTasks) phones[id] = await task;
            if (subscribed is { } s) account.AppSubscribed = s;
        }
        else if (live)
        {
            shared = new HealthFacts(null, null, null, null, null, null, false);
        }

        var results = new List<PhoneHealthDto>();
        var alerts = new List<ChannelAlert>();
        foreach (var number in numbers)
        {
            var facts = shared is null ? null : phones.TryGetValue(number.Id, out var p) ? shared with { Phone = p.Phone, PhoneError = p.Error } : shared;
            if (facts?.Phone is { } phone) alerts.AddRange(Refresh(number, phone, now));
            var (capabilities, reasons) = CapabilityRules.Evaluate(account, number, facts);
            number.CanReceiveMessages = capabilities.CanReceiveMessages;
            number.CanSendMessages = capabilities.CanSendMessages;
            number.CanSendTemplates = capabilities.CanSendTemplates;
            number.HealthReasonsJson = CapabilityRules.SerializeReasons(reasons);
            number.HealthCheckedAt = now;
            number.UpdatedAt = now;
            results.Add(new PhoneHealthDto(number.Id, account.Id, capabilities, reasons, PhoneView(number, facts?.Phone), WabaView(shared?.Waba),
                account.IsSandbox || account.AppSubscribed, shared?.TokenError is null && shared?.HasToken != false, now));
        }
        if (shared?.TokenError is { } tokenError)
            alerts.Add(ChannelAlertRules.TokenRefused(organizationId, account.Id, account.Alias, tokenError.Message, now));
        await ChannelAlertService.AddAsync(db, alerts, ct);
        // Partners hear of a real change only (phone.health_changed), in the transaction that stores it.
        foreach (var number in numbers)
        {
            var after = CapabilityRules.StoredState(account, number, hasToken);
            if (after != before[number.Id]) db.Raise(new PhoneNumberHealthChanged(organizationId, number.Id, before[number.Id], after));
        }
        await db.SaveChangesAsync(ct);
        return new AccountHealthDto(account.Id, account.WabaId, WabaView(shared?.Waba), account.IsSandbox || account.AppSubscribed,
            shared?.TokenError is null && shared?.HasToken != false, results, now);
    }

    /// <summary>Stores Meta's current values on the number; returns the alerts the change calls for.</summary>
    private static IEnumerable<ChannelAlert> Refresh(PhoneNumber number, GraphPhoneNumber phone, DateTimeOffset now)
    {
        var previousQuality = number.QualityRating;
        var previousTier = number.MessagingLimitTier;
        if (phone.DisplayPhoneNumber is { } display) number.DisplayPhoneNumber = Cut(display, 32);
        if (phone.VerifiedName is { } verified) number.VerifiedName = Cut(verified, 200);
        if (phone.QualityRating is { } quality) number.QualityRating = Cut(quality.ToUpperInvariant(), 16);
        if (phone.MessagingLimitTier is { } tier) number.MessagingLimitTier = Cut(tier, 32);
        if (phone.ThroughputLevel is { } throughput) number.ThroughputLevel = Cut(throughput, 32);
        if (phone.PlatformType == "CLOUD_API")
        {
            number.RegistrationStatus = RegistrationStatus.REGISTERED;
            number.RegistrationError = null;
        }
        else if (number.RegistrationStatus == RegistrationStatus.REGISTERED)
        {
            number.RegistrationStatus = RegistrationStatus.PENDING;
        }
        return ChannelAlertRules.ForNumberChange(number, previousQuality, previousTier, null, now).ToList();
    }

    private static HealthPhoneDto PhoneView(PhoneNumber number, GraphPhoneNumber? live) => new(
        live?.DisplayPhoneNumber ?? number.DisplayPhoneNumber, live?.VerifiedName ?? number.VerifiedName, live?.Status,
        live?.QualityRating ?? number.QualityRating, live?.MessagingLimitTier ?? number.MessagingLimitTier, live?.ThroughputLevel ?? number.ThroughputLevel,
        live?.NameStatus, live?.PlatformType, live is null ? number.RegistrationStatus == RegistrationStatus.REGISTERED : live.PlatformType == "CLOUD_API");

    private static HealthWabaDto? WabaView(GraphWaba? waba) => waba is null ? null : new(waba.Id, waba.Name, waba.AccountReviewStatus, waba.Currency);

    private static async Task<(T? Value, GraphApiException? Error)> Try<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return (await call(), null);
        }
        catch (GraphApiException e)
        {
            return (null, e);
        }
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
