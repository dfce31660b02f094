using InboxApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.Events;

/// <summary>
/// The cache of durable listeners' interest answers on its own: what another node changed is seen after the TTL, what this
/// process changed at once, and an answer read before a change is never kept. (Through the front door, the outgoing
/// webhook, opt-out and campaign tests show organizations without configuration writing no rows and a change taking effect.)
/// </summary>
public sealed class ListenerInterestCacheTests
{
    /// <summary>A listener whose configuration the test changes "on another node" (behind the cache's back).</summary>
    private sealed class Configurable : IDurableListenerInterest
    {
        public volatile bool On;
        public TaskCompletionSource? Hold;

        public async Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct)
        {
            var on = On;
            if (Hold is { } hold) await hold.Task;
            return _ => on;
        }
    }

    private sealed record Something(Guid OrganizationId) : DomainEvent(OrganizationId);

    private static (ListenerInterestCache Cache, Configurable Listener) Create(TimeSpan ttl)
    {
        var listener = new Configurable();
        var services = new ServiceCollection().AddSingleton(listener).BuildServiceProvider();
        var cache = new ListenerInterestCache(services, Options.Create(new OutboxOptions { InterestTtl = ttl }), NullLogger<ListenerInterestCache>.Instance);
        return (cache, listener);
    }

    [Fact]
    public async Task Without_an_answer_every_event_is_wanted_and_a_loaded_no_is_kept_until_the_ttl()
    {
        var (cache, listener) = Create(TimeSpan.FromSeconds(2));
        var org = Guid.NewGuid();
        var e = new Something(org);
        Assert.True(cache.Wants(typeof(Configurable), e)); // unknown: write the row

        await cache.LoadAsync([(typeof(Configurable), org)], CancellationToken.None);
        Assert.False(cache.Wants(typeof(Configurable), e));
        Assert.True(cache.Wants(typeof(Configurable), new Something(Guid.NewGuid()))); // another organization is unknown

        listener.On = true; // changed on another node: this one keeps its answer until the TTL, then asks again
        Assert.False(cache.Wants(typeof(Configurable), e));
        await EventsTestData.EventuallyAsync(() => !cache.Known(typeof(Configurable), org), because: "the answer to expire");
        Assert.True(cache.Wants(typeof(Configurable), e));
        await cache.LoadAsync([(typeof(Configurable), org)], CancellationToken.None);
        Assert.True(cache.Wants(typeof(Configurable), e));
    }

    [Fact]
    public async Task A_change_in_this_process_is_seen_at_once_and_a_load_that_began_before_it_is_not_kept()
    {
        var (cache, listener) = Create(TimeSpan.FromHours(1));
        var org = Guid.NewGuid();
        var e = new Something(org);
        await cache.LoadAsync([(typeof(Configurable), org)], CancellationToken.None);
        Assert.False(cache.Wants(typeof(Configurable), e));

        listener.On = true;
        cache.Changed(typeof(Configurable), org);
        Assert.True(cache.Wants(typeof(Configurable), e));

        // A load reads "off", the configuration changes before it finishes: its answer is dropped.
        listener.On = false;
        listener.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loading = cache.LoadAsync([(typeof(Configurable), org)], CancellationToken.None);
        listener.On = true;
        cache.Changed(typeof(Configurable), org);
        listener.Hold.SetResult();
        await loading;
        Assert.False(cache.Known(typeof(Configurable), org));
        Assert.True(cache.Wants(typeof(Configurable), e));
    }
}
