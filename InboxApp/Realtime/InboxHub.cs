using InboxApp.Auth;
using InboxApp.Core.Data;
using InboxApp.Core.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Realtime;

/// <summary>
/// Live inbox for clients other than the Blazor UI (which subscribes in-process). Connect to <c>/hubs/inbox</c> with a
/// bearer access token or an organization API key (header, or <c>access_token</c> in the query). Every connection joins
/// its organization's group and receives <c>inboxEvent</c> for everything committed there and <c>presence</c> for agents'
/// status and conversation viewers; <see cref="JoinConversation"/> adds <c>conversationEvent</c> for one conversation and,
/// for a signed-in agent, shows them as viewing it. Agents report typing with <see cref="Typing"/> and idleness with <see cref="SetIdle"/>.
/// A connection ends when its credential does: at once when it is revoked (<see cref="HubConnectionRegistry"/>), and when
/// the access token or API key expires.
/// </summary>
[Authorize(Policy = AuthSetup.ApiPolicy)]
public sealed class InboxHub(InboxDb inboxDb, PresenceTracker presence, HubConnectionRegistry registry) : Hub
{
    public const string Path = "/hubs/inbox";
    public const string InboxEventMethod = "inboxEvent";
    public const string ConversationEventMethod = "conversationEvent";
    public const string PresenceMethod = "presence";

    public static string OrganizationGroup(Guid organizationId) => $"org:{organizationId:N}";

    public static string ConversationGroup(Guid conversationId) => $"conversation:{conversationId:N}";

    public override async Task OnConnectedAsync()
    {
        var actor = Context.User!.ToActor();
        if (actor.OrganizationId is not { } organizationId)
        {
            // Super admins outside an organization have no inbox to follow.
            Context.Abort();
            return;
        }
        // Registered before joining: a revocation from now on closes the connection.
        registry.Add(Context, organizationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, OrganizationGroup(organizationId));
        if (actor.UserId is { } userId)
        {
            await using var db = inboxDb.For(organizationId);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Name, u.OnlineStatus, u.LastSeenAt }).FirstAsync(Context.ConnectionAborted);
            presence.Connect(Context.ConnectionId, organizationId, userId, user.Name, Core.Identity.User.ChosenStatus(user.OnlineStatus, user.LastSeenAt));
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(Context.ConnectionId);
        presence.Disconnect(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Receives <c>conversationEvent</c> for one conversation of the caller's organization; returns who views it.</summary>
    public async Task<IReadOnlyList<ConversationViewer>> JoinConversation(Guid conversationId)
    {
        var organizationId = Context.User!.ToActor().Org;
        await using var db = inboxDb.For(organizationId);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, Context.ConnectionAborted))
            throw new HubException("Conversation not found");
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
        presence.View(Context.ConnectionId, conversationId);
        return presence.Viewers(organizationId, conversationId);
    }

    public async Task LeaveConversation(Guid conversationId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
        presence.Leave(Context.ConnectionId, conversationId);
    }

    /// <summary>The agent is typing in a conversation they joined (call again every few seconds while typing).</summary>
    public void Typing(Guid conversationId)
    {
        if (!presence.IsViewing(Context.ConnectionId, conversationId)) throw new HubException("Join the conversation first");
        presence.Typing(Context.ConnectionId, conversationId);
    }

    /// <summary>The client saw no input for a while (idle: the agent shows as away) or input again.</summary>
    public void SetIdle(bool idle) => presence.SetIdle(Context.ConnectionId, idle);
}
