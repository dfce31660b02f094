using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Identity;

/// <summary>What the web layer needs to build a principal for a request.</summary>
public sealed record ResolvedAccess(Actor Actor, string Name, string? Email, OrganizationStatus? OrganizationStatus, string SecurityStamp);

/// <summary>Turns an access token, API key or cookie identity into the current state of its user or key (one indexed read).</summary>
public sealed class AccessResolver(InboxDb inboxDb, TokenService tokens, TimeProvider clock)
{
    public const string ApiKeyPrefix = "sk_org_";

    public async Task<ResolvedAccess?> ResolveBearerAsync(string token, CancellationToken ct = default)
    {
        if (token.StartsWith(ApiKeyPrefix, StringComparison.Ordinal)) return await ResolveApiKeyAsync(token, ct);
        var read = tokens.ReadAccessToken(token);
        return read is { } r ? await ResolveUserAsync(r.UserId, r.SecurityStamp, ct) : null;
    }

    /// <summary>The user's current access, or null when the user is gone, deactivated or the stamp changed (password changed, removed).</summary>
    public async Task<ResolvedAccess?> ResolveUserAsync(Guid userId, string securityStamp, CancellationToken ct = default) =>
        await CurrentAccessAsync(userId, ct) is { } access && Secrets.FixedTimeEquals(access.SecurityStamp, securityStamp) ? access : null;

    /// <summary>The user's access as it is now (right after a sign-in, to seal a fresh cookie), or null when the user is gone or deactivated.</summary>
    public async Task<ResolvedAccess?> CurrentAccessAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = inboxDb.System();
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.DeletedAt == null && u.IsActive)
            .Select(u => new { u.Id, u.OrganizationId, u.Role, u.Name, u.Email, u.SecurityStamp, Status = u.Organization == null ? (OrganizationStatus?)null : u.Organization.Status })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new ResolvedAccess(new Actor(row.Id, row.OrganizationId, row.Role), row.Name, row.Email, row.Status, row.SecurityStamp);
    }

    public async Task<ResolvedAccess?> ResolveApiKeyAsync(string key, CancellationToken ct = default)
    {
        var hash = Secrets.Hash(key);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.IsActive)
            .Select(k => new { k.Id, k.OrganizationId, k.Name, k.ExpiresAt, k.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (row is null || row.ExpiresAt <= now) return null;
        var status = await db.Organizations.Where(o => o.Id == row.OrganizationId).Select(o => o.Status).FirstAsync(ct);
        // Last-used time is kept to the minute: no write on every request.
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.ApiKeys.Where(k => k.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        return new ResolvedAccess(new Actor(null, row.OrganizationId, UserRole.ADMIN, row.Id), row.Name, null, status, "");
    }
}
