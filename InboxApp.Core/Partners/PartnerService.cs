using InboxApp.Core.ApiKeys;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Partners;

/// <summary>
/// Partners and their keys (super admins), and a partner's own accounts (its key). A partner key reaches only the
/// organizations whose <see cref="Organization.PartnerId"/> is its partner: any other account id is simply not found.
/// </summary>
public sealed class PartnerService(InboxDb inboxDb, TimeProvider clock)
{
    public const string KeyPrefix = "sk_partner_";
    public const int MaxNameLength = 200;
    public const int MaxOrigins = 20;
    public const int MaxKeysPerPartner = 20;

    public async Task<IReadOnlyList<PartnerDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using var db = inboxDb.System();
        var rows = await db.Set<Partner>().AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new { Partner = p, Accounts = db.Organizations.Count(o => o.PartnerId == p.Id) })
            .ToListAsync(ct);
        return rows.Select(r => ToDto(r.Partner, r.Accounts)).ToList();
    }

    public async Task<PartnerDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using var db = inboxDb.System();
        var partner = await db.Set<Partner>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw InboxException.NotFound("Partner");
        return ToDto(partner, await db.Organizations.CountAsync(o => o.PartnerId == id, ct));
    }

    public async Task<PartnerDto> CreateAsync(Actor actor, string name, IEnumerable<string>? allowedOrigins, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        var now = clock.GetUtcNow();
        var partner = new Partner { Name = CheckName(name), AllowedOrigins = string.Join(' ', NormalizeOrigins(allowedOrigins ?? [])), CreatedAt = now, UpdatedAt = now };
        await using var db = inboxDb.System();
        db.Add(partner);
        await db.SaveChangesAsync(ct);
        return ToDto(partner, 0);
    }

    public async Task<PartnerDto> UpdateAsync(Actor actor, Guid id, string? name, IEnumerable<string>? allowedOrigins, bool? isActive, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using var db = inboxDb.System();
        var partner = await db.Set<Partner>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw InboxException.NotFound("Partner");
        if (name is not null) partner.Name = CheckName(name);
        if (allowedOrigins is not null) partner.AllowedOrigins = string.Join(' ', NormalizeOrigins(allowedOrigins));
        if (isActive is not null) partner.IsActive = isActive.Value;
        partner.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ToDto(partner, await db.Organizations.CountAsync(o => o.PartnerId == id, ct));
    }

    public async Task<IReadOnlyList<PartnerApiKeyDto>> ListKeysAsync(Actor actor, Guid partnerId, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using var db = inboxDb.System();
        await EnsurePartnerAsync(db, partnerId, ct);
        var keys = await db.Set<PartnerApiKey>().AsNoTracking().Where(k => k.PartnerId == partnerId).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return keys.Select(PartnerApiKeyDto.From).ToList();
    }

    /// <summary>A new key (<c>sk_partner_…</c>), issued as organization keys are (<see cref="ApiKeyService.IssueKey"/>): shown once, stored hashed.</summary>
    public async Task<CreatedPartnerApiKeyDto> CreateKeyAsync(Actor actor, Guid partnerId, string name, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        var trimmed = ApiKeyService.CheckName(name);
        await using var db = inboxDb.System();
        await EnsurePartnerAsync(db, partnerId, ct);
        if (await db.Set<PartnerApiKey>().CountAsync(k => k.PartnerId == partnerId, ct) >= MaxKeysPerPartner)
            throw InboxException.Conflict($"A partner can have at most {MaxKeysPerPartner} API keys");
        var issued = ApiKeyService.IssueKey(KeyPrefix);
        var row = new PartnerApiKey { PartnerId = partnerId, Name = trimmed, Prefix = issued.Prefix, KeyHash = issued.Hash, CreatedAt = clock.GetUtcNow() };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return new CreatedPartnerApiKeyDto(row.Id, row.Name, row.Prefix, issued.Key, row.CreatedAt);
    }

    public async Task DeleteKeyAsync(Actor actor, Guid partnerId, Guid keyId, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using var db = inboxDb.System();
        if (await db.Set<PartnerApiKey>().Where(k => k.Id == keyId && k.PartnerId == partnerId).ExecuteDeleteAsync(ct) == 0)
            throw InboxException.NotFound("Partner API key");
    }

    /// <summary>The partner behind a key, or null for an unknown or turned-off key or partner.</summary>
    public async Task<PartnerCaller?> ResolveKeyAsync(string key, CancellationToken ct = default)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal)) return null;
        var hash = Secrets.Hash(key);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var row = await db.Set<PartnerApiKey>().AsNoTracking()
            .Where(k => k.KeyHash == hash && k.IsActive)
            .Join(db.Set<Partner>().Where(p => p.IsActive), k => k.PartnerId, p => p.Id, (k, p) => new { k.Id, k.PartnerId, p.Name, k.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.Set<PartnerApiKey>().Where(k => k.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        return new PartnerCaller(row.PartnerId, row.Id, row.Name);
    }

    /// <summary>The partner's accounts, newest first (the partner's key; super admins through <paramref name="partnerId"/>).</summary>
    public async Task<IReadOnlyList<PartnerAccountDto>> ListAccountsAsync(Guid partnerId, CancellationToken ct = default)
    {
        await using var db = inboxDb.System();
        var rows = await db.Organizations.AsNoTracking().Where(o => o.PartnerId == partnerId).OrderByDescending(o => o.CreatedAt)
            .Select(o => new { o.Id, o.Name, o.Slug, o.Status, o.CreatedAt, Numbers = db.PhoneNumbers.Count(p => p.OrganizationId == o.Id && p.IsActive) })
            .ToListAsync(ct);
        return rows.Select(o => new PartnerAccountDto(o.Id, o.Name, WorkspaceSlug.Encode(o.Slug), o.Status, o.Numbers, o.CreatedAt)).ToList();
    }

    public async Task<IReadOnlyList<PartnerAccountDto>> ListAccountsAsync(Actor actor, Guid partnerId, CancellationToken ct = default)
    {
        RequireSuperAdmin(actor);
        await using (var db = inboxDb.System()) await EnsurePartnerAsync(db, partnerId, ct);
        return await ListAccountsAsync(partnerId, ct);
    }

    /// <summary>A new organization for the partner's customer, managed by the partner (no users yet).</summary>
    public async Task<PartnerAccountDto> CreateAccountAsync(PartnerCaller partner, string name, CancellationToken ct = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength) throw InboxException.Invalid("name", $"The name must be 1 to {MaxNameLength} characters");
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var org = new Organization { Name = trimmed, Slug = await AccountService.UniqueSlugAsync(db, trimmed, ct), PartnerId = partner.PartnerId, CreatedAt = now, UpdatedAt = now };
        db.Organizations.Add(org);
        await AccountService.SaveUniqueAsync(db, ct);
        return new PartnerAccountDto(org.Id, org.Name, WorkspaceSlug.Encode(org.Slug), org.Status, 0, org.CreatedAt);
    }

    /// <summary>
    /// The organization behind <paramref name="workspaceSlug"/> and <paramref name="accountId"/> when it is one of the partner's
    /// accounts; 404 otherwise (another partner's account, an unknown slug, or a slug of another account).
    /// </summary>
    public async Task<Organization> ResolveAccountAsync(Guid partnerId, string workspaceSlug, Guid accountId, CancellationToken ct = default)
    {
        var slug = WorkspaceSlug.Decode(workspaceSlug) ?? throw InboxException.NotFound("Workspace");
        await using var db = inboxDb.System();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == accountId && o.PartnerId == partnerId, ct)
            ?? throw InboxException.NotFound("Account");
        if (org.Slug != slug) throw InboxException.NotFound("Workspace");
        AccountService.EnsureOrganizationActive(org.Status);
        return org;
    }

    /// <summary>
    /// The partner acting in one of its accounts (<paramref name="workspaceSlug"/> + <c>X-Account-Id</c>): the ADMIN of that
    /// organization, as its API keys are. 404 for another partner's account, an unknown slug or a slug of another account.
    /// </summary>
    public async Task<Actor> AccountActorAsync(PartnerCaller partner, string workspaceSlug, Guid accountId, CancellationToken ct = default)
    {
        var org = await ResolveAccountAsync(partner.PartnerId, workspaceSlug, accountId, ct);
        return new Actor(null, org.Id, UserRole.ADMIN);
    }

    /// <summary>
    /// Origins as browsers send them (<c>scheme://host[:port]</c>, lower case): https, or http for localhost; no path, query or
    /// wildcard. 400 naming <c>allowedOrigins</c> otherwise.
    /// </summary>
    public static IReadOnlyList<string> NormalizeOrigins(IEnumerable<string> origins)
    {
        var result = new List<string>();
        foreach (var raw in origins)
        {
            var value = raw?.Trim().TrimEnd('/') ?? "";
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || value.Contains('*')
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) || value.Contains(' ') || !string.IsNullOrEmpty(uri.UserInfo))
                throw InboxException.Invalid("allowedOrigins", $"'{Cut(value)}' is not an origin: give https://host[:port] (http only for localhost), without a path");
            var origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
            if (!result.Contains(origin)) result.Add(origin);
        }
        if (result.Count > MaxOrigins) throw InboxException.Invalid("allowedOrigins", $"A partner can have at most {MaxOrigins} allowed origins");
        return result;
    }

    private static string Cut(string s) => s.Length <= 100 ? s : s[..100];

    private static string CheckName(string name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength) throw InboxException.Invalid("name", $"The name must be 1 to {MaxNameLength} characters");
        return trimmed;
    }

    private static async Task EnsurePartnerAsync(InboxDbContext db, Guid partnerId, CancellationToken ct)
    {
        if (!await db.Set<Partner>().AnyAsync(p => p.Id == partnerId, ct)) throw InboxException.NotFound("Partner");
    }

    private static void RequireSuperAdmin(Actor actor)
    {
        if (!actor.IsSuperAdmin) throw InboxException.Forbidden("Only super admins manage partners");
    }

    private static PartnerDto ToDto(Partner p, int accounts) => new(p.Id, p.Name, p.Origins, p.IsActive, accounts, p.CreatedAt, p.UpdatedAt);
}
