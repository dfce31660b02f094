using InboxApp.Core.Messaging;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// A campaign's sends of the last second, checked just before each Graph call. Two rules hold for the sends as they leave:
/// <list type="bullet">
/// <item>never more than <see cref="Limit"/> within any rolling second (<see cref="Limit"/> starts at the number's
/// rate × <see cref="SendThrottle.RateShare"/>: 78 at 80/s, 980 at 1,000/s), however the sends before the call were
/// delayed (a slow store, a busy machine) and then bunched;</item>
/// <item>never more than the number's rate within any rolling <see cref="Span"/> (rate / <see cref="Limit"/> seconds, at
/// least 1 s / <see cref="SendThrottle.RateShare"/>: 1.026 s at 80/s, 1.020 s at 1,000/s). Meta counts arrivals, not
/// departures: with the first rule alone, sends that left in a bunch exactly a second after another bunch (what a queue
/// behind the first rule makes, second after second) reach Meta over the rate as soon as the earlier bunch's requests
/// took a millisecond longer. The second rule keeps any rate + 1 sends at least <see cref="Span"/> apart, so arrivals may
/// jitter by <see cref="Span"/> − 1 s (25 ms at 80/s, 20 ms at 1,000/s) before a rolling second at Meta holds more than
/// the rate. It costs no throughput: in the long run both rules allow <see cref="Limit"/> sends per second.</item>
/// </list>
/// <para>Each send's place is reserved in order (no two waiters compete for one place); then the send leaves only if the
/// sends that really left allow it (<see cref="Leave"/>): a wait that ended late (a busy machine's timers) waits a little
/// more instead of putting two seconds' sends into one.</para>
/// <para>Meta's answer 130429 (over the number's throughput) means sends reached Meta closer together than they left:
/// <see cref="OverRate"/> holds every send for a short pause (<see cref="PauseAfterOverRate"/>, doubled on each further
/// refusal of the same send: tens of milliseconds, not seconds, since this window says we were under the rate) and lowers
/// <see cref="Limit"/> by one percent of the rate (at least one send; at most once per pause, never under half the rate),
/// which also widens <see cref="Span"/>. The lower limit is kept for <see cref="HoldAfterOverRate"/> after the last cut,
/// then comes back by one percent of the rate per second (one send per second at 80/s, one per 100 ms at 1,000/s) while
/// Meta accepts (additive increase, multiplicative decrease): refusals that come in a spell (a busy machine, Meta's own
/// counting) meet a wider margin for its length, not one that is gone again within a second. A refused send is tried again
/// at the next free place (see <see cref="CampaignSender"/>), not counted as a failure, and still counted as a departure
/// here (Meta may count refused requests too).</para>
/// </summary>
internal sealed class SendWindow
{
    /// <summary>The pause after an over-rate answer: the margin of a second the window keeps under the rate (20 ms).</summary>
    public static readonly TimeSpan PauseAfterOverRate = TimeSpan.FromSeconds(1 - SendThrottle.RateShare);

    /// <summary>How long a limit lowered by a 130429 stays down before it starts coming back.</summary>
    public static readonly TimeSpan HoldAfterOverRate = TimeSpan.FromSeconds(1);

    /// <summary>The shortest time between two steps (one send each) of the limit coming back.</summary>
    public static readonly TimeSpan RaiseEvery = TimeSpan.FromMilliseconds(100);

    private readonly long[] times;
    private readonly long[] left;
    private readonly int rate;
    private readonly int max;
    private readonly long second;
    private readonly long pause;
    private readonly long hold;
    private readonly long raiseEvery;
    private readonly int floor;
    private readonly int cut;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private int next;
    private int nextLeft;
    private int limit;
    private long span;
    private long pausedUntil = long.MinValue;
    private long lastCut = long.MinValue;
    private long lastRaise;

    public SendWindow(int ratePerSecond, TimeProvider clock)
    {
        rate = Math.Clamp(ratePerSecond, 1, 1000);
        max = Math.Max(1, (int)Math.Floor(rate * SendThrottle.RateShare));
        // The last `rate` places and departures: the limit-th (first rule) and the rate-th (second rule) before the next.
        times = new long[rate];
        Array.Fill(times, long.MinValue);
        left = new long[rate];
        Array.Fill(left, long.MinValue);
        floor = Math.Max(1, max / 2);
        cut = Math.Max(1, (int)Math.Round(rate / 100.0));
        second = clock.TimestampFrequency;
        pause = (long)(PauseAfterOverRate.TotalSeconds * second);
        hold = (long)(HoldAfterOverRate.TotalSeconds * second);
        // One percent of the rate per second: a cut comes back within a second once the hold is over.
        raiseEvery = Math.Max((long)(RaiseEvery.TotalSeconds * second), second / cut);
        this.clock = clock;
        SetLimit(max);
    }

    /// <summary>The most sends allowed to leave within any rolling second now.</summary>
    public int Limit
    {
        get
        {
            lock (gate)
            {
                Raise(clock.GetTimestamp());
                return limit;
            }
        }
    }

    /// <summary>The shortest time in which the number's rate + 1 sends may leave now (rate / <see cref="Limit"/> seconds, at least 1 s / 0.98).</summary>
    public TimeSpan Span
    {
        get
        {
            lock (gate)
            {
                Raise(clock.GetTimestamp());
                return TimeSpan.FromSeconds((double)span / second);
            }
        }
    }

    /// <summary>A reserved place: where it is in the window, and the time it was given.</summary>
    public readonly record struct Slot(int Index, long At, TimeSpan Wait);

    /// <summary>Waits for this send's place in the window, then until it may really leave; the call goes right after.</summary>
    public async Task WaitTurnAsync(CancellationToken ct = default)
    {
        var slot = Reserve();
        if (slot.Wait > TimeSpan.Zero)
        {
            await Task.Delay(slot.Wait, clock, ct);
            Departed(slot);
        }
        for (var more = Leave(); more > TimeSpan.Zero; more = Leave()) await Task.Delay(more, clock, ct);
    }

    /// <summary>
    /// The send leaves now if the sends that really left allow it (the limit-th before it left a second ago or more, the
    /// rate-th <see cref="Span"/> ago or more, no pause): recorded, zero. Otherwise how long to wait before asking again (a wait that ended late, or a pause after 130429).
    /// </summary>
    internal TimeSpan Leave()
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            Raise(now);
            if (pausedUntil > now) return ToSpan(pausedUntil - now);
            var at = EarliestAfter(left, nextLeft);
            if (at > now) return ToSpan(at - now);
            left[nextLeft] = now;
            nextLeft = (nextLeft + 1) % left.Length;
            return TimeSpan.Zero;
        }
    }

    private TimeSpan ToSpan(long timestamps) => TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(timestamps * (double)TimeSpan.TicksPerSecond / second)));

    /// <summary>
    /// The earliest time the send after <paramref name="sends"/>' entry <paramref name="index"/> − 1 may leave: a second after
    /// the limit-th send before it, <see cref="Span"/> after the rate-th (the entry it replaces); long.MinValue when neither applies.
    /// </summary>
    private long EarliestAfter(long[] sends, int index)
    {
        var byLimit = sends[(index - limit + sends.Length) % sends.Length];
        var byRate = sends[index];
        var at = long.MinValue;
        if (byLimit != long.MinValue) at = byLimit + second;
        if (byRate != long.MinValue && byRate + span > at) at = byRate + span;
        return at;
    }

    /// <summary>Takes the next send's place: the time it may leave (both rules of the sends placed before it, and no pause holds).</summary>
    public Slot Reserve()
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            Raise(now);
            var at = Math.Max(now, EarliestAfter(times, next));
            if (pausedUntil > at) at = pausedUntil;
            var index = next;
            times[index] = at;
            next = (next + 1) % times.Length;
            return new Slot(index, at, at == now ? TimeSpan.Zero : TimeSpan.FromSeconds((double)(at - now) / second));
        }
    }

    /// <summary>The send of <paramref name="slot"/> leaves now: if that is later than its place (a late timer), its place moves to now.</summary>
    public void Departed(Slot slot)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            if (times[slot.Index] == slot.At && now > slot.At) times[slot.Index] = now;
        }
    }

    /// <summary>
    /// Meta answered 130429 to a send (its <paramref name="attempt"/>-th): no send leaves for
    /// <see cref="PauseAfterOverRate"/> × 2^(attempt − 1), and the limit drops by one percent of the rate (once per pause),
    /// held there for <see cref="HoldAfterOverRate"/>.
    /// </summary>
    public void OverRate(int attempt)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            var until = now + pause * (1L << Math.Clamp(attempt - 1, 0, 10));
            if (until > pausedUntil) pausedUntil = until;
            if (lastCut != long.MinValue && now - lastCut < pause) return;
            lastCut = now;
            Raise(now);
            SetLimit(Math.Max(floor, limit - cut));
            // The first step back comes a step after the hold.
            lastRaise = now + hold;
        }
    }

    private void Raise(long now)
    {
        if (limit >= max) return;
        var steps = (now - lastRaise) / raiseEvery;
        if (steps <= 0) return;
        SetLimit((int)Math.Min(max, limit + steps));
        lastRaise += steps * raiseEvery;
    }

    private void SetLimit(int value)
    {
        limit = value;
        span = (long)Math.Ceiling(second * Math.Max((double)rate / limit, 1 / SendThrottle.RateShare));
    }
}
