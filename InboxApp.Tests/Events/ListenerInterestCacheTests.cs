using InboxApp.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace InboxApp.Tests.Events;

/// <summary>
/// The cache of durable listeners' interest answers on its own (ADR 0040): an answer is used only under the interest stamp
/// it was read under, a new stamp reads it again, and without a stamp or an answer every event is wanted. (Through the front
/// door, <c>ListenerInterestAcrossNodesTests</c> shows a change on one node taking effect on another at once; the outgoing
/// webhook, opt-out and campaign tests show organizations without configuration writing no rows.)
/// </summary>
public sealed class ListenerInterestCacheTests
{
    /// <summary>A listener whose configuration the test changes behind the cache's back.</summary>
    private sealed class Configurable : IDurableListenerInterest
    {
        public volatile bool On;
        public volatile bool Fail;
        public int Loads;

        public Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct)
        {
            Interlocked.Increment(ref Loads);
            if (Fail) throw new InvalidOperationException("The configuration could not be read");
            var on = On;
            return Task.FromResult<Func<DomainEvent, bool>>(_ => on);
        }
    }

    private sealed record Something(Guid OrganizationId) : DomainEvent(OrganizationId);

    private static (ListenerInterestCache Cache, Configurable Listener) Create()
    {
        var listener = new Configurable();
        var services = new ServiceCollection().AddSingleton(listener).BuildServiceProvider();
        return (new ListenerInterestCache(services, NullLogger<ListenerInterestCache>.Instance), listener);
    }

    private static Task<InterestAnswers> AnswersAsync(ListenerInterestCache cache, Guid org, Guid? stamp) =>
        cache.AnswersAsync([(typeof(Configurable), org)], stamp is { } s ? new Dictionary<Guid, Guid> { [org] = s } : [], CancellationToken.None);

    [Fact]
    public async Task An_answer_is_used_under_the_stamp_it_was_read_under_and_read_again_under_a_new_one()
    {
        var (cache, listener) = Create();
        var org = Guid.NewGuid();
        var e = new Something(org);

        Assert.True((await AnswersAsync(cache, org, stamp: null)).Wants(typeof(Configurable), e)); // no stamp read: write the row
        Assert.Equal(0, listener.Loads);

        var stamp = Guid.NewGuid();
        var answers = await AnswersAsync(cache, org, stamp);
        Assert.False(answers.Wants(typeof(Configurable), e));
        Assert.True(answers.Wants(typeof(Configurable), new Something(Guid.NewGuid()))); // another organization: no answer
        Assert.False((await AnswersAsync(cache, org, stamp)).Wants(typeof(Configurable), e));
        Assert.Equal(1, listener.Loads); // cached under the same stamp

        // The configuration changes, committed with a new stamp (on any node): the next save reads it again.
        listener.On = true;
        Assert.True((await AnswersAsync(cache, org, Guid.NewGuid())).Wants(typeof(Configurable), e));
        Assert.Equal(2, listener.Loads);
    }

    [Fact]
    public async Task A_failed_read_gives_no_answer_so_the_rows_are_written()
    {
        var (cache, listener) = Create();
        var org = Guid.NewGuid();
        listener.Fail = true;
        Assert.True((await AnswersAsync(cache, org, Guid.NewGuid())).Wants(typeof(Configurable), new Something(org)));
        listener.Fail = false;
        var stamp = Guid.NewGuid();
        Assert.False((await AnswersAsync(cache, org, stamp)).Wants(typeof(Configurable), new Something(org)));
        Assert.Equal(2, listener.Loads);
    }
}
