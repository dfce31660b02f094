using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.ApiKeys;

public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt)
{
    public static ApiKeyDto From(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.IsActive, k.CreatedAt, k.LastUsedAt, k.ExpiresAt);
}

/// <summary>The full key appears only here, in the create response.</summary>
public sealed record CreatedApiKeyDto(Guid Id, string Name, string Prefix, string Key, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>A key as issued: the secret (shown once), the prefix kept for lists and the hash kept to recognise it.</summary>
public sealed record IssuedKey(string Key, string Prefix, string Hash);

/// <summary>Admin-only management of an organization's partner API keys (<c>sk_org_</c> + 32 random bytes, stored as SHA-256).</summary>
/// Disabling or deleting a key ends what runs on it at once (hub connections, through <see cref="AccessChangeSignal"/>).
public sealed class ApiKeyService(InboxDb inboxDb, TimeProvider clock, AccessChangeSignal signal)
{
    public const int MaxKeysPerOrganization = 50;
    public const int MaxNameLength = 100;

    public async Task<IReadOnlyList<ApiKeyDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return keys.Select(ApiKeyDto.From).ToList();
    }

    public async Task<CreatedApiKeyDto> CreateAsync(Actor actor, string name, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var trimmed = CheckName(name);
        var now = clock.GetUtcNow();
        if (expiresAt is { } e && e <= now) throw InboxException.Invalid("expiresAt", "The expiry must be in the future");
        await using var db = inboxDb.For(actor.Org);
        if (await db.ApiKeys.CountAsync(ct) >= MaxKeysPerOrganization)
            throw InboxException.Conflict($"An organization can have at most {MaxKeysPerOrganization} API keys");
        var (key, prefix, hash) = IssueKey(AccessResolver.ApiKeyPrefix);
        var row = new ApiKey
        {
            Name = trimmed,
            Prefix = prefix,
            KeyHash = hash,
            CreatedById = actor.UserId,
            CreatedAt = now,
            ExpiresAt = expiresAt?.ToUniversalTime(),
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKeyDto(row.Id, row.Name, row.Prefix, key, row.IsActive, row.CreatedAt, row.ExpiresAt);
    }

    public async Task<ApiKeyDto> UpdateAsync(Actor actor, Guid id, string? name, bool? isActive, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var trimmed = name is null ? null : CheckName(name);
        await using var db = inboxDb.For(actor.Org);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw InboxException.NotFound("API key");
        if (trimmed is not null) key.Name = trimmed;
        var disables = isActive == false && key.IsActive;
        if (isActive is not null) key.IsActive = isActive.Value;
        await db.SaveChangesAsync(ct);
        if (disables) signal.ApiKeyChanged(key.Id);
        return ApiKeyDto.From(key);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        if (await db.ApiKeys.Where(k => k.Id == id).ExecuteDeleteAsync(ct) == 0) throw InboxException.NotFound("API key");
        signal.ApiKeyChanged(id);
    }

    /// <summary>
    /// A new key: <paramref name="kind"/> (<c>sk_org_</c>, <c>sk_partner_</c>) + 32 random bytes; what is stored is its
    /// SHA-256 hash and its first characters (to tell keys apart in lists). The key itself is shown once.
    /// </summary>
    public static IssuedKey IssueKey(string kind)
    {
        var key = kind + Secrets.NewToken(32);
        return new IssuedKey(key, key[..(kind.Length + 8)], Secrets.Hash(key));
    }

    /// <summary>The trimmed name; blank or too long is a validation error (the page calls the service without the API's filter).</summary>
    public static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw InboxException.Invalid("name", "The name is required");
        if (trimmed.Length > MaxNameLength) throw InboxException.Invalid("name", $"The name must be at most {MaxNameLength} characters");
        return trimmed;
    }
}
