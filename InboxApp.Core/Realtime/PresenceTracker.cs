using System.Collections.Immutable;
using InboxApp.Core.Identity;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Realtime;

/// <summary>Someone looking at a conversation, and whether they are typing a reply.</summary>
public sealed record ConversationViewer(Guid UserId, string Name, bool Typing);

/// <summary>A change of live presence in one organization (not stored: presence lives in memory on this node).</summary>
public abstract record PresenceChange(Guid OrganizationId);

/// <summary>An agent's effective status changed: <see cref="OnlineStatus.OFFLINE"/> when their last session closed.</summary>
public sealed record AgentPresenceChanged(Guid OrganizationId, Guid UserId, OnlineStatus Status) : PresenceChange(OrganizationId);

/// <summary>Who views a conversation, and who of them types, changed.</summary>
public sealed record ConversationViewersChanged(Guid OrganizationId, Guid ConversationId, IReadOnlyList<ConversationViewer> Viewers)
    : PresenceChange(OrganizationId);

/// <summary>
/// Live presence of agents: every open session (a Blazor circuit or a hub connection) registers under a key; an agent is
/// ONLINE while one of their sessions is active, AWAY when all of them are idle or the agent chose AWAY, OFFLINE when none is
/// open or the agent chose to appear offline. Sessions also say which conversation they view and when they type in it;
/// typing lapses after <see cref="TypingFor"/> without a new keystroke report.
/// </summary>
public sealed class PresenceTracker(TimeProvider clock, ILogger<PresenceTracker> logger) : IDisposable
{
    public static readonly TimeSpan TypingFor = TimeSpan.FromSeconds(6);

    private sealed class Session
    {
        public required Guid OrganizationId;
        public required Guid UserId;
        public required string Name;
        public bool Idle;
        public Guid? Viewing;
        public DateTimeOffset? TypingUntil;
    }

    private readonly Lock gate = new();
    private readonly Dictionary<string, Session> sessions = [];
    /// <summary>
    /// The status each agent chose (the users API), as this node last read it from their user row (at connect, when chosen
    /// here, and at <see cref="Routing.PresenceBoard"/>'s heartbeat); ONLINE when never read in this process.
    /// </summary>
    private readonly Dictionary<Guid, OnlineStatus> chosen = [];
    private ImmutableDictionary<Guid, ImmutableList<Action<PresenceChange>>> subscribers = ImmutableDictionary<Guid, ImmutableList<Action<PresenceChange>>>.Empty;
    private ImmutableList<Action<PresenceChange>> everyOrganization = [];
    private ImmutableList<Action<Guid, Guid>> livenessWatchers = [];
    private ITimer? typingTimer;

    /// <summary>Receives the organization's presence changes until the handle is disposed.</summary>
    public IDisposable Subscribe(Guid organizationId, Action<PresenceChange> handler)
    {
        ImmutableInterlocked.AddOrUpdate(ref subscribers, organizationId, _ => [handler], (_, list) => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.AddOrUpdate(ref subscribers, organizationId, _ => [], (_, list) => list.Remove(handler)));
    }

    /// <summary>Receives every organization's presence changes (fan-out to the SignalR hub) until disposed.</summary>
    public IDisposable SubscribeAll(Action<PresenceChange> handler)
    {
        ImmutableInterlocked.Update(ref everyOrganization, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref everyOrganization, list => list.Remove(handler)));
    }

    /// <summary>
    /// Receives (organization, user) whenever an agent's live status changes, whatever they chose: sessions open or all idle
    /// (<see cref="LiveStatusOf"/>). <see cref="Routing.PresenceBoard"/> shares it with the other nodes.
    /// </summary>
    public IDisposable WatchLiveness(Action<Guid, Guid> handler)
    {
        ImmutableInterlocked.Update(ref livenessWatchers, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref livenessWatchers, list => list.Remove(handler)));
    }

    /// <summary>
    /// Opens a session. <paramref name="chosenStatus"/> is the status the agent chose, read from their user row now
    /// (<see cref="User.ChosenStatus"/>: ONLINE for someone who never chose): the shared fact replaces what this node knew.
    /// </summary>
    public void Connect(string key, Guid organizationId, Guid userId, string name, OnlineStatus chosenStatus)
    {
        Change(organizationId, userId, () =>
        {
            chosen[userId] = chosenStatus;
            sessions[key] = new Session { OrganizationId = organizationId, UserId = userId, Name = name };
        });
    }

    public void Disconnect(string key) => WithSession(key, s => sessions.Remove(key));

    /// <summary>The client reports the agent idle (no input for a while) or active again.</summary>
    public void SetIdle(string key, bool idle) => WithSession(key, s => s.Idle = idle);

    /// <summary>The session now shows <paramref name="conversationId"/> (null: none).</summary>
    public void View(string key, Guid? conversationId) => WithSession(key, s =>
    {
        s.Viewing = conversationId;
        s.TypingUntil = null;
        s.Idle = false;
    });

    /// <summary>The session stops showing <paramref name="conversationId"/> (if it still showed it).</summary>
    public void Leave(string key, Guid conversationId) => WithSession(key, s =>
    {
        if (s.Viewing != conversationId) return;
        s.Viewing = null;
        s.TypingUntil = null;
    });

    public bool IsViewing(string key, Guid conversationId)
    {
        lock (gate) return sessions.TryGetValue(key, out var s) && s.Viewing == conversationId;
    }

    /// <summary>The agent typed in the conversation the session views; shown to others for <see cref="TypingFor"/>.</summary>
    public void Typing(string key, Guid conversationId) => WithSession(key, s =>
    {
        s.Viewing = conversationId;
        s.TypingUntil = clock.GetUtcNow() + TypingFor;
        s.Idle = false;
        typingTimer ??= clock.CreateTimer(_ => ExpireTyping(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    });

    /// <summary>The agent chose a status through the users API (OFFLINE: appear offline while connected).</summary>
    public void SetChosenStatus(Guid organizationId, Guid userId, OnlineStatus status) => Change(organizationId, userId, () => chosen[userId] = status);

    public OnlineStatus StatusOf(Guid organizationId, Guid userId)
    {
        lock (gate) return Effective(organizationId, userId);
    }

    /// <summary>The agent's live status on this node whatever they chose: ONLINE with an active session, AWAY when all are idle.</summary>
    public OnlineStatus LiveStatusOf(Guid organizationId, Guid userId)
    {
        lock (gate) return Live(organizationId, userId);
    }

    /// <summary>The live status (<see cref="LiveStatusOf"/>) of every agent of the organization with an open session here.</summary>
    public IReadOnlyDictionary<Guid, OnlineStatus> LiveStatuses(Guid organizationId)
    {
        lock (gate)
            return sessions.Values.Where(s => s.OrganizationId == organizationId).Select(s => s.UserId).Distinct()
                .ToDictionary(u => u, u => Live(organizationId, u));
    }

    /// <summary>The agents with an open session on this node.</summary>
    public IReadOnlyList<(Guid OrganizationId, Guid UserId)> ConnectedAgents()
    {
        lock (gate) return sessions.Values.Select(s => (s.OrganizationId, s.UserId)).Distinct().ToList();
    }

    /// <summary>The effective status of every agent of the organization with an open session (others are OFFLINE).</summary>
    public IReadOnlyDictionary<Guid, OnlineStatus> Statuses(Guid organizationId)
    {
        lock (gate)
            return sessions.Values.Where(s => s.OrganizationId == organizationId).Select(s => s.UserId).Distinct()
                .ToDictionary(u => u, u => Effective(organizationId, u));
    }

    public IReadOnlyList<ConversationViewer> Viewers(Guid organizationId, Guid conversationId)
    {
        lock (gate) return Viewed(organizationId).GetValueOrDefault(conversationId) ?? [];
    }

    private void WithSession(string key, Action<Session> change)
    {
        Session? session;
        lock (gate) sessions.TryGetValue(key, out session);
        if (session is null) return;
        Change(session.OrganizationId, session.UserId, () => change(session));
    }

    /// <summary>Applies a change under the lock and publishes what it changed: the agent's status and the viewers of the conversations touched.</summary>
    private void Change(Guid organizationId, Guid userId, Action change)
    {
        var published = new List<PresenceChange>();
        bool liveChanged;
        lock (gate)
        {
            var statusBefore = Effective(organizationId, userId);
            var liveBefore = Live(organizationId, userId);
            var viewedBefore = Viewed(organizationId);
            change();
            var statusAfter = Effective(organizationId, userId);
            liveChanged = Live(organizationId, userId) != liveBefore;
            if (statusAfter != statusBefore) published.Add(new AgentPresenceChanged(organizationId, userId, statusAfter));
            var viewedAfter = Viewed(organizationId);
            foreach (var conversationId in viewedBefore.Keys.Union(viewedAfter.Keys))
            {
                var before = viewedBefore.GetValueOrDefault(conversationId) ?? [];
                var after = viewedAfter.GetValueOrDefault(conversationId) ?? [];
                if (!before.SequenceEqual(after)) published.Add(new ConversationViewersChanged(organizationId, conversationId, after));
            }
        }
        foreach (var presenceChange in published) Publish(presenceChange);
        if (liveChanged)
            foreach (var watcher in livenessWatchers)
            {
                try
                {
                    watcher(organizationId, userId);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "A liveness watcher failed");
                }
            }
    }

    private void ExpireTyping()
    {
        var now = clock.GetUtcNow();
        List<string> lapsed;
        lock (gate) lapsed = sessions.Where(s => s.Value.TypingUntil is { } until && until <= now).Select(s => s.Key).ToList();
        foreach (var key in lapsed) WithSession(key, s => s.TypingUntil = null);
    }

    private OnlineStatus Effective(Guid organizationId, Guid userId)
    {
        var live = Live(organizationId, userId);
        return live == OnlineStatus.OFFLINE ? live : Capped(live, chosen.GetValueOrDefault(userId, OnlineStatus.ONLINE));
    }

    private OnlineStatus Live(Guid organizationId, Guid userId)
    {
        var any = false;
        foreach (var s in sessions.Values)
        {
            if (s.OrganizationId != organizationId || s.UserId != userId) continue;
            if (!s.Idle) return OnlineStatus.ONLINE;
            any = true;
        }
        return any ? OnlineStatus.AWAY : OnlineStatus.OFFLINE;
    }

    /// <summary>A live status as the agent's choice lets others see it: a chosen OFFLINE hides them, a chosen AWAY caps them at AWAY.</summary>
    public static OnlineStatus Capped(OnlineStatus live, OnlineStatus chosenStatus) => chosenStatus switch
    {
        OnlineStatus.OFFLINE => OnlineStatus.OFFLINE,
        OnlineStatus.AWAY when live == OnlineStatus.ONLINE => OnlineStatus.AWAY,
        _ => live,
    };

    /// <summary>Each viewed conversation's viewers (one entry per agent, typing if any of their sessions types), ordered by name.</summary>
    private Dictionary<Guid, List<ConversationViewer>> Viewed(Guid organizationId)
    {
        // Typing until the expiry tick clears it, so that the lapse is a change subscribers hear about.
        return sessions.Values.Where(s => s.OrganizationId == organizationId && s.Viewing is not null)
            .GroupBy(s => s.Viewing!.Value)
            .ToDictionary(g => g.Key, g => g.GroupBy(s => s.UserId)
                .Select(u => new ConversationViewer(u.Key, u.First().Name, u.Any(s => s.TypingUntil is not null)))
                .OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.UserId).ToList());
    }

    private void Publish(PresenceChange change)
    {
        var handlers = everyOrganization.AddRange(subscribers.GetValueOrDefault(change.OrganizationId) ?? []);
        foreach (var handler in handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A presence subscriber failed on {Change}", change.GetType().Name);
            }
        }
    }

    public void Dispose() => typingTimer?.Dispose();
}
