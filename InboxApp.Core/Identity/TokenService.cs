using System.Security.Cryptography;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Identity;

/// <summary>
/// Access tokens are opaque, Data Protection–sealed and time-limited (key ring in the database, so any node can read them
/// after a restart). Refresh tokens are random, stored hashed, rotated on every use; reusing a spent one revokes its family.
/// An access token carries its refresh-token family (the API sign-in's session id): signing out revokes the family and
/// refuses the family's access tokens too.
/// </summary>
public sealed class TokenService(IDataProtectionProvider dataProtection, InboxDb inboxDb, TimeProvider clock, IOptions<AuthOptions> options,
    AccessChangeSignal signal)
{
    public const string AccessTokenPrefix = "at.";
    private readonly ITimeLimitedDataProtector protector =
        dataProtection.CreateProtector("InboxApp.AccessToken.v1").ToTimeLimitedDataProtector();

    public int AccessTokenSeconds => options.Value.AccessTokenMinutes * 60;

    public string CreateAccessToken(User user, Guid sessionId) =>
        AccessTokenPrefix + protector.Protect($"{user.Id:N}|{user.SecurityStamp}|{sessionId:N}", clock.GetUtcNow().AddSeconds(AccessTokenSeconds));

    /// <summary>
    /// The user id, security stamp and session (refresh-token family) sealed in an access token and when it expires, or
    /// null when it is forged, damaged or expired.
    /// </summary>
    public AccessTokenContent? ReadAccessToken(string token)
    {
        if (!token.StartsWith(AccessTokenPrefix, StringComparison.Ordinal)) return null;
        try
        {
            var payload = protector.Unprotect(token[AccessTokenPrefix.Length..], out var expires);
            var parts = payload.Split('|');
            return parts.Length == 3 && Guid.TryParse(parts[0], out var id) && Guid.TryParse(parts[2], out var session)
                ? new AccessTokenContent(id, parts[1], session, expires)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Issues an access token and a new refresh token (a new family unless <paramref name="familyId"/> is given).</summary>
    public async Task<AuthTokens> IssueAsync(User user, UserDto dto, Guid? familyId = null, CancellationToken ct = default)
    {
        var refresh = "rt_" + Secrets.NewToken(32);
        var now = clock.GetUtcNow();
        var family = familyId ?? Guid.NewGuid();
        await using var db = inboxDb.System();
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = family,
            TokenHash = Secrets.Hash(refresh),
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.RefreshTokenDays),
        });
        await db.SaveChangesAsync(ct);
        return new AuthTokens(CreateAccessToken(user, family), refresh, AccessTokenSeconds, dto);
    }

    /// <summary>
    /// Spends a refresh token. Returns its user id and family. A token already spent or revoked revokes the
    /// whole family (someone replayed it) and fails with TOKEN_REUSED.
    /// </summary>
    public async Task<(Guid UserId, Guid FamilyId)> SpendRefreshTokenAsync(string refreshToken, CancellationToken ct = default)
    {
        var hash = Secrets.Hash(refreshToken);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct)
            ?? throw InboxException.Unauthorized("The refresh token is not valid", ErrorCodes.InvalidToken);

        // Conditional update: of two concurrent refreshes with the same token exactly one wins.
        var spent = token.UsedAt is null && token.RevokedAt is null && await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) == 1;
        if (!spent)
        {
            await RevokeFamilyAsync(db, token.FamilyId, now, ct);
            throw InboxException.Unauthorized("The refresh token was already used; all sessions of this sign-in were revoked", ErrorCodes.TokenReused);
        }
        if (token.ExpiresAt <= now) throw InboxException.Unauthorized("The refresh token has expired", ErrorCodes.InvalidToken);
        return (token.UserId, token.FamilyId);
    }

    /// <summary>
    /// After the user's access changed (the security stamp rotated, saved): revokes every refresh token of the user and
    /// tells this process (<see cref="AccessChangeSignal"/>), which ends the user's open circuits and hub connections.
    /// </summary>
    public async Task RevokeAllForUserAsync(Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        signal.UserChanged(userId);
    }

    /// <summary>
    /// Ends one sign-in session on the server (sign-out): the session id is recorded as revoked, so a replayed cookie or
    /// access token of it is refused, and the refresh tokens of the family with that id are revoked. Idempotent.
    /// </summary>
    public async Task RevokeSessionAsync(Guid userId, Guid sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        if (!await db.RevokedSessions.AnyAsync(s => s.Id == sessionId, ct))
        {
            db.RevokedSessions.Add(new RevokedSession { Id = sessionId, UserId = userId, RevokedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Signed out twice at once: the other request recorded it (anything else fails again on the next line's read).
                db.ChangeTracker.Clear();
                if (!await db.RevokedSessions.AnyAsync(s => s.Id == sessionId, ct)) throw;
            }
        }
        await RevokeFamilyAsync(db, sessionId, now, ct);
        signal.SessionRevoked(sessionId);
    }

    private static Task RevokeFamilyAsync(InboxDbContext db, Guid familyId, DateTimeOffset now, CancellationToken ct) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
}

/// <summary>What an access token carries: its user, the user's security stamp when issued, its session (refresh-token family) and expiry.</summary>
public sealed record AccessTokenContent(Guid UserId, string SecurityStamp, Guid SessionId, DateTimeOffset ExpiresAt);
