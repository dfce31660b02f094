using InboxApp.Core.Messaging;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.Messaging;

public sealed class SendThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_burst_beyond_the_rate_waits_one_interval_per_extra_message()
    {
        var clock = new FakeTimeProvider(Start);
        var bucket = new TokenBucket(clock);
        var interval = TimeSpan.FromSeconds(1.0 / 80);
        var waits = Enumerable.Range(0, 200).Select(_ => bucket.Reserve("number", interval, 80)).ToList();

        Assert.All(waits.Take(80), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.True(waits[80] > TimeSpan.Zero);
        // 200 messages at 80/s with a one-second burst: the last may go (200 - 80) / 80 = 1.5 s after the first.
        Assert.InRange(waits[^1].TotalMilliseconds, 1490, 1510);
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.Second >= p.First), "waits never shrink within a burst");
    }

    [Fact]
    public void Slots_come_back_as_time_passes_and_keys_are_independent()
    {
        var clock = new FakeTimeProvider(Start);
        var bucket = new TokenBucket(clock);
        var interval = TimeSpan.FromMilliseconds(100);
        for (var i = 0; i < 10; i++) bucket.Reserve("a", interval, 10);
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve("a", interval, 10));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve("b", interval, 10));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve("a", interval, 10));
    }

    [Fact]
    public void The_throttle_applies_the_numbers_rate_and_paces_one_recipient()
    {
        var clock = new FakeTimeProvider(Start);
        var throttle = new SendThrottle(clock, Options.Create(new MessagingOptions { RecipientIntervalMs = 6000, RecipientBurst = 3 }));
        var number = Guid.NewGuid();

        // Three to one user go at once as far as the pair guard goes; the fourth waits for Meta's pair limit (one per 6 s).
        Assert.Equal(TimeSpan.Zero, throttle.ReserveRecipient(number, "15551230001"));
        Assert.Equal(TimeSpan.Zero, throttle.ReserveRecipient(number, "15551230001"));
        Assert.Equal(TimeSpan.Zero, throttle.ReserveRecipient(number, "15551230001"));
        Assert.Equal(TimeSpan.FromSeconds(6), throttle.Reserve(number, 80, "15551230001"));

        // A number limited to 2/s: other recipients wait for the number's rate, paced at 98 % of it without burst.
        var slow = Guid.NewGuid();
        var waits = Enumerable.Range(0, 6).Select(i => throttle.Reserve(slow, 2, "1555000000" + i)).ToList();
        Assert.Equal([0, 510, 1020, 1530, 2040, 2551], waits.Select(w => (int)w.TotalMilliseconds));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(80)]
    [InlineData(1000)]
    public void No_rolling_second_ever_holds_more_than_the_numbers_rate(int rate)
    {
        // Callers arrive in rushes and pauses (a campaign between batches, agents at random): the sends, each at the time
        // its reservation allows, never put more than the rate into any rolling second, even right after a pause.
        var clock = new FakeTimeProvider(Start);
        var throttle = new SendThrottle(clock, Options.Create(new MessagingOptions()));
        var number = Guid.NewGuid();
        var random = new Random(rate);
        var sends = new List<DateTimeOffset>();
        for (var round = 0; round < 400; round++)
        {
            clock.Advance(round % 50 == 49 ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(random.Next(0, 40)));
            var callers = random.Next(0, Math.Max(2, rate / 4));
            for (var c = 0; c < callers; c++) sends.Add(clock.GetUtcNow() + throttle.ReserveNumber(number, rate));
        }
        sends.Sort();
        Assert.True(sends.Count > rate * 2, $"only {sends.Count} sends");
        var busiest = 0;
        for (int first = 0, last = 0; first < sends.Count; first++)
        {
            while (last < sends.Count && sends[last] < sends[first] + TimeSpan.FromSeconds(1)) last++;
            busiest = Math.Max(busiest, last - first);
        }
        Assert.InRange(busiest, 1, rate);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(1000)]
    public void A_queue_of_sends_goes_out_at_98_percent_of_the_rate(int rate)
    {
        var clock = new FakeTimeProvider(Start);
        var throttle = new SendThrottle(clock, Options.Create(new MessagingOptions()));
        var number = Guid.NewGuid();
        var waits = Enumerable.Range(0, rate * 5).Select(_ => throttle.ReserveNumber(number, rate)).ToList();

        Assert.Equal(TimeSpan.Zero, waits[0]);
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.Second > p.First), "one send per slot, never two at once");
        var achieved = (waits.Count - 1) / (waits[^1] - waits[0]).TotalSeconds;
        Assert.InRange(achieved, rate * 0.979, rate * 0.981);
    }
}
