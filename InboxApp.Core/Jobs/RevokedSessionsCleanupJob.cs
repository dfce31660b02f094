using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Daily housekeeping of sign-outs: a <see cref="RevokedSession"/> row only has to outlive the credentials that carry its
/// session id. The newest cookie of a signed-out session was renewed at the latest when it was revoked and lives
/// <see cref="AuthOptions.CookieLifetime"/> after that; its access tokens live <see cref="AuthOptions.AccessTokenMinutes"/>
/// and its refresh tokens are revoked in their own table. Rows older than that (plus <see cref="Margin"/>) are deleted.
/// Deletes by cut-off, so running it twice does no harm.
/// </summary>
public sealed class RevokedSessionsCleanupJob(InboxDb inboxDb, TimeProvider clock, IOptions<AuthOptions> options, ILogger<RevokedSessionsCleanupJob> logger)
{
    public const string Key = "revoked-sessions-cleanup";
    public const string Description = "Deletes records of signed-out sessions once no cookie or token of them can still be valid";
    /// <summary>At 03:20 every day (UTC).</summary>
    public const string Cron = "20 3 * * *";
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <summary>How long a revoked session's row is kept.</summary>
    public TimeSpan Retention =>
        (AuthOptions.CookieLifetime > TimeSpan.FromMinutes(options.Value.AccessTokenMinutes) ? AuthOptions.CookieLifetime : TimeSpan.FromMinutes(options.Value.AccessTokenMinutes)) + Margin;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - Retention;
        await using var db = inboxDb.System();
        var deleted = await db.RevokedSessions.Where(s => s.RevokedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var summary = $"Deleted {deleted} revoked session(s)";
        logger.LogInformation("Revoked sessions cleanup: {Summary}", summary);
        return summary;
    }
}
