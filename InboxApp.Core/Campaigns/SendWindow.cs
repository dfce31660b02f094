using InboxApp.Core.Messaging;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// A campaign's sends of the last second, checked just before each Graph call: never more than <see cref="Limit"/> calls
/// leave within any rolling second, however the sends before the call were delayed (a slow store, a busy machine) and
/// then bunched. <see cref="Limit"/> starts at the number's rate × <see cref="SendThrottle.RateShare"/>.
/// <para>Each send's place is reserved in order (no two waiters compete for one place); then the send leaves only if the
/// sends that really left allow it (<see cref="Leave"/>): a wait that ended late (a busy machine's timers) waits a little
/// more instead of putting two seconds' sends into one.</para>
/// <para>Meta's answer 130429 (over the number's throughput) means sends reached Meta closer together than they left:
/// <see cref="OverRate"/> holds every send for a short pause (<see cref="PauseAfterOverRate"/>, doubled on each further
/// refusal of the same send: tens of milliseconds, not seconds, since this window says we were under the rate) and lowers
/// <see cref="Limit"/> by one percent (at most once per pause, never under half the rate); it comes back by one send per
/// <see cref="RaiseEvery"/> while Meta accepts (additive increase, multiplicative decrease). A refused send is tried again
/// at the next free place (see <see cref="CampaignSender"/>), not counted as a failure.</para>
/// </summary>
internal sealed class SendWindow
{
    /// <summary>The pause after an over-rate answer: the margin of a second the window keeps under the rate (20 ms).</summary>
    public static readonly TimeSpan PauseAfterOverRate = TimeSpan.FromSeconds(1 - SendThrottle.RateShare);

    /// <summary>How often the limit comes back by one send after it was lowered.</summary>
    public static readonly TimeSpan RaiseEvery = TimeSpan.FromMilliseconds(100);

    private readonly long[] times;
    private readonly long[] left;
    private readonly long second;
    private readonly long pause;
    private readonly long raiseEvery;
    private readonly int floor;
    private readonly int cut;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private int next;
    private int nextLeft;
    private int limit;
    private long pausedUntil = long.MinValue;
    private long lastCut = long.MinValue;
    private long lastRaise;

    public SendWindow(int ratePerSecond, TimeProvider clock)
    {
        var max = Math.Max(1, (int)Math.Floor(Math.Clamp(ratePerSecond, 1, 1000) * SendThrottle.RateShare));
        times = new long[max];
        Array.Fill(times, long.MinValue);
        left = new long[max];
        Array.Fill(left, long.MinValue);
        limit = max;
        floor = Math.Max(1, max / 2);
        cut = Math.Max(1, max / 100);
        second = clock.TimestampFrequency;
        pause = (long)(PauseAfterOverRate.TotalSeconds * second);
        raiseEvery = (long)(RaiseEvery.TotalSeconds * second);
        this.clock = clock;
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
    /// The send leaves now if the sends that really left allow it (the limit-th before it left a second ago or more, no
    /// pause): recorded, zero. Otherwise how long to wait before asking again (a wait that ended late, or a pause after 130429).
    /// </summary>
    internal TimeSpan Leave()
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            Raise(now);
            if (pausedUntil > now) return Span(pausedUntil - now);
            var before = left[(nextLeft - limit + left.Length) % left.Length];
            if (before != long.MinValue && before + second > now) return Span(before + second - now);
            left[nextLeft] = now;
            nextLeft = (nextLeft + 1) % left.Length;
            return TimeSpan.Zero;
        }
    }

    private TimeSpan Span(long timestamps) => TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(timestamps * (double)TimeSpan.TicksPerSecond / second)));

    /// <summary>Takes the next send's place: the time it may leave (the limit-th send before it left a second earlier, and no pause holds).</summary>
    public Slot Reserve()
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            Raise(now);
            var before = times[(next - limit + times.Length) % times.Length];
            var at = before == long.MinValue || before + second <= now ? now : before + second;
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
    /// <see cref="PauseAfterOverRate"/> × 2^(attempt − 1), and the limit drops by one percent (once per pause).
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
            limit = Math.Max(floor, limit - cut);
            lastRaise = now;
        }
    }

    private void Raise(long now)
    {
        if (limit >= times.Length) return;
        var steps = (now - lastRaise) / raiseEvery;
        if (steps <= 0) return;
        limit = (int)Math.Min(times.Length, limit + steps);
        lastRaise += steps * raiseEvery;
    }
}
