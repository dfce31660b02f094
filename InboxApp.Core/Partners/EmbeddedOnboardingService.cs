using InboxApp.Core.Messaging;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Partners;

public sealed record ConnectTokenDto(string Token, DateTimeOffset ExpiresAt, string ConnectUrl);

public sealed record OnboardResult(string WabaStatus, string PhoneStatus, Guid? PhoneNumberId, string? RedirectUrl);

public enum ConnectPageState { READY, UNKNOWN, EXPIRED, USED }

/// <summary>What the connect page shows: the signup (Meta or sandbox) for a usable token, or why not.</summary>
public sealed record ConnectPage(
    ConnectPageState State, string WorkspaceSlug, Guid? AccountId, string? OrganizationName, string? Token, bool Sandbox,
    string? MetaAppId, string? MetaConfigId, string GraphApiVersion, IReadOnlyList<string> FrameAncestors, string? RedirectUrl);

/// <summary>
/// The embedded onboarding of a WhatsApp number: a partner mints a short-lived single-use connect token for one of its
/// accounts, the connect page (in the partner's iframe, or an onboarding link's hosted page) runs Meta's Embedded Signup
/// (or connects a sandbox number when the platform has no Meta app), and onboard reserves the token atomically and
/// connects the number through <see cref="WhatsAppConnector"/>.
/// </summary>
public sealed class EmbeddedOnboardingService(
    InboxDb inboxDb, PartnerService partners, WhatsAppConnector connector, SandboxService sandbox, WhatsAppAccountService accounts,
    IOptions<WhatsAppOptions> whatsApp, IOptions<PartnerOptions> options, TimeProvider clock)
{
    public const string TokenExpiredCode = "TOKEN_EXPIRED";

    /// <summary>True when the platform has a Meta app for Embedded Signup (app id, secret and configuration id); otherwise the page offers a sandbox number.</summary>
    public bool MetaConfigured => whatsApp.Value is { AppId.Length: > 0, AppSecret.Length: > 0, ConfigId.Length: > 0 };

    public static string ConnectPagePath(string workspaceSlug, string token) =>
        $"/api/v1/workspace/{workspaceSlug}/whatsapp/connect-page?token={Uri.EscapeDataString(token)}";

    public async Task<ConnectTokenDto> MintAsync(PartnerCaller partner, string workspaceSlug, Guid accountId, string publicRoot, CancellationToken ct = default)
    {
        var org = await partners.ResolveAccountAsync(partner.PartnerId, workspaceSlug, accountId, ct);
        var (token, expiresAt) = await MintAsync(org.Id, partner.PartnerId, null, ct);
        return new ConnectTokenDto(token, expiresAt, publicRoot + ConnectPagePath(WorkspaceSlug.Encode(org.Slug), token));
    }

    /// <summary>A new token for the organization (stored as its hash), for a partner or an onboarding link.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> MintAsync(Guid organizationId, Guid? partnerId, Guid? onboardingLinkId, CancellationToken ct = default)
    {
        var token = Secrets.NewToken(32);
        var now = clock.GetUtcNow();
        var row = new WhatsAppConnectToken
        {
            OrganizationId = organizationId, TokenHash = Secrets.Hash(token), PartnerId = partnerId, OnboardingLinkId = onboardingLinkId,
            CreatedAt = now, ExpiresAt = now.AddMinutes(options.Value.ConnectTokenMinutes),
        };
        await using var db = inboxDb.For(organizationId);
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return (token, row.ExpiresAt);
    }

    /// <summary>The connect page for <paramref name="token"/>: never the signup for an unknown, expired or used token, or one of another workspace.</summary>
    public async Task<ConnectPage> PageAsync(string workspaceSlug, string? token, CancellationToken ct = default)
    {
        var found = await FindAsync(workspaceSlug, token, ct);
        if (found is not var (row, org, frameAncestors, redirect))
            return new ConnectPage(ConnectPageState.UNKNOWN, workspaceSlug, null, null, null, false, null, null, whatsApp.Value.GraphApiVersion, [], null);
        var state = row.CompletedAt is not null || row.ReservedAt is not null ? ConnectPageState.USED
            : row.ExpiresAt <= clock.GetUtcNow() ? ConnectPageState.EXPIRED
            : ConnectPageState.READY;
        var meta = MetaConfigured;
        return new ConnectPage(state, workspaceSlug, org.Id, org.Name, state == ConnectPageState.READY ? token : null, !meta,
            meta ? whatsApp.Value.AppId : null, meta ? whatsApp.Value.ConfigId : null, whatsApp.Value.GraphApiVersion, frameAncestors, redirect);
    }

    /// <summary>
    /// Finishes the signup: reserves the token (one concurrent call wins, the others get 409), connects the number (Meta:
    /// code exchange, app subscription, best-effort registration; sandbox: a new sandbox number), then marks the token and
    /// its onboarding link done. A failed connection frees the token again so the page can retry while it is valid.
    /// </summary>
    public async Task<OnboardResult> OnboardAsync(string workspaceSlug, Guid accountId, string token, bool useSandbox,
        string? code, string? wabaId, string? phoneNumberId, string? businessId, CancellationToken ct = default)
    {
        var found = await FindAsync(workspaceSlug, token, ct);
        if (found is not var (row, org, _, redirect) || row.OrganizationId != accountId) throw InboxException.NotFound("Connect token");
        AccountService.EnsureOrganizationActive(org.Status);
        if (useSandbox && MetaConfigured)
            throw InboxException.Invalid("sandbox", "A Meta app is configured: connect the number with Embedded Signup, not the sandbox");
        if (!useSandbox)
        {
            if (string.IsNullOrWhiteSpace(code)) throw InboxException.Invalid("code", "The code from Embedded Signup is required");
            if (string.IsNullOrWhiteSpace(wabaId)) throw InboxException.Invalid("waba_id", "The waba_id is required");
            if (string.IsNullOrWhiteSpace(phoneNumberId)) throw InboxException.Invalid("phone_number_id", "The phone_number_id is required");
        }
        await ReserveAsync(row, ct);

        OnboardResult result;
        try
        {
            var actor = new Actor(null, org.Id, UserRole.ADMIN);
            if (useSandbox)
            {
                var number = await sandbox.CreateNumberAsync(actor, "Sandbox", ct);
                result = new OnboardResult("connected", "registered", number.Id, null);
            }
            else
            {
                // Registration needs a two-step verification PIN: a new random one is set (Meta keeps it; the partner can change it in WhatsApp Manager).
                var connected = await connector.ConnectEmbeddedAsync(actor, code!, wabaId!, phoneNumberId!, Secrets.NewNumericCode(6), null, businessId, ct);
                var number = connected.Account.PhoneNumbers.FirstOrDefault(p => p.MetaPhoneNumberId == phoneNumberId!.Trim());
                result = new OnboardResult(connected.WabaStatus, connected.PhoneStatus, number?.Id, null);
            }
        }
        catch
        {
            await using var release = inboxDb.For(org.Id);
            await release.Set<WhatsAppConnectToken>().Where(t => t.Id == row.Id && t.CompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReservedAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }

        var now = clock.GetUtcNow();
        await using (var db = inboxDb.For(org.Id))
        {
            await db.Set<WhatsAppConnectToken>().Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.CompletedAt, now), CancellationToken.None);
            if (row.OnboardingLinkId is { } linkId)
                await db.Set<OnboardingLink>().Where(l => l.Id == linkId).ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Status, OnboardingLinkStatus.COMPLETED)
                    .SetProperty(l => l.CompletedAt, now)
                    .SetProperty(l => l.PhoneNumberId, result.PhoneNumberId), CancellationToken.None);
        }
        return redirect is null ? result : result with
        {
            RedirectUrl = OnboardingLinkService.Outcome(redirect, row.OnboardingLinkId!.Value, "connected", result.PhoneStatus, result.PhoneNumberId, null),
        };
    }

    /// <summary>Disconnects every connected WhatsApp account of the partner's account (history kept); the number of accounts disconnected.</summary>
    public async Task<int> DisconnectAsync(PartnerCaller partner, string workspaceSlug, Guid accountId, CancellationToken ct = default)
    {
        var org = await partners.ResolveAccountAsync(partner.PartnerId, workspaceSlug, accountId, ct);
        var actor = new Actor(null, org.Id, UserRole.ADMIN);
        var connected = (await accounts.ListAsync(actor, ct)).Where(a => a.Status == WhatsAppAccountStatus.CONNECTED).ToList();
        foreach (var account in connected) await accounts.DisconnectAsync(actor, account.Id, ct);
        return connected.Count;
    }

    private async Task ReserveAsync(WhatsAppConnectToken row, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (row.CompletedAt is not null || row.ReservedAt is not null) throw UsedToken();
        if (row.ExpiresAt <= now) throw Expired();
        await using var db = inboxDb.For(row.OrganizationId);
        var won = await db.Set<WhatsAppConnectToken>()
            .Where(t => t.Id == row.Id && t.ReservedAt == null && t.CompletedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReservedAt, now), ct);
        if (won == 0) throw UsedToken();
    }

    private static InboxException UsedToken() => InboxException.Conflict("This connect token was already used: ask for a new connect page");

    private static InboxException Expired() => InboxException.Forbidden("The connect token has expired: ask for a new connect page", TokenExpiredCode);

    /// <summary>The token's row and organization when the token exists and belongs to the workspace; the origins that may frame its page; an onboarding link's redirect.</summary>
    private async Task<(WhatsAppConnectToken Row, Organization Org, IReadOnlyList<string> FrameAncestors, string? Redirect)?> FindAsync(
        string workspaceSlug, string? token, CancellationToken ct)
    {
        var slug = WorkspaceSlug.Decode(workspaceSlug);
        if (slug is null || string.IsNullOrEmpty(token) || token.Length > 200) return null;
        var hash = Secrets.Hash(token);
        await using var db = inboxDb.System();
        var row = await db.Set<WhatsAppConnectToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (row is null) return null;
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == row.OrganizationId, ct);
        if (org is null || org.Slug != slug) return null;
        // The partner's registered origins and the organization's own (FrameOriginsService).
        var ancestors = await FrameOriginsService.AncestorsAsync(db, org.Id, ct);
        string? redirect = null;
        if (row.OnboardingLinkId is { } linkId)
            redirect = await db.Set<OnboardingLink>().AsNoTracking().Where(l => l.Id == linkId).Select(l => l.RedirectUrl).FirstOrDefaultAsync(ct);
        return (row, org, ancestors, redirect);
    }
}
