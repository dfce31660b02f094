using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// Connects a WhatsApp number to an organization, manually (WABA id, phone number id and a token, checked with Meta before
/// anything is stored) or through Embedded Signup (code exchange, app subscription, best-effort registration with a PIN).
/// A number already connected and active anywhere cannot be connected twice; reconnecting a disconnected number reuses its
/// rows, so its history continues.
/// </summary>
public sealed class WhatsAppConnector(
    InboxDb inboxDb, WhatsAppGraphClient graph, ChannelSecrets secrets, MetaAppConfigService metaApps, WhatsAppAccountService accounts,
    TimeProvider clock, ILogger<WhatsAppConnector> logger)
{
    public const int MaxMetaIdLength = 64;

    public async Task<WhatsAppAccountDto> ConnectManualAsync(Actor actor, string wabaId, string phoneNumberId, string accessToken, string? alias, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var waba = MetaId("wabaId", wabaId);
        var phoneId = MetaId("phoneNumberId", phoneNumberId);
        var token = WhatsAppAccountService.CheckToken(accessToken);
        var name = alias is null ? null : WhatsAppAccountService.CheckAlias(alias);
        await EnsureNotConnectedAsync(phoneId, ct);

        GraphPhoneNumber phone;
        try
        {
            phone = await graph.GetPhoneNumberAsync(phoneId, token, ct);
        }
        catch (GraphApiException e)
        {
            throw WhatsAppAccountService.Refused(e, e.IsTokenProblem ? "accessToken" : "phoneNumberId");
        }
        await EnsureNumberInWabaAsync(waba, phoneId, token, ct);
        var subscribed = await WhatsAppAccountService.TrySubscribeAsync(graph, logger, waba, token, ct);
        var registration = phone.PlatformType == "CLOUD_API" ? RegistrationStatus.REGISTERED : RegistrationStatus.PENDING;
        var (account, _) = await SaveAsync(actor, waba, name, token, phone, subscribed, registration, null, ct);
        return account;
    }

    public async Task<EmbeddedSignupResultDto> ConnectEmbeddedAsync(Actor actor, string code, string wabaId, string phoneNumberId, string? pin, string? alias, CancellationToken ct = default)
        => await ConnectEmbeddedAsync(actor, code, wabaId, phoneNumberId, pin, alias, null, ct);

    /// <summary>Embedded Signup, also keeping the Meta business portfolio id (<paramref name="businessId"/>, from the signup's session info) on the account.</summary>
    public async Task<EmbeddedSignupResultDto> ConnectEmbeddedAsync(Actor actor, string code, string wabaId, string phoneNumberId, string? pin, string? alias,
        string? businessId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var trimmedCode = code?.Trim() ?? "";
        if (trimmedCode.Length is 0 or > 2000) throw InboxException.Invalid("code", "The code from Embedded Signup is required");
        var waba = MetaId("wabaId", wabaId);
        var phoneId = MetaId("phoneNumberId", phoneNumberId);
        var business = string.IsNullOrWhiteSpace(businessId) ? null : MetaId("businessId", businessId);
        if (pin is not null && (pin.Length != 6 || !pin.All(char.IsAsciiDigit))) throw InboxException.Invalid("pin", "The PIN must be 6 digits");
        var name = alias is null ? null : WhatsAppAccountService.CheckAlias(alias);
        await EnsureNotConnectedAsync(phoneId, ct);
        var app = await metaApps.ResolveForExchangeAsync(actor.Org, ct);

        string token;
        try
        {
            token = await graph.ExchangeCodeAsync(app.AppId, app.AppSecret, trimmedCode, ct);
        }
        catch (GraphApiException e)
        {
            throw WhatsAppAccountService.Refused(e, "code");
        }
        var subscribed = await WhatsAppAccountService.TrySubscribeAsync(graph, logger, waba, token, ct);
        var phone = await EnsureNumberInWabaAsync(waba, phoneId, token, ct);

        var registration = phone.PlatformType == "CLOUD_API" ? RegistrationStatus.REGISTERED : RegistrationStatus.PENDING;
        string? registrationError = null;
        if (pin is not null)
        {
            try
            {
                await graph.RegisterPhoneNumberAsync(phoneId, pin, token, ct);
                registration = RegistrationStatus.REGISTERED;
            }
            catch (GraphApiException e)
            {
                // Registration is best effort: the WABA stays connected and the number reports the failure.
                registration = RegistrationStatus.REGISTRATION_FAILED;
                registrationError = Cut(e.Code == 0 ? e.Message : $"{e.Message} (Meta code {e.Code})", 1000);
                logger.LogWarning("Registering phone number {PhoneNumberId} failed: Meta code {Code}: {Message}", phoneId, e.Code, e.Message);
            }
        }
        var (account, number) = await SaveAsync(actor, waba, name, token, phone, subscribed, registration, registrationError, ct, business);
        var phoneStatus = registration switch
        {
            RegistrationStatus.REGISTERED => "registered",
            RegistrationStatus.REGISTRATION_FAILED => "registration_failed",
            _ => "pending",
        };
        return new EmbeddedSignupResultDto("connected", phoneStatus, number.RegistrationError, account);
    }

    /// <summary>409 when the Meta phone number is already connected and active, in this or any other organization.</summary>
    private async Task EnsureNotConnectedAsync(string metaPhoneNumberId, CancellationToken ct)
    {
        await using var db = inboxDb.System();
        if (await db.PhoneNumbers.AnyAsync(p => p.MetaPhoneNumberId == metaPhoneNumberId && p.IsActive, ct))
            throw InboxException.Conflict("This phone number is already connected. Disconnect it first to connect it again.");
    }

    /// <summary>The number as the WABA lists it; 400 when the WABA cannot be read or does not hold the number.</summary>
    private async Task<GraphPhoneNumber> EnsureNumberInWabaAsync(string wabaId, string phoneNumberId, string token, CancellationToken ct)
    {
        IReadOnlyList<GraphPhoneNumber> numbers;
        try
        {
            numbers = await graph.ListPhoneNumbersAsync(wabaId, token, ct);
        }
        catch (GraphApiException e)
        {
            throw WhatsAppAccountService.Refused(e, e.IsTokenProblem ? "accessToken" : "wabaId");
        }
        return numbers.FirstOrDefault(n => n.Id == phoneNumberId)
            ?? throw InboxException.Invalid("phoneNumberId", $"Phone number {phoneNumberId} does not belong to WhatsApp Business account {wabaId}");
    }

    private async Task<(WhatsAppAccountDto Account, PhoneNumber Number)> SaveAsync(Actor actor, string wabaId, string? alias, string token,
        GraphPhoneNumber phone, bool subscribed, RegistrationStatus registration, string? registrationError, CancellationToken ct, string? businessId = null)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        // Reuse this organization's account for the WABA (connected, or disconnected: reconnecting keeps its history).
        var existing = await db.WhatsAppAccounts.Include(a => a.PhoneNumbers).Where(a => a.WabaId == wabaId && !a.IsSandbox).ToListAsync(ct);
        var account = existing.OrderBy(a => a.Status).ThenByDescending(a => a.UpdatedAt).FirstOrDefault();
        if (account is null)
        {
            account = new WhatsAppAccount { WabaId = wabaId, Alias = alias ?? DefaultAlias(phone), CreatedAt = now };
            db.WhatsAppAccounts.Add(account);
        }
        else if (alias is not null)
        {
            account.Alias = alias;
        }
        account.Status = WhatsAppAccountStatus.CONNECTED;
        account.DisconnectedAt = null;
        if (businessId is not null) account.BusinessId = businessId;
        account.AccessTokenProtected = secrets.ProtectToken(token);
        account.AppSubscribed = subscribed;
        account.UpdatedAt = now;

        var number = account.PhoneNumbers.FirstOrDefault(p => p.MetaPhoneNumberId == phone.Id);
        if (number is null)
        {
            number = new PhoneNumber { AccountId = account.Id, MetaPhoneNumberId = phone.Id, DisplayPhoneNumber = "", CreatedAt = now };
            account.PhoneNumbers.Add(number);
        }
        number.IsActive = true;
        number.DisplayPhoneNumber = Cut(phone.DisplayPhoneNumber ?? phone.Id, 32);
        number.VerifiedName = phone.VerifiedName is null ? null : Cut(phone.VerifiedName, 200);
        number.QualityRating = Cut(phone.QualityRating ?? "UNKNOWN", 16);
        number.MessagingLimitTier = phone.MessagingLimitTier is null ? null : Cut(phone.MessagingLimitTier, 32);
        number.ThroughputLevel = phone.ThroughputLevel is null ? null : Cut(phone.ThroughputLevel, 32);
        number.RegistrationStatus = registration;
        number.RegistrationError = registrationError;
        number.UpdatedAt = now;
        var registered = phone with { PlatformType = registration == RegistrationStatus.REGISTERED ? "CLOUD_API" : phone.PlatformType };
        var (capabilities, _) = CapabilityRules.Evaluate(account, number, new HealthFacts(registered, null, null, null, subscribed, null, true));
        number.CanReceiveMessages = capabilities.CanReceiveMessages;
        number.CanSendMessages = capabilities.CanSendMessages;
        number.CanSendTemplates = capabilities.CanSendTemplates;

        // A concurrent connect of the same number may have won meanwhile.
        await EnsureNotConnectedAsync(phone.Id, ct);
        if (registration == RegistrationStatus.REGISTRATION_FAILED)
        {
            number.OrganizationId = actor.Org;
            number.AccountId = account.Id;
            await ChannelAlertService.AddAsync(db, ChannelAlertRules.RegistrationFailed(number, registrationError ?? "unknown error", now), ct);
        }
        await db.SaveChangesAsync(ct);
        return (accounts.ToDto(account), number);
    }

    private static string DefaultAlias(GraphPhoneNumber phone) =>
        Cut(phone.VerifiedName ?? ("WhatsApp " + (phone.DisplayPhoneNumber ?? phone.Id)), WhatsAppAccountService.MaxAliasLength);

    private static string MetaId(string field, string? value)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw InboxException.Invalid(field, $"The {field} is required");
        if (trimmed.Length > MaxMetaIdLength || !trimmed.All(char.IsAsciiDigit))
            throw InboxException.Invalid(field, $"The {field} must be a numeric Meta id");
        return trimmed;
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
