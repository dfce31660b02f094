using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Events;

/// <summary>
/// Routes raised events to their listeners. A context calls <see cref="OutboxRows"/> while saving (which durable listeners
/// need a row in this transaction) and <see cref="Committed"/> after the commit (the bus for open browsers, then the
/// in-process listeners, both fire-and-forget; a wake-up for the outbox worker). The outbox worker calls
/// <see cref="DeliverAsync"/> for each row.
/// </summary>
public sealed class EventDispatcher(IServiceProvider services, IEnumerable<ListenerRegistration> registrations, IInboxEventBus bus,
    OutboxWorkSignal outboxSignal, ListenerInterestCache interest, TimeProvider clock, ILogger<EventDispatcher> logger)
{
    private readonly ListenerRegistration[] all = Validated(registrations);
    private readonly ConcurrentDictionary<Type, ListenerRegistration[]> durable = new();
    private readonly ConcurrentDictionary<Type, ListenerRegistration[]> inProcess = new();
    private FrozenDictionary<string, Type>? eventTypes;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The durable listeners of an event type (cached: raising costs a dictionary lookup, no allocation).</summary>
    public ListenerRegistration[] DurableListeners(Type eventType) =>
        durable.GetOrAdd(eventType, t => all.Where(r => r.Kind == ListenerKind.DURABLE && r.EventType.IsAssignableFrom(t)).ToArray());

    private ListenerRegistration[] InProcessListeners(Type eventType) =>
        inProcess.GetOrAdd(eventType, t => all.Where(r => r.Kind == ListenerKind.IN_PROCESS && r.EventType.IsAssignableFrom(t)).ToArray());

    /// <summary>
    /// Reads the interest answers (<see cref="IDurableListenerInterest"/>) that <see cref="OutboxRows"/> needs for these events:
    /// one indexed read of their organizations' <see cref="Organization.InterestStamp"/>, then the cached answers read under
    /// the same stamps (loading the others). Called by a save before it stages its rows, outside any write lock where it can be.
    /// Null when no listener of these events has an interest test.
    /// </summary>
    public async Task<InterestAnswers?> PrepareAsync(DbContext db, IReadOnlyList<DomainEvent>? events, CancellationToken ct)
    {
        if (events is not { Count: > 0 }) return null;
        HashSet<(Type, Guid)>? keys = null;
        foreach (var e in events)
            foreach (var listener in DurableListeners(e.GetType()))
                if (listener.HasInterest) (keys ??= []).Add((listener.ListenerType, e.OrganizationId));
        if (keys is null) return null;
        var organizations = keys.Select(k => k.Item2).Distinct().ToList();
        var orgs = db.Set<Organization>().AsNoTracking();
        Dictionary<Guid, Guid> stamps;
        try
        {
            if (organizations.Count == 1)
            {
                var id = organizations[0];
                stamps = await orgs.Where(o => o.Id == id).Select(o => new { o.Id, o.InterestStamp }).ToDictionaryAsync(o => o.Id, o => o.InterestStamp, ct);
            }
            else stamps = await orgs.Where(o => organizations.Contains(o.Id)).Select(o => new { o.Id, o.InterestStamp }).ToDictionaryAsync(o => o.Id, o => o.InterestStamp, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Reading the organizations' interest stamps failed; the outbox rows are written");
            return null;
        }
        return await interest.AnswersAsync(keys, stamps, ct);
    }

    /// <summary>
    /// The outbox rows for <paramref name="domainEvent"/>, one per durable listener that wants it: every listener, except one
    /// whose interest test, read for this save (<paramref name="answers"/>, <see cref="PrepareAsync"/>), says it has nothing to
    /// do for it.
    /// </summary>
    public IEnumerable<OutboxDelivery> OutboxRows(DomainEvent domainEvent, InterestAnswers? answers)
    {
        var listeners = DurableListeners(domainEvent.GetType());
        if (listeners.Length == 0) yield break;
        DateTimeOffset now = default;
        Guid eventId = default;
        string? type = null;
        string? payload = null;
        foreach (var listener in listeners)
        {
            if (listener.HasInterest && answers is not null && !answers.Wants(listener.ListenerType, domainEvent)) continue;
            if (payload is null)
            {
                now = clock.GetUtcNow();
                eventId = Guid.CreateVersion7();
                type = domainEvent.GetType().Name;
                payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Json);
            }
            yield return new OutboxDelivery
            {
                OrganizationId = domainEvent.OrganizationId,
                EventId = eventId,
                EventType = type!,
                Listener = listener.Name,
                Payload = payload,
                CreatedAt = now,
                NextAttemptAt = now,
            };
        }
    }

    /// <summary>After a commit: publishes the events to the bus and the in-process listeners; wakes the outbox worker if rows were written.</summary>
    public void Committed(IReadOnlyList<DomainEvent> events, bool wroteOutbox)
    {
        foreach (var e in events)
        {
            if (e is InboxEvent inboxEvent) bus.Publish(inboxEvent);
            foreach (var listener in InProcessListeners(e.GetType())) _ = InvokeInProcessAsync(listener, e);
        }
        if (wroteOutbox) outboxSignal.Notify();
    }

    private async Task InvokeInProcessAsync(ListenerRegistration listener, DomainEvent e)
    {
        try
        {
            await listener.Invoke(services, e, CancellationToken.None);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "In-process listener {Listener} failed on {Event}", listener.Name, e.GetType().Name);
        }
    }

    /// <summary>Calls the durable listener named in an outbox row with its event; throws what the listener throws.</summary>
    public Task DeliverAsync(string listenerName, string eventType, string payload, CancellationToken ct)
    {
        var type = EventType(eventType) ?? throw new InvalidOperationException($"Unknown event type '{eventType}'");
        var listener = all.FirstOrDefault(r => r.Kind == ListenerKind.DURABLE && r.Name == listenerName && r.EventType.IsAssignableFrom(type))
            ?? throw new InvalidOperationException($"No durable listener '{listenerName}' for {eventType} is registered");
        var domainEvent = (DomainEvent?)JsonSerializer.Deserialize(payload, type, Json) ?? throw new InvalidOperationException("Empty event payload");
        return listener.Invoke(services, domainEvent, ct);
    }

    /// <summary>
    /// Calls a batch-capable durable listener (<see cref="IDurableBatchListener{TEvent}"/>) once with the events of many outbox
    /// rows; returns false, calling nothing, when the listener takes events one at a time. Throws what the listener throws.
    /// </summary>
    public async Task<bool> DeliverBatchAsync(string listenerName, string eventType, IReadOnlyList<string> payloads, CancellationToken ct)
    {
        if (EventType(eventType) is not { } type) return false;
        var listener = all.FirstOrDefault(r => r.Kind == ListenerKind.DURABLE && r.Name == listenerName && r.EventType.IsAssignableFrom(type));
        if (listener?.InvokeBatch is not { } invoke) return false;
        var events = payloads.Select(p => (DomainEvent?)JsonSerializer.Deserialize(p, type, Json) ?? throw new InvalidOperationException("Empty event payload")).ToList();
        await invoke(services, events, ct);
        return true;
    }

    /// <summary>Concrete events by name: the catalogue's and those of every registered listener's assembly.</summary>
    private Type? EventType(string name)
    {
        eventTypes ??= all.Select(r => r.EventType.Assembly).Append(typeof(DomainEvent).Assembly).Distinct()
            .SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && typeof(DomainEvent).IsAssignableFrom(t))
            .GroupBy(t => t.Name).ToFrozenDictionary(g => g.Key, g => g.First());
        return eventTypes.GetValueOrDefault(name);
    }

    private static ListenerRegistration[] Validated(IEnumerable<ListenerRegistration> registrations)
    {
        var list = registrations.ToArray();
        var clash = list.Where(r => r.Kind == ListenerKind.DURABLE).GroupBy(r => r.Name).FirstOrDefault(g => g.Select(r => r.ListenerType).Distinct().Count() > 1);
        if (clash is not null) throw new InvalidOperationException($"Two durable listeners are named {clash.Key}: their outbox rows could not be told apart");
        return list;
    }
}

/// <summary>Wakes the outbox worker when a commit wrote outbox rows (it also polls).</summary>
public sealed class OutboxWorkSignal : Common.WorkSignal;
