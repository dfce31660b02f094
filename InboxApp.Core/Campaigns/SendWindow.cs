namespace InboxApp.Core.Campaigns;

/// <summary>
/// A campaign's sends of the last second, checked just before each Graph call. Meta counts a number's messages where they
/// arrive, in any rolling second; the window keeps the number's rate by the latest moment each send can have arrived:
/// <list type="bullet">
/// <item>never more than <see cref="Limit"/> within any rolling second (<see cref="Limit"/> starts at the number's rate:
/// 80 at 80/s, 1,000 at 1,000/s), however the sends before the call were delayed (a slow store, a busy machine) and then
/// bunched;</item>
/// <item>never more than the number's rate within any rolling <see cref="Span"/> (rate / <see cref="Limit"/> seconds, at
/// least 1 s): the same rule while the limit is the rate, a wider one after Meta refused sends.</item>
/// </list>
/// <para>A send counts from when it left, plus the delay Meta's answer shows it had (<see cref="Answered"/>): its round
/// trip beyond the fastest round trip of the last seconds (as it stands when a later send asks), plus that fastest round
/// trip up to <see cref="MostOfFastestTrip"/> (5 ms). A request held up on its way (a busy machine's scheduling, a queue in the
/// network) may have reached Meta that much later, and the send the rate after it waits for it. While the fastest round
/// trip is under 5 ms (a nearby Graph API, the benchmark's fake) a send counts from its answer, and no request can have
/// reached Meta after its answer came: no 130429 from the sender's own timing. Meta far away (a fastest round trip of
/// 100 ms) costs 5 ms a second, not the whole round trip a second that counting from the answers would. Counting
/// departures only, as the window did until session 20, needed a margin (98 % of the rate) for that jitter and still met
/// 130429 whenever a request took more than the margin's 20 ms longer than the one a second after it. A send not answered
/// yet counts from when it left.</para>
/// <para>Each send's place is reserved in order (no two waiters compete for one place); then the send leaves only if the
/// sends that really left allow it (<see cref="Leave"/>): a wait that ended late (a busy machine's timers) waits a little
/// more instead of putting two seconds' sends into one.</para>
/// <para>Meta's answer 130429 (over the number's throughput) still holds every send for a short pause
/// (<see cref="PauseAfterOverRate"/>, doubled on each further refusal of the same send: tens of milliseconds, not seconds)
/// and lowers <see cref="Limit"/> by one percent of the rate (at least one send; at most once per pause, never under half
/// the rate), which also widens <see cref="Span"/>: Meta may count differently from this window (another sender on the
/// number, its own clock). The lower limit is kept for <see cref="HoldAfterOverRate"/> after the last cut, then comes back
/// by one percent of the rate per second (one send per second at 80/s, one per 100 ms at 1,000/s) while Meta accepts
/// (additive increase, multiplicative decrease). A refused send is tried again at the next free place (see
/// <see cref="CampaignSender"/>), not counted as a failure, and still counted here (Meta may count refused requests too).</para>
/// </summary>
internal sealed class SendWindow
{
    /// <summary>The pause after an over-rate answer (20 ms).</summary>
    public static readonly TimeSpan PauseAfterOverRate = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a limit lowered by a 130429 stays down before it starts coming back.</summary>
    public static readonly TimeSpan HoldAfterOverRate = TimeSpan.FromSeconds(1);

    /// <summary>The shortest time between two steps (one send each) of the limit coming back.</summary>
    public static readonly TimeSpan RaiseEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The most of the fastest round trip a send is counted later on top of its delay (5 ms): a fastest round trip up to
    /// this long counts whole (the send counts from its answer, which no request can have reached Meta after), a longer one
    /// (Meta far away) counts this much of it.
    /// </summary>
    public static readonly TimeSpan MostOfFastestTrip = TimeSpan.FromMilliseconds(5);

    private readonly long[] times;
    private readonly long[] left;
    private readonly long[] answeredAt;
    private readonly int rate;
    private readonly long second;
    private readonly long pause;
    private readonly long hold;
    private readonly long raiseEvery;
    private readonly long mostOfFastest;
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
    // The fastest round trip of this second and of the one before it (Answered).
    private long fastestNow = long.MaxValue;
    private long fastestBefore = long.MaxValue;
    private long fastestSince = long.MinValue / 2;

    public SendWindow(int ratePerSecond, TimeProvider clock)
    {
        rate = Math.Clamp(ratePerSecond, 1, 1000);
        // The last `rate` places and departures: the limit-th (first rule) and the rate-th (second rule) before the next.
        times = new long[rate];
        Array.Fill(times, long.MinValue);
        left = new long[rate];
        Array.Fill(left, long.MinValue);
        answeredAt = new long[rate];
        Array.Fill(answeredAt, long.MinValue);
        floor = Math.Max(1, rate / 2);
        cut = Math.Max(1, (int)Math.Round(rate / 100.0));
        second = clock.TimestampFrequency;
        pause = (long)(PauseAfterOverRate.TotalSeconds * second);
        hold = (long)(HoldAfterOverRate.TotalSeconds * second);
        // One percent of the rate per second: a cut comes back within a second once the hold is over.
        raiseEvery = Math.Max((long)(RaiseEvery.TotalSeconds * second), second / cut);
        mostOfFastest = (long)(MostOfFastestTrip.TotalSeconds * second);
        this.clock = clock;
        SetLimit(rate);
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

    /// <summary>The shortest time in which the number's rate + 1 sends may leave now (rate / <see cref="Limit"/> seconds, at least 1 s).</summary>
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

    /// <summary>A send that left: its entry among the last departures, and when it left.</summary>
    public readonly record struct Departure(int Index, long At);

    /// <summary>
    /// Waits for this send's place in the window, then until it may really leave; the call goes right after. Answers the
    /// departure, for <see cref="Answered"/> when Meta's answer comes.
    /// </summary>
    public async Task<Departure> WaitTurnAsync(CancellationToken ct = default)
    {
        var slot = Reserve();
        if (slot.Wait > TimeSpan.Zero)
        {
            await Task.Delay(slot.Wait, clock, ct);
            Departed(slot);
        }
        while (true)
        {
            var more = Leave(out var departure);
            if (more <= TimeSpan.Zero) return departure;
            await Task.Delay(more, clock, ct);
        }
    }

    /// <summary>
    /// The send leaves now if the sends before it allow it (the limit-th before it counted a second ago or more, the rate-th
    /// <see cref="Span"/> ago or more, each from when it left or, once answered, as <see cref="Answered"/> says; no pause):
    /// recorded, zero. Otherwise how long to wait before asking again (a wait that ended late, an answer that came late, or
    /// a pause after 130429).
    /// </summary>
    internal TimeSpan Leave() => Leave(out _);

    internal TimeSpan Leave(out Departure departure)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            Raise(now);
            departure = default;
            if (pausedUntil > now) return ToSpan(pausedUntil - now);
            var at = EarliestAfter(left, nextLeft, departures: true);
            if (at > now) return ToSpan(at - now);
            left[nextLeft] = now;
            answeredAt[nextLeft] = long.MinValue;
            departure = new Departure(nextLeft, now);
            nextLeft = (nextLeft + 1) % left.Length;
            return TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Meta answered the send of <paramref name="departure"/> (accepted or not): from now on the send counts from its answer
    /// less the fastest round trip of the last seconds beyond <see cref="MostOfFastestTrip"/> (see the class's remarks; the
    /// fastest round trip as it stands when a later send asks, made more exact by the answers that came meanwhile), for the
    /// sends after it. Nothing when its entry has been taken by a later send meanwhile.
    /// </summary>
    public void Answered(Departure departure)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            var trip = now - departure.At;
            if (trip < 0) return;
            if (now - fastestSince >= second)
            {
                // A new second: the fastest round trip is taken over this second and the one before it.
                fastestBefore = fastestNow;
                fastestNow = long.MaxValue;
                fastestSince = now;
            }
            fastestNow = Math.Min(fastestNow, trip);
            if (left[departure.Index] == departure.At) answeredAt[departure.Index] = now;
        }
    }

    /// <summary>
    /// When entry <paramref name="index"/> of <paramref name="sends"/> counts from. A departure (<paramref name="departures"/>)
    /// once answered: its answer less the fastest round trip beyond <see cref="MostOfFastestTrip"/>, never before it left;
    /// else, and for the places reserved, its time as it is.
    /// </summary>
    private long Counted(long[] sends, int index, bool departures)
    {
        var at = sends[index];
        if (!departures || at == long.MinValue || answeredAt[index] == long.MinValue) return at;
        var fastest = Math.Min(fastestNow, fastestBefore);
        return Math.Max(at, answeredAt[index] - Math.Max(0, fastest - mostOfFastest));
    }

    private TimeSpan ToSpan(long timestamps) => TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(timestamps * (double)TimeSpan.TicksPerSecond / second)));

    /// <summary>
    /// The earliest time the send after <paramref name="sends"/>' entry <paramref name="index"/> − 1 may leave: a second after
    /// the limit-th send before it, <see cref="Span"/> after the rate-th (the entry it replaces), each as it counts
    /// (<see cref="Counted"/>); long.MinValue when neither applies.
    /// </summary>
    private long EarliestAfter(long[] sends, int index, bool departures)
    {
        var byLimit = Counted(sends, (index - limit + sends.Length) % sends.Length, departures);
        var byRate = Counted(sends, index, departures);
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
            var at = Math.Max(now, EarliestAfter(times, next, departures: false));
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
        if (limit >= rate) return;
        var steps = (now - lastRaise) / raiseEvery;
        if (steps <= 0) return;
        SetLimit((int)Math.Min(rate, limit + steps));
        lastRaise += steps * raiseEvery;
    }

    private void SetLimit(int value)
    {
        limit = value;
        span = (long)Math.Ceiling(second * (double)rate / limit); // the limit is never above the rate: at least a second
    }
}
