using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// An organization's WhatsApp accounts and numbers: list, rename, replace the token (checked with Meta first) and
/// disconnect (history kept). Connecting lives in <see cref="WhatsAppConnector"/>, live health in <see cref="PhoneHealthService"/>.
/// </summary>
public sealed class WhatsAppAccountService(
    InboxDb inboxDb, WhatsAppGraphClient graph, ChannelSecrets secrets, TimeProvider clock, ILogger<WhatsAppAccountService> logger)
{
    public const int MaxAliasLength = 100;
    public const int MinTokenLength = 20;
    public const int MaxTokenLength = 1000;

    public async Task<IReadOnlyList<WhatsAppAccountDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var accounts = await db.WhatsAppAccounts.AsNoTracking().Include(a => a.PhoneNumbers).ToListAsync(ct);
        return accounts.OrderBy(a => a.Status).ThenBy(a => a.CreatedAt).Select(ToDto).ToList();
    }

    public async Task<WhatsAppAccountDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var account = await db.WhatsAppAccounts.AsNoTracking().Include(a => a.PhoneNumbers).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw InboxException.NotFound("WhatsApp account");
        return ToDto(account);
    }

    /// <summary>Renames the account and/or replaces its access token; a new token is checked with Meta before it is stored.</summary>
    public async Task<WhatsAppAccountDto> UpdateAsync(Actor actor, Guid id, string? alias, string? accessToken, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var newAlias = alias is null ? null : CheckAlias(alias);
        var newToken = accessToken is null ? null : CheckToken(accessToken);
        if (newAlias is null && newToken is null) throw InboxException.Invalid("alias", "Give a new alias or a new access token");
        await using var db = inboxDb.For(actor.Org);
        var account = await db.WhatsAppAccounts.Include(a => a.PhoneNumbers).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw InboxException.NotFound("WhatsApp account");
        if (newToken is not null)
        {
            if (account.IsSandbox) throw InboxException.Invalid("accessToken", "Sandbox accounts do not use an access token");
            if (account.Status != WhatsAppAccountStatus.CONNECTED)
                throw InboxException.Conflict("The account is disconnected: connect the number again instead of updating its token");
            await CheckTokenWithMetaAsync(account, newToken, ct);
            account.AccessTokenProtected = secrets.ProtectToken(newToken);
            if (!account.AppSubscribed) account.AppSubscribed = await TrySubscribeAsync(graph, logger, account.WabaId, newToken, ct);
        }
        if (newAlias is not null) account.Alias = newAlias;
        account.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ToDto(account);
    }

    /// <summary>
    /// Sets how fast the app sends from one number (messages per second, 1 to 1,000: Meta's default throughput is 80, a number
    /// upgraded by Meta sends up to 1,000). Campaigns and every other send are paced by it. Admins only.
    /// </summary>
    public async Task<PhoneNumberDto> SetSendRateAsync(Actor actor, Guid phoneNumberId, int ratePerSecond, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (ratePerSecond is < 1 or > MaxSendRatePerSecond) throw InboxException.Invalid("sendRatePerSecond", $"sendRatePerSecond must be between 1 and {MaxSendRatePerSecond}");
        await using var db = inboxDb.For(actor.Org);
        var number = await db.PhoneNumbers.FirstOrDefaultAsync(p => p.Id == phoneNumberId, ct) ?? throw InboxException.NotFound("Phone number");
        number.SendRatePerSecond = ratePerSecond;
        number.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return PhoneNumberDto.From(number);
    }

    /// <summary>The highest throughput Meta gives a number (messages per second).</summary>
    public const int MaxSendRatePerSecond = 1000;

    /// <summary>
    /// Unsubscribes our app from the WABA (best effort), marks the account disconnected and its numbers inactive (their
    /// inbound traffic is then unroutable) and forgets the token. Conversations and messages are kept. Repeating it is harmless.
    /// </summary>
    public async Task DisconnectAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var account = await db.WhatsAppAccounts.Include(a => a.PhoneNumbers).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw InboxException.NotFound("WhatsApp account");
        if (account.Status == WhatsAppAccountStatus.DISCONNECTED) return;
        if (!account.IsSandbox && secrets.UnprotectToken(account.AccessTokenProtected) is { } token && !await WabaSharedAsync(account, ct))
        {
            try
            {
                await graph.UnsubscribeAppAsync(account.WabaId, token, ct);
            }
            catch (GraphApiException e)
            {
                logger.LogWarning("Could not unsubscribe from WABA {WabaId} while disconnecting: Meta code {Code}: {Message}", account.WabaId, e.Code, e.Message);
            }
        }
        var now = clock.GetUtcNow();
        account.Status = WhatsAppAccountStatus.DISCONNECTED;
        account.DisconnectedAt = now;
        account.UpdatedAt = now;
        account.AppSubscribed = false;
        account.AccessTokenProtected = null;
        foreach (var number in account.PhoneNumbers)
        {
            number.IsActive = false;
            number.CanReceiveMessages = number.CanSendMessages = number.CanSendTemplates = false;
            number.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    public WhatsAppAccountDto ToDto(WhatsAppAccount a) => new(
        a.Id, a.WabaId, a.BusinessId, a.Alias, a.Status, a.IsSandbox, a.AppSubscribed, secrets.MaskToken(a.AccessTokenProtected),
        a.CreatedAt, a.UpdatedAt, a.DisconnectedAt,
        a.PhoneNumbers.OrderByDescending(p => p.IsActive).ThenBy(p => p.CreatedAt).Select(PhoneNumberDto.From).ToList());

    public static string CheckAlias(string alias)
    {
        var trimmed = alias.Trim();
        if (trimmed.Length == 0) throw InboxException.Invalid("alias", "The alias cannot be blank");
        if (trimmed.Length > MaxAliasLength) throw InboxException.Invalid("alias", $"The alias must be at most {MaxAliasLength} characters");
        return trimmed;
    }

    public static string CheckToken(string token)
    {
        var trimmed = token.Trim();
        if (trimmed.Length is < MinTokenLength or > MaxTokenLength || trimmed.Any(char.IsWhiteSpace))
            throw InboxException.Invalid("accessToken", $"The access token must be {MinTokenLength} to {MaxTokenLength} characters without spaces");
        return trimmed;
    }

    /// <summary>Meta's refusal as our error: 400 with Meta's message on <paramref name="field"/>, or 502 when Meta could not be reached.</summary>
    public static InboxException Refused(GraphApiException e, string field) => e.HttpStatus is 0 or >= 500
        ? new InboxException(502, "META_UNAVAILABLE", "Meta could not be reached to check this: " + e.Message)
        : InboxException.Invalid(field, e.Message);

    /// <summary>Subscribes our app to the WABA's webhooks; false (and logged) when Meta refuses.</summary>
    public static async Task<bool> TrySubscribeAsync(WhatsAppGraphClient graph, ILogger logger, string wabaId, string token, CancellationToken ct)
    {
        try
        {
            await graph.SubscribeAppAsync(wabaId, token, ct);
            return true;
        }
        catch (GraphApiException e)
        {
            logger.LogWarning("Could not subscribe the app to WABA {WabaId}: Meta code {Code}: {Message}", wabaId, e.Code, e.Message);
            return false;
        }
    }

    private async Task CheckTokenWithMetaAsync(WhatsAppAccount account, string token, CancellationToken ct)
    {
        try
        {
            if (account.PhoneNumbers.FirstOrDefault(p => p.IsActive) is { } number) await graph.GetPhoneNumberAsync(number.MetaPhoneNumberId, token, ct);
            else await graph.ListPhoneNumbersAsync(account.WabaId, token, ct);
        }
        catch (GraphApiException e)
        {
            if (e.IsTokenProblem)
            {
                var now = clock.GetUtcNow();
                await using var db = inboxDb.For(account.OrganizationId);
                await ChannelAlertService.AddAsync(db, ChannelAlertRules.TokenRefused(account.OrganizationId, account.Id, account.Alias, e.Message, now, newToken: true), ct);
                await db.SaveChangesAsync(ct);
            }
            throw Refused(e, "accessToken");
        }
    }

    /// <summary>Another connected account (any organization) uses the same WABA: unsubscribing would cut its webhooks too.</summary>
    private async Task<bool> WabaSharedAsync(WhatsAppAccount account, CancellationToken ct)
    {
        await using var db = inboxDb.System();
        return await db.WhatsAppAccounts.AnyAsync(a => a.WabaId == account.WabaId && a.Id != account.Id && a.Status == WhatsAppAccountStatus.CONNECTED, ct);
    }
}
