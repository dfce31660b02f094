using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Identity;

/// <summary>
/// What the web layer needs to build a principal for a request: the caller as it is now, the stamp and session it was
/// checked against, and when the credential expires (access tokens and API keys; null for a cookie, which expires itself).
/// </summary>
public sealed record ResolvedAccess(Actor Actor, string Name, string? Email, OrganizationStatus? OrganizationStatus, string SecurityStamp,
    Guid? SessionId = null, DateTimeOffset? ExpiresAt = null)
{
    /// <summary>False for a suspended or cancelled organization: its users and keys may not act.</summary>
    public bool OrganizationActive => OrganizationStatus is null or Organizations.OrganizationStatus.ACTIVE;
}

/// <summary>Turns an access token, API key or cookie identity into the current state of its user or key (one indexed read).</summary>
public sealed class AccessResolver(InboxDb inboxDb, TokenService tokens, TimeProvider clock)
{
    public const string ApiKeyPrefix = "sk_org_";

    public async Task<ResolvedAccess?> ResolveBearerAsync(string token, CancellationToken ct = default)
    {
        if (token.StartsWith(ApiKeyPrefix, StringComparison.Ordinal)) return await ResolveApiKeyAsync(token, ct);
        var read = tokens.ReadAccessToken(token);
        return read is { } r && await ResolveUserAsync(r.UserId, r.SecurityStamp, r.SessionId, ct) is { } access
            ? access with { ExpiresAt = r.ExpiresAt }
            : null;
    }

    /// <summary>
    /// The user's current access (one indexed read), or null when the user is gone or deactivated, the stamp changed
    /// (password or role changed, removed) or the session was ended on the server (signed out).
    /// </summary>
    public async Task<ResolvedAccess?> ResolveUserAsync(Guid userId, string securityStamp, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = inboxDb.System();
        var row = await CurrentWithSession(db, userId, sessionId, ct);
        return row is { SessionRevoked: false } && Secrets.FixedTimeEquals(row.SecurityStamp, securityStamp)
            ? ToAccess(row) with { SessionId = sessionId }
            : null;
    }

    /// <summary>
    /// <see cref="ResolveUserAsync"/>'s read, compiled once: it runs for every request with a cookie or token and before every
    /// action of an open tab, and EF Core's per-call work for a LINQ query (its parameters taken out of the expression tree,
    /// the tree hashed to find the cached plan) cost about as much as the read itself (docs/performance.md, the test suite,
    /// session 17: 13.5 % of the browser tests' test host).
    /// </summary>
    private static readonly Func<InboxDbContext, Guid, Guid, CancellationToken, Task<UserRow?>> CurrentWithSession =
        EF.CompileAsyncQuery((InboxDbContext db, Guid userId, Guid sessionId, CancellationToken ct) =>
            db.Users.AsNoTracking()
                .Where(u => u.Id == userId && u.DeletedAt == null && u.IsActive)
                .Select(u => new UserRow
                {
                    Id = u.Id, OrganizationId = u.OrganizationId, Role = u.Role, Name = u.Name, Email = u.Email, SecurityStamp = u.SecurityStamp,
                    Status = u.Organization == null ? (OrganizationStatus?)null : u.Organization.Status,
                    SessionRevoked = db.RevokedSessions.Any(s => s.Id == sessionId),
                })
                .FirstOrDefault());

    /// <summary>The user's access as it is now (right after a sign-in, to seal a fresh cookie), or null when the user is gone or deactivated.</summary>
    public async Task<ResolvedAccess?> CurrentAccessAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = inboxDb.System();
        var row = await Current(db, userId)
            .Select(u => new UserRow
            {
                Id = u.Id, OrganizationId = u.OrganizationId, Role = u.Role, Name = u.Name, Email = u.Email, SecurityStamp = u.SecurityStamp,
                Status = u.Organization == null ? (OrganizationStatus?)null : u.Organization.Status,
            })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : ToAccess(row);
    }

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public Guid? OrganizationId { get; init; }
        public UserRole Role { get; init; }
        public required string Name { get; init; }
        public required string Email { get; init; }
        public required string SecurityStamp { get; init; }
        public OrganizationStatus? Status { get; init; }
        public bool SessionRevoked { get; init; }
    }

    private static IQueryable<User> Current(InboxDbContext db, Guid userId) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId && u.DeletedAt == null && u.IsActive);

    private static ResolvedAccess ToAccess(UserRow row) =>
        new(new Actor(row.Id, row.OrganizationId, row.Role), row.Name, row.Email, row.Status, row.SecurityStamp);

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
        return new ResolvedAccess(new Actor(null, row.OrganizationId, UserRole.ADMIN, row.Id), row.Name, null, status, "", ExpiresAt: row.ExpiresAt);
    }
}
