using InboxApp.Auth;
using InboxApp.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Features.Inbox;

/// <summary>
/// Live inbox events for clients other than the Blazor UI (which subscribes to the event bus in-process). Connect to
/// <c>/hubs/inbox</c> with a bearer access token or an organization API key (header, or <c>access_token</c> in the query).
/// Every connection joins its organization's group and receives <c>inboxEvent</c> for everything that changes there;
/// <see cref="JoinConversation"/> adds <c>conversationEvent</c> for one conversation.
/// </summary>
[Authorize(Policy = AuthSetup.ApiPolicy)]
public sealed class InboxHub(InboxDb inboxDb) : Hub
{
    public const string Path = "/hubs/inbox";
    public const string InboxEventMethod = "inboxEvent";
    public const string ConversationEventMethod = "conversationEvent";

    public static string OrganizationGroup(Guid organizationId) => $"org:{organizationId:N}";

    public static string ConversationGroup(Guid conversationId) => $"conversation:{conversationId:N}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.ToActor().OrganizationId is not { } organizationId)
        {
            // Super admins outside an organization have no inbox to follow.
            Context.Abort();
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, OrganizationGroup(organizationId));
        await base.OnConnectedAsync();
    }

    /// <summary>Receives <c>conversationEvent</c> for one conversation of the caller's organization.</summary>
    public async Task JoinConversation(Guid conversationId)
    {
        var organizationId = Context.User!.ToActor().Org;
        await using var db = inboxDb.For(organizationId);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, Context.ConnectionAborted))
            throw new HubException("Conversation not found");
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
    }

    public Task LeaveConversation(Guid conversationId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
}
