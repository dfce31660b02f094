using System.Text.Json;
using System.Text.Json.Serialization;
using InboxApp.Core.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace InboxApp.Realtime;

/// <summary>The event as hub clients receive it: its name (e.g. <c>MessageReceived</c>) and its fields.</summary>
public sealed record HubInboxEvent(string Type, Guid ConversationId, JsonElement Data);

/// <summary>A presence change as hub clients receive it: <c>AgentPresenceChanged</c> or <c>ConversationViewersChanged</c> and its fields.</summary>
public sealed record HubPresence(string Type, JsonElement Data);

/// <summary>
/// Forwards every committed inbox event to the hub's organization group and, when it is about one, the conversation's group;
/// nothing (no serialization, no group sends) while the organization has no hub connection in this process.
/// </summary>
public sealed class InboxHubBroadcaster(IInboxEventBus bus, PresenceTracker presence, IHubContext<InboxHub> hub, HubConnectionRegistry connections,
    ILogger<InboxHubBroadcaster> logger) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private IDisposable? events;
    private IDisposable? presenceChanges;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        events = bus.SubscribeAll(ForwardAsync);
        presenceChanges = presence.SubscribeAll(change => _ = ForwardAsync(change));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        events?.Dispose();
        presenceChanges?.Dispose();
        return Task.CompletedTask;
    }

    private async Task ForwardAsync(PresenceChange change)
    {
        try
        {
            var message = new HubPresence(change.GetType().Name, JsonSerializer.SerializeToElement(change, change.GetType(), Json));
            await hub.Clients.Group(InboxHub.OrganizationGroup(change.OrganizationId)).SendAsync(InboxHub.PresenceMethod, message);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Forwarding {Change} to the hub failed", change.GetType().Name);
        }
    }

    private async Task ForwardAsync(InboxEvent e)
    {
        // Every member of a conversation's group is in its organization's group (JoinConversation checks the organization).
        if (!connections.HasConnections(e.OrganizationId)) return;
        var message = new HubInboxEvent(e.GetType().Name, e.ConversationId, JsonSerializer.SerializeToElement(e, e.GetType(), Json));
        await hub.Clients.Group(InboxHub.OrganizationGroup(e.OrganizationId)).SendAsync(InboxHub.InboxEventMethod, message);
        await hub.Clients.Group(InboxHub.ConversationGroup(e.ConversationId)).SendAsync(InboxHub.ConversationEventMethod, message);
    }
}
