using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Core.Events;

/// <summary>
/// Reacts to <typeparamref name="TEvent"/> in this process after the change committed (live UI, presence, waking a worker).
/// Best effort: not called when the process dies first, and a failure is logged, not retried. Register with
/// <see cref="EventServiceCollectionExtensions.AddInProcessListener{TListener}"/>.
/// </summary>
public interface IInProcessListener<in TEvent> where TEvent : DomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}

/// <summary>
/// Reacts to <typeparamref name="TEvent"/> at least once: the event is written to the outbox in the transaction that made the
/// change, and the outbox worker calls this listener until it succeeds (back-off between attempts, POISON after
/// <c>Events:MaxAttempts</c>, replayable by a super admin). It may be called again for an event it already handled, so it
/// must be idempotent. Register with <see cref="EventServiceCollectionExtensions.AddDurableListener{TListener}"/>.
/// </summary>
public interface IDurableListener<in TEvent> where TEvent : DomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}

/// <summary>
/// A durable listener that can also take many events at once: the outbox worker hands it the rows of one claim for this
/// listener and event type together (in the order they were written), so work it shares between events (an organization's
/// settings, say) is done once per batch instead of once per event. If the batch call throws, each event is delivered
/// alone through <see cref="IDurableListener{TEvent}.HandleAsync"/>, so one bad event fails alone, as for any listener.
/// </summary>
public interface IDurableBatchListener<in TEvent> : IDurableListener<TEvent> where TEvent : DomainEvent
{
    Task HandleBatchAsync(IReadOnlyList<TEvent> domainEvents, CancellationToken ct);
}

public enum ListenerKind
{
    IN_PROCESS,
    DURABLE,
}

/// <summary>One listener for one event type (a listener implementing the interface for several types has one per type).</summary>
public sealed record ListenerRegistration(ListenerKind Kind, string Name, Type EventType, Type ListenerType,
    Func<IServiceProvider, DomainEvent, CancellationToken, Task> Invoke,
    Func<IServiceProvider, IReadOnlyList<DomainEvent>, CancellationToken, Task>? InvokeBatch = null)
{
    /// <summary>A durable listener that says which events it wants (<see cref="IDurableListenerInterest"/>).</summary>
    public bool HasInterest { get; } = Kind == ListenerKind.DURABLE && typeof(IDurableListenerInterest).IsAssignableFrom(ListenerType);
}

public static class EventServiceCollectionExtensions
{
    /// <summary>The dispatcher, the outbox worker and its admin view (called once by AddInboxCore).</summary>
    public static IServiceCollection AddInboxEvents(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IInboxEventBus, InProcessInboxEventBus>();
        services.AddSingleton<OutboxWorkSignal>();
        services.AddSingleton<ListenerInterestCache>();
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddSingleton<OutboxAdminService>();
        return services;
    }

    /// <summary>Registers <typeparamref name="TListener"/> (a singleton) for every <see cref="IInProcessListener{TEvent}"/> it implements.</summary>
    public static IServiceCollection AddInProcessListener<TListener>(this IServiceCollection services) where TListener : class =>
        services.AddListener<TListener>(ListenerKind.IN_PROCESS, typeof(IInProcessListener<>));

    /// <summary>
    /// Registers <typeparamref name="TListener"/> (a singleton) for every <see cref="IDurableListener{TEvent}"/> it implements.
    /// Its type name is stored with each outbox row: renaming the class strands rows not yet delivered.
    /// </summary>
    public static IServiceCollection AddDurableListener<TListener>(this IServiceCollection services) where TListener : class =>
        services.AddListener<TListener>(ListenerKind.DURABLE, typeof(IDurableListener<>));

    private static IServiceCollection AddListener<TListener>(this IServiceCollection services, ListenerKind kind, Type open) where TListener : class
    {
        var eventTypes = typeof(TListener).GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == open)
            .Select(i => i.GetGenericArguments()[0]).ToList();
        if (eventTypes.Count == 0) throw new InvalidOperationException($"{typeof(TListener).Name} implements no {open.Name}");
        if (services.Any(d => d.ServiceType == typeof(TListener))) return services; // registered already
        services.AddSingleton<TListener>();
        foreach (var eventType in eventTypes)
        {
            var invoke = (Func<IServiceProvider, DomainEvent, CancellationToken, Task>)typeof(EventServiceCollectionExtensions)
                .GetMethod(kind == ListenerKind.DURABLE ? nameof(Durable) : nameof(InProcess), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(typeof(TListener), eventType).Invoke(null, null)!;
            var batch = kind == ListenerKind.DURABLE && typeof(IDurableBatchListener<>).MakeGenericType(eventType).IsAssignableFrom(typeof(TListener))
                ? (Func<IServiceProvider, IReadOnlyList<DomainEvent>, CancellationToken, Task>)typeof(EventServiceCollectionExtensions)
                    .GetMethod(nameof(DurableBatch), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(typeof(TListener), eventType).Invoke(null, null)!
                : null;
            services.AddSingleton(new ListenerRegistration(kind, typeof(TListener).Name, eventType, typeof(TListener), invoke, batch));
        }
        return services;
    }

    private static Func<IServiceProvider, DomainEvent, CancellationToken, Task> Durable<TListener, TEvent>()
        where TListener : class, IDurableListener<TEvent> where TEvent : DomainEvent =>
        (sp, e, ct) => sp.GetRequiredService<TListener>().HandleAsync((TEvent)e, ct);

    private static Func<IServiceProvider, IReadOnlyList<DomainEvent>, CancellationToken, Task> DurableBatch<TListener, TEvent>()
        where TListener : class, IDurableBatchListener<TEvent> where TEvent : DomainEvent =>
        (sp, events, ct) => sp.GetRequiredService<TListener>().HandleBatchAsync(events.Cast<TEvent>().ToList(), ct);

    private static Func<IServiceProvider, DomainEvent, CancellationToken, Task> InProcess<TListener, TEvent>()
        where TListener : class, IInProcessListener<TEvent> where TEvent : DomainEvent =>
        (sp, e, ct) => sp.GetRequiredService<TListener>().HandleAsync((TEvent)e, ct);
}
