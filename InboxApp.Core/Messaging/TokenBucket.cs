namespace InboxApp.Core.Messaging;

/// <summary>
/// A token bucket per key in the GCRA form: each reservation is given the time at which it may go. A key allows
/// <c>burst</c> reservations at once, then one per <c>interval</c>. Reservations are never refused, only delayed, so
/// callers queue instead of failing. In-process: each node limits its own sends.
/// </summary>
public sealed class TokenBucket(TimeProvider clock)
{
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, DateTimeOffset> theoreticalArrival = new();
    private readonly Lock gate = new();

    /// <summary>Reserves a slot for <paramref name="key"/>; returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve(string key, TimeSpan interval, int burst)
    {
        if (interval <= TimeSpan.Zero) return TimeSpan.Zero;
        burst = Math.Max(1, burst);
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (theoreticalArrival.Count > PruneAbove) Prune(now);
            var tat = theoreticalArrival.TryGetValue(key, out var known) && known > now ? known : now;
            var allowedAt = tat - interval * (burst - 1);
            theoreticalArrival[key] = tat + interval;
            return allowedAt > now ? allowedAt - now : TimeSpan.Zero;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in theoreticalArrival.Where(p => p.Value <= now).Select(p => p.Key).ToList()) theoreticalArrival.Remove(key);
    }
}

/// <summary>
/// The two limits every outbound message passes: the number's send rate (<c>PhoneNumber.SendRatePerSecond</c>, Meta's
/// default 80/s, burst of one second) and the pacing guard per recipient (Meta's pair limit, about one message per 6 s).
/// </summary>
public sealed class SendThrottle(TimeProvider clock, Microsoft.Extensions.Options.IOptions<MessagingOptions> options)
{
    private readonly TokenBucket numbers = new(clock);
    private readonly TokenBucket recipients = new(clock);

    /// <summary>How long to wait before sending from <paramref name="numberId"/> to <paramref name="recipient"/>.</summary>
    public TimeSpan Reserve(Guid numberId, int ratePerSecond, string recipient)
    {
        var rate = Math.Max(1, ratePerSecond);
        var forNumber = numbers.Reserve(numberId.ToString("N"), TimeSpan.FromSeconds(1.0 / rate), rate);
        var forRecipient = recipients.Reserve(numberId.ToString("N") + ":" + recipient,
            TimeSpan.FromMilliseconds(options.Value.RecipientIntervalMs), options.Value.RecipientBurst);
        return forNumber > forRecipient ? forNumber : forRecipient;
    }
}
