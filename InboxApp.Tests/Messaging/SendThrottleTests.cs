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

        // Three to one user go at once; the fourth waits for Meta's pair limit (one per 6 s).
        Assert.Equal(TimeSpan.Zero, throttle.Reserve(number, 80, "15551230001"));
        Assert.Equal(TimeSpan.Zero, throttle.Reserve(number, 80, "15551230001"));
        Assert.Equal(TimeSpan.Zero, throttle.Reserve(number, 80, "15551230001"));
        Assert.Equal(TimeSpan.FromSeconds(6), throttle.Reserve(number, 80, "15551230001"));

        // A number limited to 2/s: other recipients wait for the number's rate.
        var slow = Guid.NewGuid();
        var waits = Enumerable.Range(0, 6).Select(i => throttle.Reserve(slow, 2, "1555000000" + i)).ToList();
        Assert.Equal([0, 0, 500, 1000, 1500, 2000], waits.Select(w => (int)w.TotalMilliseconds));
    }
}
