using InboxApp.Core.Campaigns;

namespace InboxApp.Tests.Campaigns;

/// <summary>
/// The campaign's window before each Graph call (<see cref="SendWindow"/>): never more than the limit (the number's rate) in
/// a rolling second, counting each send from when it left plus the delay Meta's answer shows it had on its way (and up to
/// 5 ms of the fastest round trip), even when timers fire late or sends leave in bunches; a round trip every send takes
/// costs at most 5 ms a second; after Meta's 130429 a pause of tens of milliseconds (not seconds) and a lower limit, held
/// for a second, that then comes back by one percent of the rate per second while Meta accepts.
/// </summary>
public sealed class SendWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(80)]
    [InlineData(1000)]
    public void Sends_whose_waits_end_late_never_put_more_than_the_limit_into_a_rolling_second(int rate)
    {
        // Chunks offer more than the rate (at 80/s the queue grows: sends reserve their place long before the ones a second
        // earlier have left); a send that has to wait wakes up to 40 ms late (a busy machine's timers); now and then Meta
        // answers 130429. Counted where the sends really left.
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(rate, clock);
        var max = window.Limit;
        var random = new Random(rate);
        var pending = new PriorityQueue<SendWindow.Slot, long>();
        var departures = new List<long>();
        var chunk = Math.Max(1, rate / 40) + 1;
        var tick = TimeSpan.TicksPerMillisecond;
        for (var ms = 0; ms < 8000; ms++)
        {
            if (ms % 25 == 0)
            {
                for (var c = 0; c < chunk; c++)
                {
                    var slot = window.Reserve();
                    if (slot.Wait > TimeSpan.Zero) pending.Enqueue(slot, slot.At + random.Next(0, 41) * tick);
                    else if (window.Leave() is var more && more > TimeSpan.Zero) pending.Enqueue(slot, clock.GetTimestamp() + more.Ticks + random.Next(0, 41) * tick);
                    else departures.Add(clock.GetTimestamp());
                }
            }
            if (ms % 997 == 500) window.OverRate(1);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            while (pending.TryPeek(out var slot, out var due) && due <= clock.GetTimestamp())
            {
                pending.Dequeue();
                window.Departed(slot);
                // The send asks to leave when its (late) timer fires; told to wait more, its next timer may be late too.
                var more = window.Leave();
                if (more > TimeSpan.Zero) pending.Enqueue(slot, clock.GetTimestamp() + more.Ticks + random.Next(0, 41) * tick);
                else departures.Add(clock.GetTimestamp());
            }
        }
        departures.Sort();
        Assert.True(departures.Count > rate * 5, $"only {departures.Count} sends");
        var busiest = 0;
        for (int first = 0, last = 0; first < departures.Count; first++)
        {
            while (last < departures.Count && departures[last] < departures[first] + TimeSpan.TicksPerSecond) last++;
            busiest = Math.Max(busiest, last - first);
        }
        Assert.InRange(busiest, 1, max);
        Assert.Equal(rate, max);
        // And any rate + 1 of them left at least a second apart (none answered: each counts from when it left).
        AssertNoRatePlusOneWithinASecond(departures, rate, "left");
    }

    [Theory]
    [InlineData(80)]
    [InlineData(1000)]
    public void A_queue_goes_out_at_the_whole_rate_when_meta_accepts_everything(int rate)
    {
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(rate, clock);
        var departures = new List<TimeSpan>();
        var elapsed = TimeSpan.Zero;
        for (var i = 0; i < rate * 5; i++)
        {
            var slot = window.Reserve();
            if (slot.Wait > TimeSpan.Zero)
            {
                clock.Advance(slot.Wait);
                elapsed += slot.Wait;
                window.Departed(slot);
            }
            Assert.Equal(TimeSpan.Zero, window.Leave());
            departures.Add(elapsed);
        }
        // Each whole second lets exactly the limit go (the rate): the window, not the spacing, keeps a second at the rate.
        for (var second = 1; second <= 4; second++)
            Assert.Equal(second * window.Limit, departures.Count(d => d < TimeSpan.FromSeconds(second)));
        Assert.Equal(rate, window.Limit);
    }

    [Fact]
    public void After_an_over_rate_answer_the_number_resumes_within_20_ms_at_a_lower_limit_held_for_a_second_then_back_within_one()
    {
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(1000, clock);
        Assert.Equal(1000, window.Limit);
        Assert.Equal(TimeSpan.Zero, window.Reserve().Wait);

        window.OverRate(1);
        // A pause of 20 ms , not the seconds of a fixed back-off; the limit one percent of the rate lower.
        Assert.Equal(TimeSpan.FromMilliseconds(20), window.Reserve().Wait);
        Assert.Equal(TimeSpan.FromMilliseconds(20), window.Leave());
        Assert.Equal(990, window.Limit);
        // More refusals of sends that were already on their way: the same pause, the limit cut once per pause.
        window.OverRate(1);
        Assert.Equal(990, window.Limit);
        Assert.Equal(TimeSpan.FromMilliseconds(20), window.Reserve().Wait);
        // The same send refused again: twice the pause.
        window.OverRate(2);
        Assert.Equal(TimeSpan.FromMilliseconds(40), window.Reserve().Wait);

        // Meta accepts again: the lower limit is held for a second (it used to come back one send per 100 ms at once) ...
        clock.Advance(TimeSpan.FromMilliseconds(1099));
        Assert.Equal(990, window.Limit);
        // ... then comes back by one percent of the rate per second: one send per 100 ms at 1,000/s.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(991, window.Limit);
        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(995, window.Limit);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(999, window.Limit);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1000, window.Limit);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1000, window.Limit);
        Assert.Equal(TimeSpan.Zero, window.Reserve().Wait);
    }

    [Fact]
    public void At_80_per_second_a_cut_of_one_send_is_held_for_a_second_and_comes_back_a_second_later_not_within_100_ms()
    {
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(80, clock);
        Assert.Equal(80, window.Limit);
        Assert.InRange((window.Span - TimeSpan.FromSeconds(1)).Duration(), TimeSpan.Zero, TimeSpan.FromTicks(10));

        window.OverRate(1);
        Assert.Equal(79, window.Limit);
        // The lower limit widens the time in which 81 sends may leave too: 80/79 s, a margin of 13 ms instead of none.
        Assert.InRange((window.Span - TimeSpan.FromSeconds(80.0 / 79)).Duration(), TimeSpan.Zero, TimeSpan.FromTicks(10));
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(79, window.Limit);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(79, window.Limit);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(80, window.Limit);

        // Another refusal during the hold restarts it.
        window.OverRate(1);
        clock.Advance(TimeSpan.FromMilliseconds(900));
        window.OverRate(1);
        Assert.Equal(78, window.Limit);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(78, window.Limit);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(79, window.Limit);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(80, window.Limit);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(1000)]
    public void Sends_that_left_in_bunches_a_second_apart_still_keep_any_rate_plus_one_sends_a_margin_apart(int rate)
    {
        // A queue behind the window: everything offered at once, then every send leaves as soon as the window lets it, in
        // bunches (a pause after 130429 gathers the sends it held into one). The rolling second alone lets a bunch leave exactly
        // a second after the one before it: then any jitter of the earlier bunch's requests puts more than the rate into one of
        // Meta's seconds unless the earlier bunch's answers said when they arrived; none is answered here, so any rate + 1
        // consecutive departures must be at least a second apart, and wider while a cut holds.
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(rate, clock);
        var departures = new List<long>();
        var queue = new Queue<SendWindow.Slot>();
        for (var ms = 0; ms < 6000; ms++)
        {
            while (queue.Count < rate) queue.Enqueue(window.Reserve());
            if (ms == 1500 || ms == 3700) window.OverRate(1);
            while (queue.TryPeek(out var slot) && slot.At <= clock.GetTimestamp())
            {
                if (window.Leave() > TimeSpan.Zero) break;
                queue.Dequeue();
                departures.Add(clock.GetTimestamp());
            }
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        Assert.True(departures.Count > rate * 5, $"only {departures.Count} sends");
        AssertNoRatePlusOneWithinASecond(departures, rate, "left");
        // And still most of the rate: over the last four seconds (the cuts at 1.5 s and 3.7 s held and come back), at least 90 %.
        var late = departures.Count(d => d >= clock.GetTimestamp() - 4 * TimeSpan.TicksPerSecond);
        Assert.InRange(late, (int)(rate * 0.9 * 4), rate * 4);
    }

    [Fact]
    public void Refusals_that_go_on_lower_the_limit_to_half_the_rate_and_never_stop_the_number()
    {
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(80, clock);
        Assert.Equal(80, window.Limit);
        for (var i = 0; i < 200; i++)
        {
            window.OverRate(1);
            clock.Advance(TimeSpan.FromMilliseconds(21));
        }
        Assert.Equal(40, window.Limit);
        var slot = window.Reserve();
        Assert.InRange(slot.Wait, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_send_held_up_on_its_way_holds_the_send_a_rate_after_it_by_its_delay_beyond_the_fastest_round_trip()
    {
        // 10/s, one send every 100 ms; every answer comes 2 ms after its send left (the fastest round trip, under 5 ms: each
        // send counts from its answer) but the fourth's, which comes 302 ms after: that send may have reached Meta up to 300 ms
        // later than the others' way suggests, so the send ten after it waits for that too. Counting departures only, it would
        // leave at 1.3 s and reach Meta within a second of the held-up one.
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(10, clock);
        var sent = new SendWindow.Departure[10];
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(TimeSpan.Zero, window.Leave(out sent[i]));
            clock.Advance(TimeSpan.FromMilliseconds(2));
            if (i != 3) window.Answered(sent[i]);
            if (i == 6) window.Answered(sent[3]); // 302 ms after it left
            clock.Advance(TimeSpan.FromMilliseconds(98));
        }
        // At 1.0 s the send a rate after the first waits for the first's answer (2 ms); then at 1.002, 1.102 and 1.202 s the
        // sends a rate after the first three leave at once.
        Assert.Equal(TimeSpan.FromMilliseconds(2), window.Leave());
        clock.Advance(TimeSpan.FromMilliseconds(2));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, window.Leave(out var next));
            clock.Advance(TimeSpan.FromMilliseconds(2));
            window.Answered(next);
            clock.Advance(TimeSpan.FromMilliseconds(98));
        }
        // At 1.302 s the send a rate after the held-up one waits until 1.602 s: a second after its answer.
        Assert.Equal(TimeSpan.FromMilliseconds(300), window.Leave());
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.Zero, window.Leave());
        // An answer to a send whose entry a later send has taken changes nothing: the first send's, 1.602 s after it left.
        window.Answered(sent[0]);
        // At 2.004 s, a second after the 1.002 s send's answer, the sends a rate after it and the ones before it leave at once
        // (the first send's late answer did not make the 1.002 s send count later); the next waits for the 1.102 s one's.
        clock.Advance(TimeSpan.FromMilliseconds(402));
        for (var i = 0; i < 7; i++) Assert.Equal(TimeSpan.Zero, window.Leave());
        Assert.Equal(TimeSpan.FromMilliseconds(100), window.Leave());
    }

    [Theory]
    [InlineData(80)]
    [InlineData(1000)]
    public void A_round_trip_every_send_takes_alike_costs_no_throughput(int rate)
    {
        // Meta answers every send 120 ms after it left (its servers are far away, the way is the same for all): the window lets
        // all but half a percent of the rate go in every second (each send counted 5 ms after it left), not rate / 1.12 as it
        // would if each send counted from its answer.
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(rate, clock);
        var trip = TimeSpan.FromMilliseconds(120).Ticks;
        var inFlight = new Queue<(SendWindow.Departure Sent, long AnswerAt)>();
        var departures = new List<long>();
        for (var ms = 0; ms < 5000; ms++)
        {
            while (inFlight.TryPeek(out var f) && f.AnswerAt <= clock.GetTimestamp()) window.Answered(inFlight.Dequeue().Sent);
            // Sends are always waiting: as many leave as the window lets go now.
            while (window.Leave(out var sent) == TimeSpan.Zero)
            {
                departures.Add(clock.GetTimestamp());
                inFlight.Enqueue((sent, clock.GetTimestamp() + trip));
            }
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        for (var second = 1; second < 5; second++)
        {
            var from = departures[0] + second * TimeSpan.TicksPerSecond;
            Assert.InRange(departures.Count(d => d >= from && d < from + TimeSpan.TicksPerSecond), rate * 0.99, rate);
        }
        AssertNoRatePlusOneWithinASecond(departures, rate, "left");
    }

    [Theory]
    [InlineData(80)]
    [InlineData(1000)]
    public void Requests_held_up_on_their_way_to_a_nearby_meta_never_arrive_over_the_rate(int rate)
    {
        // Sends are always waiting. Each request takes 0.1–40 ms to reach Meta (a busy machine, a queue) and 0.1–3 ms back;
        // in the first 100 ms every request is slow (20–40 ms on the way), so the campaign's first answers say nothing of the
        // fastest round trip yet. Meta counts arrivals. The fastest round trip is under 5 ms, so each send counts from its
        // answer: however the requests are held up, no rolling second at Meta holds more than the rate (counting departures,
        // any request that took longer than the one a rate after it would have made one; taking the fastest round trip as
        // it stood at each answer, the first second's slow answers would).
        var clock = new FakeTimeProvider(Start);
        var window = new SendWindow(rate, clock);
        var random = new Random(rate);
        var answers = new PriorityQueue<SendWindow.Departure, long>();
        var arrivals = new List<long>();
        var tick = TimeSpan.TicksPerMillisecond;
        for (var step = 0; step < 6000 * 4; step++)
        {
            while (answers.TryPeek(out _, out var at) && at <= clock.GetTimestamp()) window.Answered(answers.Dequeue());
            while (window.Leave(out var sent) == TimeSpan.Zero)
            {
                var arrival = sent.At + (step < 400 ? 20 * tick + (long)(random.NextDouble() * 20 * tick) : (long)(random.NextDouble() * 40 * tick) + tick / 10);
                arrivals.Add(arrival);
                answers.Enqueue(sent, arrival + (long)(random.NextDouble() * 3 * tick) + tick / 10);
            }
            clock.Advance(TimeSpan.FromTicks(tick / 4));
        }
        arrivals.Sort();
        Assert.True(arrivals.Count > rate * 5, $"only {arrivals.Count} sends");
        AssertNoRatePlusOneWithinASecond(arrivals, rate, "reached Meta");
    }

    /// <summary>Any <paramref name="rate"/> + 1 consecutive times (sorted) span at least a second.</summary>
    private static void AssertNoRatePlusOneWithinASecond(List<long> sorted, int rate, string what)
    {
        var closest = Enumerable.Range(0, sorted.Count - rate).Min(i => sorted[i + rate] - sorted[i]);
        Assert.True(closest >= TimeSpan.TicksPerSecond, $"{rate + 1} sends {what} within {TimeSpan.FromTicks(closest).TotalMilliseconds} ms");
    }
}
