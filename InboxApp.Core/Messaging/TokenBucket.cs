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
/// The two limits every outbound message passes: the number's send rate (<c>PhoneNumber.SendRatePerSecond</c>) and the
/// pacing guard per recipient (Meta's pair limit, about one message per 6 s).
/// <para>The number is paced without burst at <see cref="RateShare"/> of its rate: Meta counts a number's messages in any
/// rolling second, so a burst of a whole second's messages (after a pause, or when sends queued up) could put more than
/// the limit into one rolling second (130429), and every send would then back off. The 2 % margin absorbs the jitter
/// between the slot given here and the moment the request reaches Meta.</para>
/// </summary>
public sealed class SendThrottle(TimeProvider clock, Microsoft.Extensions.Options.IOptions<MessagingOptions> options)
{
    /// <summary>The share of the number's rate its sends are paced at.</summary>
    public const double RateShare = 0.98;

    private readonly TokenBucket numbers = new(clock);
    private readonly TokenBucket recipients = new(clock);

    /// <summary>How long to wait before sending from <paramref name="numberId"/> to <paramref name="recipient"/>.</summary>
    public TimeSpan Reserve(Guid numberId, int ratePerSecond, string recipient)
    {
        var forNumber = ReserveNumber(numberId, ratePerSecond);
        var forRecipient = ReserveRecipient(numberId, recipient);
        return forNumber > forRecipient ? forNumber : forRecipient;
    }

    /// <summary>
    /// Reserves the next slot of the number's rate only (one every 1 / (rate × <see cref="RateShare"/>) s, no burst); how
    /// long to wait for it.
    /// </summary>
    public TimeSpan ReserveNumber(Guid numberId, int ratePerSecond) => ReserveNumber(numberId, ratePerSecond, RateShare);

    /// <summary>
    /// Reserves the next slot of the number's rate at <paramref name="share"/> of it (one every 1 / (rate × share) s, no
    /// burst); how long to wait for it. A batch sender (a campaign) reserves it before claiming a recipient, so nothing is
    /// claimed or stored long before its send, and then dispatches with the slot already taken; it takes the
    /// <see cref="WholeRate"/> since its own window keeps Meta's rolling second by Meta's answers.
    /// </summary>
    public TimeSpan ReserveNumber(Guid numberId, int ratePerSecond, double share) =>
        numbers.Reserve(numberId.ToString("N"), IntervalFor(ratePerSecond, share), 1);

    /// <summary>The whole rate: for a caller that keeps Meta's rolling second by itself (<see cref="ReserveNumber(Guid, int, double)"/>).</summary>
    public const double WholeRate = 1.0;

    /// <summary>Reserves the recipient's pacing slot only (Meta's pair limit); how long to wait for it.</summary>
    public TimeSpan ReserveRecipient(Guid numberId, string recipient) =>
        recipients.Reserve(numberId.ToString("N") + ":" + recipient, TimeSpan.FromMilliseconds(options.Value.RecipientIntervalMs), options.Value.RecipientBurst);

    /// <summary>The time between two of a number's sends at <paramref name="share"/> of <paramref name="ratePerSecond"/>.</summary>
    public static TimeSpan IntervalFor(int ratePerSecond, double share = RateShare) =>
        TimeSpan.FromSeconds(1.0 / (Math.Clamp(ratePerSecond, 1, 1000) * Math.Clamp(share, 0.5, WholeRate)));
}
