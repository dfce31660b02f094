using System.Security.Cryptography;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Partners;

public sealed record OnboardingLinkDto(
    Guid Id, string Name, string HostedUrl, string RedirectUrl, DateTimeOffset ExpiresAt, OnboardingLinkStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, Guid? PhoneNumberId);

/// <summary>What the hosted page of a link opens: the connect page of a fresh token, or why it cannot.</summary>
public sealed record HostedOnboarding(OnboardingLinkStatus? Status, string? WorkspaceSlug, string? Token, string? RedirectUrl, Guid? LinkId);

/// <summary>
/// Onboarding links (<c>/v1/onboarding-links</c>): an organization sends the hosted URL to its end user, who runs the same
/// Embedded Signup (or sandbox) as the partner connect page; the page then redirects to the link's <c>redirectUrl</c> with the
/// outcome. The hosted URL carries the link id sealed with Data Protection: nothing secret is stored, and the link's state in
/// the database decides whether it still opens. Admins (and organization API keys) only.
/// </summary>
public sealed class OnboardingLinkService(
    InboxDb inboxDb, EmbeddedOnboardingService onboarding, IDataProtectionProvider protection, IHostEnvironment environment,
    IOptions<PartnerOptions> options, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2000;
    public const string HostedPath = "/onboarding/";

    private readonly IDataProtector protector = protection.CreateProtector("InboxApp.OnboardingLinks.v1");

    public async Task<OnboardingLinkDto> CreateAsync(Actor actor, string name, string redirectUrl, string publicRoot, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength) throw InboxException.Invalid("name", $"The name must be 1 to {MaxNameLength} characters");
        var url = CheckRedirectUrl(redirectUrl);
        var now = clock.GetUtcNow();
        var link = new OnboardingLink
        {
            Name = trimmed, RedirectUrl = url, CreatedAt = now, ExpiresAt = now.AddDays(options.Value.OnboardingLinkDays), CreatedByApiKeyId = actor.ApiKeyId,
        };
        await using var db = inboxDb.For(actor.Org);
        db.Add(link);
        await db.SaveChangesAsync(ct);
        return ToDto(link, publicRoot, now);
    }

    public async Task<(IReadOnlyList<OnboardingLinkDto> Items, int Total)> ListAsync(Actor actor, int skip, int take, string publicRoot, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var query = db.Set<OnboardingLink>().AsNoTracking();
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Skip(skip).Take(take).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return (rows.Select(l => ToDto(l, publicRoot, now)).ToList(), total);
    }

    public async Task<OnboardingLinkDto> GetAsync(Actor actor, Guid id, string publicRoot, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var link = await db.Set<OnboardingLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw InboxException.NotFound("Onboarding link");
        return ToDto(link, publicRoot, clock.GetUtcNow());
    }

    /// <summary>Closes the link at once: its hosted page no longer opens. A completed link stays completed (409).</summary>
    public async Task<OnboardingLinkDto> ExpireAsync(Actor actor, Guid id, string publicRoot, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var link = await db.Set<OnboardingLink>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw InboxException.NotFound("Onboarding link");
        if (link.Status == OnboardingLinkStatus.COMPLETED) throw InboxException.Conflict("This onboarding link was already completed");
        var now = clock.GetUtcNow();
        if (link.Status == OnboardingLinkStatus.ACTIVE)
        {
            link.Status = OnboardingLinkStatus.EXPIRED;
            if (link.ExpiresAt > now) link.ExpiresAt = now;
            await db.SaveChangesAsync(ct);
        }
        return ToDto(link, publicRoot, now);
    }

    /// <summary>The hosted page: for an open link, a fresh connect token of its organization (a reload mints another); otherwise its state.</summary>
    public async Task<HostedOnboarding> OpenAsync(string sealedId, CancellationToken ct = default)
    {
        if (Unseal(sealedId) is not { } id) return new HostedOnboarding(null, null, null, null, null);
        OnboardingLink? link;
        string? slug;
        await using (var db = inboxDb.System())
        {
            link = await db.Set<OnboardingLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
            slug = link is null ? null : await db.Organizations.Where(o => o.Id == link.OrganizationId).Select(o => o.Slug).FirstOrDefaultAsync(ct);
        }
        if (link is null || slug is null) return new HostedOnboarding(null, null, null, null, null);
        var status = link.StatusAt(clock.GetUtcNow());
        if (status != OnboardingLinkStatus.ACTIVE) return new HostedOnboarding(status, null, null, link.RedirectUrl, link.Id);
        var (token, _) = await onboarding.MintAsync(link.OrganizationId, null, link.Id, ct);
        return new HostedOnboarding(status, WorkspaceSlug.Encode(slug), token, link.RedirectUrl, link.Id);
    }

    /// <summary><paramref name="redirectUrl"/> with the outcome in its query: <c>status</c>, <c>onboardingLinkId</c>, and <c>phoneStatus</c>/<c>phoneNumberId</c> or <c>error</c>.</summary>
    public static string Outcome(string redirectUrl, Guid linkId, string status, string? phoneStatus, Guid? phoneNumberId, string? error)
    {
        var query = new List<string> { "status=" + Uri.EscapeDataString(status), "onboardingLinkId=" + linkId };
        if (phoneStatus is not null) query.Add("phoneStatus=" + Uri.EscapeDataString(phoneStatus));
        if (phoneNumberId is not null) query.Add("phoneNumberId=" + phoneNumberId);
        if (error is not null) query.Add("error=" + Uri.EscapeDataString(error));
        var fragment = redirectUrl.IndexOf('#') is var hash and >= 0 ? redirectUrl[hash..] : "";
        var bare = fragment.Length > 0 ? redirectUrl[..^fragment.Length] : redirectUrl;
        return bare + (bare.Contains('?') ? "&" : "?") + string.Join('&', query) + fragment;
    }

    /// <summary>https only; http only to localhost (loopback) outside Production. 400 naming <c>redirectUrl</c> otherwise.</summary>
    public string CheckRedirectUrl(string? redirectUrl)
    {
        var value = redirectUrl?.Trim() ?? "";
        if (value.Length is 0 or > MaxUrlLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
            throw InboxException.Invalid("redirectUrl", $"The redirectUrl must be an absolute URL of at most {MaxUrlLength} characters");
        var ok = uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && !environment.IsProduction());
        if (!ok) throw InboxException.Invalid("redirectUrl", "The redirectUrl must use https (http only for localhost during development)");
        return value;
    }

    private OnboardingLinkDto ToDto(OnboardingLink l, string publicRoot, DateTimeOffset now) => new(
        l.Id, l.Name, publicRoot + HostedPath + protector.Protect(l.Id.ToString("N")), l.RedirectUrl, l.ExpiresAt, l.StatusAt(now),
        l.CreatedAt, l.CompletedAt, l.PhoneNumberId);

    private Guid? Unseal(string sealedId)
    {
        if (string.IsNullOrEmpty(sealedId) || sealedId.Length > 1000) return null;
        try
        {
            return Guid.TryParseExact(protector.Unprotect(sealedId), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
