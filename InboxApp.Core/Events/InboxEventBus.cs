using System.Collections.Concurrent;
using System.Collections.Immutable;
using InboxApp.Core.Realtime;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Events;

/// <summary>
/// In-process publish/subscribe of <see cref="InboxEvent"/>s (the conversation-scoped events), scoped by organization: what
/// open browsers and the hub listen to. <see cref="EventDispatcher"/> publishes here after a commit; services raise events on
/// their context (<see cref="Data.InboxDbContext.Raise"/>) rather than publishing themselves.
/// </summary>
public interface IInboxEventBus
{
    void Publish(InboxEvent inboxEvent);

    /// <summary>Receives the organization's events until the returned handle is disposed.</summary>
    IDisposable Subscribe(Guid organizationId, Func<InboxEvent, Task> handler);

    /// <summary>Receives every organization's events (fan-out to other transports such as the SignalR hub) until disposed.</summary>
    IDisposable SubscribeAll(Func<InboxEvent, Task> handler);
}

public sealed class InProcessInboxEventBus(ILogger<InProcessInboxEventBus> logger) : IInboxEventBus
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Func<InboxEvent, Task>>> subscribers = new();
    private ImmutableList<Func<InboxEvent, Task>> everyOrganization = [];

    public void Publish(InboxEvent inboxEvent)
    {
        foreach (var handler in everyOrganization) _ = InvokeAsync(handler, inboxEvent);
        if (!subscribers.TryGetValue(inboxEvent.OrganizationId, out var handlers)) return;
        foreach (var handler in handlers) _ = InvokeAsync(handler, inboxEvent);
    }

    public IDisposable SubscribeAll(Func<InboxEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref everyOrganization, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref everyOrganization, list => list.Remove(handler)));
    }

    public IDisposable Subscribe(Guid organizationId, Func<InboxEvent, Task> handler)
    {
        subscribers.AddOrUpdate(organizationId, _ => [handler], (_, list) => list.Add(handler));
        return new Unsubscriber(() => subscribers.AddOrUpdate(organizationId, _ => [], (_, list) => list.Remove(handler)));
    }

    private async Task InvokeAsync(Func<InboxEvent, Task> handler, InboxEvent inboxEvent)
    {
        try
        {
            await handler(inboxEvent);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "An inbox event subscriber failed on {Event}", inboxEvent.GetType().Name);
        }
    }
}
