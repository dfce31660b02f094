using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.SharedInboxLinks;

public enum SharedInboxLinkStatus { ACTIVE, EXPIRED, REVOKED }

/// <summary>
/// A shared inbox link as the API shows it. <see cref="PublicUrl"/> (which holds the secret) is present only in the answers
/// of create and rotate: it is stored hashed. Lists show <see cref="TokenPrefix"/> (the URL's first characters) to tell links apart.
/// </summary>
public sealed record SharedInboxLinkDto(
    Guid Id,
    string? PublicUrl,
    string Name,
    Guid PhoneNumberId,
    SharedInboxPermissions Permissions,
    IReadOnlyList<string> AllowedOrigins,
    string TokenPrefix,
    SharedInboxLinkStatus Status,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public static SharedInboxLinkDto From(SharedInboxLink l, DateTimeOffset now, string? publicUrl = null) => new(
        l.Id, publicUrl, l.Name, l.PhoneNumberId, l.Permissions, l.Origins, l.TokenPrefix,
        l.RevokedAt is not null ? SharedInboxLinkStatus.REVOKED : l.IsExpired(now) ? SharedInboxLinkStatus.EXPIRED : SharedInboxLinkStatus.ACTIVE,
        l.ExpiresAt, l.CreatedAt, l.RotatedAt, l.RevokedAt, l.LastUsedAt);
}

public sealed record NewSharedInboxLink(Guid PhoneNumberId, string Name, SharedInboxPermissions Permissions, DateTimeOffset? ExpiresAt,
    IReadOnlyList<string>? AllowedOrigins);

/// <summary>Changes to a link; null fields stay as they are. <see cref="RemoveExpiry"/> makes the link never expire.</summary>
public sealed record SharedInboxLinkChanges(string? Name, SharedInboxPermissions? Permissions, DateTimeOffset? ExpiresAt, bool RemoveExpiry,
    IReadOnlyList<string>? AllowedOrigins);

public sealed record SharedInboxLinkPage(IReadOnlyList<SharedInboxLinkDto> Items, int Total);

/// <summary>
/// Admin management of shared inbox links: create (the URL is in that answer only), list, read, change, rotate (a new URL;
/// the old one stops at once, open pages included) and revoke (for good; the link stays listed as REVOKED).
/// The secret is 32 random bytes (256 bits), stored as SHA-256.
/// </summary>
public sealed class SharedInboxLinkService(InboxDb inboxDb, TimeProvider clock, SharedLinkSignal signal)
{
    public const int MaxNameLength = 100;
    public const int MaxLinksPerOrganization = 200;
    public const int MaxAllowedOrigins = 10;
    public const string PathPrefix = "/s/";

    public async Task<SharedInboxLinkDto> CreateAsync(Actor actor, NewSharedInboxLink request, string root, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var name = CheckName(request.Name);
        var now = clock.GetUtcNow();
        CheckExpiry(request.ExpiresAt, now);
        var origins = CheckOrigins(request.AllowedOrigins);
        await using var db = inboxDb.For(actor.Org);
        if (!await db.PhoneNumbers.AnyAsync(p => p.Id == request.PhoneNumberId, ct)) throw InboxException.NotFound("Phone number");
        if (await db.Set<SharedInboxLink>().CountAsync(ct) >= MaxLinksPerOrganization)
            throw InboxException.Conflict($"An organization can have at most {MaxLinksPerOrganization} shared inbox links");
        var token = Secrets.NewToken(32);
        var link = new SharedInboxLink
        {
            PhoneNumberId = request.PhoneNumberId,
            Name = name,
            TokenHash = Secrets.Hash(token),
            TokenPrefix = token[..8],
            Permissions = request.Permissions,
            AllowedOrigins = origins,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            CreatedById = actor.UserId,
            CreatedAt = now,
        };
        db.Add(link);
        await db.SaveChangesAsync(ct);
        return SharedInboxLinkDto.From(link, now, UrlOf(root, token));
    }

    public async Task<SharedInboxLinkPage> ListAsync(Actor actor, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var query = db.Set<SharedInboxLink>().AsNoTracking();
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Skip(skip).Take(take).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return new SharedInboxLinkPage(rows.Select(l => SharedInboxLinkDto.From(l, now)).ToList(), total);
    }

    public async Task<SharedInboxLinkDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var link = await db.Set<SharedInboxLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw NotFound();
        return SharedInboxLinkDto.From(link, clock.GetUtcNow());
    }

    public async Task<SharedInboxLinkDto> UpdateAsync(Actor actor, Guid id, SharedInboxLinkChanges changes, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var name = changes.Name is null ? null : CheckName(changes.Name);
        var now = clock.GetUtcNow();
        if (changes.RemoveExpiry && changes.ExpiresAt is not null)
            throw InboxException.Invalid("removeExpiry", "Give either expiresAt or removeExpiry, not both");
        CheckExpiry(changes.ExpiresAt, now);
        var origins = changes.AllowedOrigins is null ? null : CheckOrigins(changes.AllowedOrigins);
        await using var db = inboxDb.For(actor.Org);
        var link = await db.Set<SharedInboxLink>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw NotFound();
        if (link.RevokedAt is not null) throw InboxException.Conflict("This link was revoked; create a new one");
        if (name is not null) link.Name = name;
        if (changes.Permissions is { } permissions) link.Permissions = permissions;
        if (changes.ExpiresAt is { } expiresAt) link.ExpiresAt = expiresAt.ToUniversalTime();
        if (changes.RemoveExpiry) link.ExpiresAt = null;
        if (origins is not null) link.AllowedOrigins = origins;
        await db.SaveChangesAsync(ct);
        signal.Changed(link.Id);
        return SharedInboxLinkDto.From(link, now);
    }

    /// <summary>A new secret (and URL, in this answer only); the old URL stops working at once.</summary>
    public async Task<SharedInboxLinkDto> RotateAsync(Actor actor, Guid id, string root, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var link = await db.Set<SharedInboxLink>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw NotFound();
        if (link.RevokedAt is not null) throw InboxException.Conflict("This link was revoked; create a new one");
        var now = clock.GetUtcNow();
        var token = Secrets.NewToken(32);
        link.TokenHash = Secrets.Hash(token);
        link.TokenPrefix = token[..8];
        link.RotatedAt = now;
        await db.SaveChangesAsync(ct);
        signal.Changed(link.Id);
        return SharedInboxLinkDto.From(link, now, UrlOf(root, token));
    }

    /// <summary>Ends the link for good (its URL and open pages stop at once). Revoking a revoked link changes nothing.</summary>
    public async Task<SharedInboxLinkDto> RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var link = await db.Set<SharedInboxLink>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw NotFound();
        var now = clock.GetUtcNow();
        if (link.RevokedAt is null)
        {
            link.RevokedAt = now;
            await db.SaveChangesAsync(ct);
        }
        signal.Changed(link.Id);
        return SharedInboxLinkDto.From(link, now);
    }

    /// <summary>The organization's numbers a link can be made for (the settings page's picker).</summary>
    public async Task<IReadOnlyList<Messaging.PhoneNumberOption>> PhoneNumbersAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        return await db.PhoneNumbers.AsNoTracking().OrderBy(p => p.DisplayPhoneNumber)
            .Select(p => new Messaging.PhoneNumberOption(p.Id, p.DisplayPhoneNumber + (p.VerifiedName == null ? "" : " · " + p.VerifiedName))).ToListAsync(ct);
    }

    public static string UrlOf(string root, string token) => root.TrimEnd('/') + PathPrefix + token;

    private static InboxException NotFound() => InboxException.NotFound("Shared inbox link");

    private static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw InboxException.Invalid("name", "name must not be empty");
        if (trimmed.Length > MaxNameLength) throw InboxException.Invalid("name", $"name must be at most {MaxNameLength} characters");
        return trimmed;
    }

    private static void CheckExpiry(DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (expiresAt is { } e && e <= now) throw InboxException.Invalid("expiresAt", "expiresAt must be in the future");
    }

    /// <summary>The normalized origins, space-separated: each <c>https://host[:port]</c> (or <c>http://</c>), without path, query or wildcard.</summary>
    public static string CheckOrigins(IReadOnlyList<string>? origins)
    {
        if (origins is null || origins.Count == 0) return "";
        if (origins.Count > MaxAllowedOrigins) throw InboxException.Invalid("allowedOrigins", $"At most {MaxAllowedOrigins} allowed origins");
        var normalized = new List<string>();
        for (var i = 0; i < origins.Count; i++)
        {
            var value = origins[i]?.Trim() ?? "";
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.PathAndQuery != "/" || value.TrimEnd('/').Length != $"{uri.Scheme}://{uri.Authority}".Length
                || !string.IsNullOrEmpty(uri.UserInfo) || uri.Host.Contains('*'))
                throw InboxException.Invalid($"allowedOrigins[{i}]", "Each allowed origin must be a scheme and host such as https://app.example.com (no path)");
            var origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
            if (!normalized.Contains(origin)) normalized.Add(origin);
        }
        return string.Join(' ', normalized);
    }
}

/// <summary>Tells open shared inbox pages that their link changed (revoked, rotated, new permissions), so they check it at once.</summary>
public sealed class SharedLinkSignal
{
    public event Action<Guid>? LinkChanged;

    public void Changed(Guid linkId) => LinkChanged?.Invoke(linkId);
}

/// <summary>Records an action of a shared inbox link on the context that saves the action (so both commit together).</summary>
public static class SharedLinkActivities
{
    public static void Record(InboxDbContext db, SharedLinkGrant link, string action, Guid? conversationId, Guid? messageId, DateTimeOffset at) =>
        db.Add(new SharedInboxLinkActivity { LinkId = link.LinkId, Action = action, ConversationId = conversationId, MessageId = messageId, At = at });
}
