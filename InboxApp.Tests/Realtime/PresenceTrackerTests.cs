using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace InboxApp.Tests.Realtime;

public class PresenceTrackerTests
{
    private static readonly Guid Org = Guid.NewGuid();
    private static readonly Guid Ana = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();
    private static readonly Guid Conversation = Guid.NewGuid();

    private static (PresenceTracker Tracker, FakeTimeProvider Clock, List<PresenceChange> Changes) Track()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var tracker = new PresenceTracker(clock, NullLogger<PresenceTracker>.Instance);
        var changes = new List<PresenceChange>();
        tracker.Subscribe(Org, changes.Add);
        return (tracker, clock, changes);
    }

    [Fact]
    public void An_agent_is_online_with_a_session_away_when_every_session_is_idle_and_offline_when_the_last_closes()
    {
        var (tracker, _, changes) = Track();
        tracker.Connect("tab-1", Org, Ana, "Ana", OnlineStatus.ONLINE);
        tracker.Connect("tab-2", Org, Ana, "Ana", OnlineStatus.ONLINE);
        Assert.Equal(OnlineStatus.ONLINE, tracker.StatusOf(Org, Ana));

        tracker.SetIdle("tab-1", true);
        Assert.Equal(OnlineStatus.ONLINE, tracker.StatusOf(Org, Ana));
        tracker.SetIdle("tab-2", true);
        Assert.Equal(OnlineStatus.AWAY, tracker.StatusOf(Org, Ana));
        tracker.Disconnect("tab-1");
        tracker.Disconnect("tab-2");
        Assert.Equal(OnlineStatus.OFFLINE, tracker.StatusOf(Org, Ana));

        Assert.Equal([OnlineStatus.ONLINE, OnlineStatus.AWAY, OnlineStatus.OFFLINE],
            changes.OfType<AgentPresenceChanged>().Select(c => c.Status));
    }

    [Fact]
    public void The_status_an_agent_chose_wins_while_connected()
    {
        var (tracker, _, _) = Track();
        // What the user row says they chose: ONLINE for someone who never chose (User.ChosenStatus).
        tracker.Connect("tab", Org, Ben, "Ben", User.ChosenStatus(OnlineStatus.OFFLINE, chosenAt: null));
        Assert.Equal(OnlineStatus.ONLINE, tracker.StatusOf(Org, Ben));
        tracker.Connect("tab-2", Org, Ana, "Ana", OnlineStatus.AWAY);
        Assert.Equal(OnlineStatus.AWAY, tracker.StatusOf(Org, Ana));
        tracker.SetChosenStatus(Org, Ana, OnlineStatus.OFFLINE);
        Assert.Equal(OnlineStatus.OFFLINE, tracker.StatusOf(Org, Ana));
        tracker.SetChosenStatus(Org, Ana, OnlineStatus.ONLINE);
        Assert.Equal(OnlineStatus.ONLINE, tracker.StatusOf(Org, Ana));
        Assert.Equal(new Dictionary<Guid, OnlineStatus> { [Ana] = OnlineStatus.ONLINE, [Ben] = OnlineStatus.ONLINE }, tracker.Statuses(Org));
    }

    [Fact]
    public void A_chosen_offline_read_at_connect_holds_and_live_presence_is_kept_apart_from_the_choice()
    {
        var (tracker, _, changes) = Track();
        var watched = new List<Guid>();
        using var watch = tracker.WatchLiveness((_, user) => watched.Add(user));
        // Chose "appear offline" on another node: the user row says so when this node opens a session.
        tracker.Connect("tab", Org, Ben, "Ben", User.ChosenStatus(OnlineStatus.OFFLINE, chosenAt: DateTimeOffset.UtcNow));
        Assert.Equal(OnlineStatus.OFFLINE, tracker.StatusOf(Org, Ben));
        Assert.Empty(changes.OfType<AgentPresenceChanged>());
        Assert.Equal(OnlineStatus.ONLINE, tracker.LiveStatusOf(Org, Ben));
        Assert.Equal([Ben], watched);

        tracker.SetIdle("tab", true); // live changes while the choice hides it: still shared with the other nodes
        Assert.Equal(OnlineStatus.AWAY, tracker.LiveStatusOf(Org, Ben));
        Assert.Equal([Ben, Ben], watched);
        Assert.Equal(OnlineStatus.OFFLINE, tracker.StatusOf(Org, Ben));

        tracker.SetChosenStatus(Org, Ben, OnlineStatus.ONLINE);
        Assert.Equal(OnlineStatus.AWAY, tracker.StatusOf(Org, Ben));
        Assert.Equal(OnlineStatus.AWAY, changes.OfType<AgentPresenceChanged>().Single().Status);
    }

    [Fact]
    public void Viewers_and_typing_are_published_and_typing_lapses()
    {
        var (tracker, clock, changes) = Track();
        tracker.Connect("ana", Org, Ana, "Ana", OnlineStatus.ONLINE);
        tracker.Connect("ben", Org, Ben, "Ben", OnlineStatus.ONLINE);
        tracker.View("ana", Conversation);
        tracker.View("ben", Conversation);
        tracker.Typing("ben", Conversation);

        Assert.Equal([new ConversationViewer(Ana, "Ana", false), new ConversationViewer(Ben, "Ben", true)], tracker.Viewers(Org, Conversation));
        clock.Advance(PresenceTracker.TypingFor - TimeSpan.FromSeconds(1));
        Assert.True(tracker.Viewers(Org, Conversation)[1].Typing);
        tracker.Typing("ben", Conversation);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(tracker.Viewers(Org, Conversation)[1].Typing);
        clock.Advance(PresenceTracker.TypingFor + TimeSpan.FromSeconds(1));
        Assert.False(tracker.Viewers(Org, Conversation)[1].Typing);

        tracker.Leave("ben", Conversation);
        Assert.Equal([new ConversationViewer(Ana, "Ana", false)], tracker.Viewers(Org, Conversation));
        var last = changes.OfType<ConversationViewersChanged>().Last();
        Assert.Equal(Conversation, last.ConversationId);
        Assert.Equal([new ConversationViewer(Ana, "Ana", false)], last.Viewers);
        // Ana views, Ben views, Ben types, his typing lapses, Ben leaves.
        Assert.Equal(5, changes.OfType<ConversationViewersChanged>().Count());
    }

    [Fact]
    public void Another_organizations_subscriber_hears_nothing()
    {
        var (tracker, _, _) = Track();
        var other = new List<PresenceChange>();
        tracker.Subscribe(Guid.NewGuid(), other.Add);
        tracker.Connect("ana", Org, Ana, "Ana", OnlineStatus.ONLINE);
        tracker.View("ana", Conversation);
        Assert.Empty(other);
    }
}
