using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Hourly housekeeping across organizations: deletes refresh tokens expired, revoked or used more than
/// <see cref="TokenGrace"/> ago, sign-in codes, sign-up links and partner connect tokens expired more than <see cref="CodeGrace"/> ago, and outbox rows delivered
/// more than <c>Events:KeepDelivered</c> ago. Takes no arguments and
/// deletes by cut-off, so running it twice (a retry, a second node, "Run now") does no harm. Its one-line result is kept
/// by Hangfire and shown as the run's summary.
/// </summary>
public sealed class ExpiredTokensCleanupJob(InboxDb inboxDb, TimeProvider clock, IOptions<Events.OutboxOptions> outbox,
    ILogger<ExpiredTokensCleanupJob> logger)
{
    public const string Key = "expired-tokens-cleanup";
    public const string Description = "Deletes expired, used and revoked refresh tokens, expired sign-in codes, sign-up links and connect tokens, and old delivered events";
    /// <summary>At minute 0 of every hour (UTC).</summary>
    public const string Cron = "0 * * * *";
    public static readonly TimeSpan TokenGrace = TimeSpan.FromDays(7);
    public static readonly TimeSpan CodeGrace = TimeSpan.FromDays(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tokenCutoff = now - TokenGrace;
        var codeCutoff = now - CodeGrace;
        await using var db = inboxDb.System();

        var tokens = await db.RefreshTokens
            .Where(t => t.ExpiresAt < tokenCutoff || t.RevokedAt < tokenCutoff || t.UsedAt < tokenCutoff)
            .ExecuteDeleteAsync(cancellationToken);
        var codes = await db.LoginCodes.Where(c => c.ExpiresAt < codeCutoff).ExecuteDeleteAsync(cancellationToken);
        var signups = await db.SignupRequests.Where(r => r.ExpiresAt < codeCutoff).ExecuteDeleteAsync(cancellationToken);
        var connectTokens = await db.Set<Partners.WhatsAppConnectToken>().Where(t => t.ExpiresAt < codeCutoff).ExecuteDeleteAsync(cancellationToken);

        var deliveredCutoff = now - outbox.Value.KeepDelivered;
        var delivered = await db.OutboxDeliveries.Where(d => d.Status == Events.OutboxDeliveryStatus.DELIVERED && d.DeliveredAt < deliveredCutoff)
            .ExecuteDeleteAsync(cancellationToken);

        var summary = $"Deleted {tokens} refresh token(s), {codes} sign-in code(s), {signups} sign-up link(s), {connectTokens} connect token(s), {delivered} delivered event(s)";
        logger.LogInformation("Cleanup: {Summary}", summary);
        return summary;
    }
}
