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

public enum ListenerKind
{
    IN_PROCESS,
    DURABLE,
}

/// <summary>One listener for one event type (a listener implementing the interface for several types has one per type).</summary>
public sealed record ListenerRegistration(ListenerKind Kind, string Name, Type EventType, Type ListenerType,
    Func<IServiceProvider, DomainEvent, CancellationToken, Task> Invoke);

public static class EventServiceCollectionExtensions
{
    /// <summary>The dispatcher, the outbox worker and its admin view (called once by AddInboxCore).</summary>
    public static IServiceCollection AddInboxEvents(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IInboxEventBus, InProcessInboxEventBus>();
        services.AddSingleton<OutboxWorkSignal>();
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
            services.AddSingleton(new ListenerRegistration(kind, typeof(TListener).Name, eventType, typeof(TListener), invoke));
        }
        return services;
    }

    private static Func<IServiceProvider, DomainEvent, CancellationToken, Task> Durable<TListener, TEvent>()
        where TListener : class, IDurableListener<TEvent> where TEvent : DomainEvent =>
        (sp, e, ct) => sp.GetRequiredService<TListener>().HandleAsync((TEvent)e, ct);

    private static Func<IServiceProvider, DomainEvent, CancellationToken, Task> InProcess<TListener, TEvent>()
        where TListener : class, IInProcessListener<TEvent> where TEvent : DomainEvent =>
        (sp, e, ct) => sp.GetRequiredService<TListener>().HandleAsync((TEvent)e, ct);
}
