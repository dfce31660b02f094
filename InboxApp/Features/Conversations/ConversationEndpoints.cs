using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Core.Common;
using InboxApp.Auth;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Conversations;

/// <summary>
/// One conversation: detail, edit, assignment actions, resolve, read, follow-up, tags, contact history and the message pages.
/// Every action answers the conversation as it is after the change (deletions answer 204). Any member may call them;
/// the assignment rules (agents only for themselves, 409 naming the holder) are in <see cref="ConversationService"/>.
/// </summary>
public static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conversations/{id:guid}").WithTags("Conversations").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", Get)
            .WithSummary("Get a conversation")
            .WithDescription("One conversation with its contact, status, assignee, team, tags, follow-up and the state of the 24-hour window. Any member.");
        group.MapPatch("", Update)
            .WithSummary("Change a conversation")
            .WithDescription("Sets any of `status` (not CLOSED: use resolve), `category` and `teamId`; a field sent as null is cleared, a field left out is kept. Any member.");
        group.MapPost("/takeover", TakeOver)
            .WithSummary("Take over from the bot")
            .WithDescription("Assigns the conversation to the caller and moves it to HUMAN_HANDLING, so the bot stops answering. Agents may only take what nobody holds.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This conversation is assigned to Grace Hopper");
        group.MapPost("/return-to-bot", ReturnToBot)
            .WithSummary("Hand back to the bot")
            .WithDescription("Unassigns the conversation and moves it to BOT_HANDLING; an optional `handoffSummary` tells the bot what happened. The body is optional.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This conversation is assigned to Grace Hopper");
        group.MapPost("/assign", Assign)
            .WithSummary("Assign a conversation")
            .WithDescription("Assigns the conversation to `userId` (an active member). Agents may only assign themselves, and only what nobody holds; supervisors and admins reassign freely.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "User not found")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This conversation is assigned to Grace Hopper");
        group.MapPost("/unassign", Unassign)
            .WithSummary("Unassign a conversation")
            .WithDescription("Leaves the conversation without an assignee. Agents may only release their own.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This conversation is assigned to Grace Hopper");
        group.MapPost("/resolve", Resolve)
            .WithSummary("Resolve a conversation")
            .WithDescription("Closes the conversation (status CLOSED, `resolvedAt` set); the customer's next message opens it again. Any member.");
        group.MapPost("/read", Read)
            .WithSummary("Mark as read")
            .WithDescription("Sets the unread count to zero and sends read receipts for the customer's messages. Any member.");
        group.MapPost("/follow-up", SetFollowUp)
            .WithSummary("Set a follow-up")
            .WithDescription("Attaches a reminder (`note`, `dueAt` in the future) to the conversation, replacing any earlier one. Any member.");
        group.MapDelete("/follow-up", ClearFollowUp)
            .WithSummary("Clear the follow-up")
            .WithDescription("Removes the conversation's reminder, if any. Any member.");
        group.MapPost("/tags", AddTag)
            .WithSummary("Tag a conversation")
            .WithDescription("Adds the tag `tagId` (one of the organization's tags); adding it twice changes nothing. Any member.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Tag not found");
        group.MapDelete("/tags/{tagId:guid}", RemoveTag)
            .WithSummary("Untag a conversation")
            .WithDescription("Removes the tag from the conversation. Any member.");
        group.MapGet("/contact-history", ContactHistory)
            .WithSummary("The contact's other conversations")
            .WithDescription("Earlier and parallel conversations of the same contact, newest first. Any member.")
            .WithQuery("limit", "How many to answer.", @default: Core.Common.Cursor.DefaultLimit, minimum: 1, maximum: Core.Common.Cursor.MaxLimit);
        group.MapGet("/messages", Messages).WithTags("Messages")
            .WithSummary("List a conversation's messages")
            .WithDescription("Newest page first, items newest first; pass `meta.pagination.nextCursor` as `cursor` for older ones. Any member.")
            .WithCursorPaging();
        return group;
    }

    private static async Task<Ok<DataEnvelope<ConversationDto>>> Get(Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<ConversationDto>>> Update(Guid id, UpdateConversationRequest request, ClaimsPrincipal user,
        ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.UpdateAsync(user.ToActor(), id, request, ct)));

    private static async Task<Ok<DataEnvelope<ConversationDto>>> TakeOver(Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.TakeOverAsync(user.ToActor(), id, ct)));

    /// <summary>The body is optional: none, <c>{}</c> or <c>{ "handoffSummary": "…" }</c>.</summary>
    private static async Task<Ok<DataEnvelope<ConversationDto>>> ReturnToBot(Guid id, ReturnToBotRequest? request, ClaimsPrincipal user,
        ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.ReturnToBotAsync(user.ToActor(), id, request?.HandoffSummary, ct)));

    private static async Task<Ok<DataEnvelope<ConversationDto>>> Assign(Guid id, AssignConversationRequest request, ClaimsPrincipal user,
        ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.AssignAsync(user.ToActor(), id, request.UserId, ct)));

    private static async Task<Ok<DataEnvelope<ConversationDto>>> Unassign(Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.UnassignAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<ConversationDto>>> Resolve(Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.ResolveAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<ConversationDto>>> Read(Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.MarkReadAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<ConversationDto>>> SetFollowUp(Guid id, FollowUpRequest request, ClaimsPrincipal user,
        ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.SetFollowUpAsync(user.ToActor(), id, request.Note, request.DueAt, ct)));

    private static async Task<NoContent> ClearFollowUp(Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct)
    {
        await conversations.ClearFollowUpAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DataEnvelope<ConversationDto>>> AddTag(Guid id, AddConversationTagRequest request, ClaimsPrincipal user,
        ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.AddTagAsync(user.ToActor(), id, request.TagId, ct)));

    private static async Task<NoContent> RemoveTag(Guid id, Guid tagId, ClaimsPrincipal user, ConversationService conversations, CancellationToken ct)
    {
        await conversations.RemoveTagAsync(user.ToActor(), id, tagId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The contact's other conversations, newest first; <c>limit</c> default 50, max 200.</summary>
    private static async Task<Ok<ListEnvelope<ConversationDto>>> ContactHistory(Guid id, int? limit, ClaimsPrincipal user,
        ConversationService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await conversations.ContactHistoryAsync(user.ToActor(), id, limit, ct)));

    /// <summary>Newest page first, items newest first; pass <c>meta.pagination.nextCursor</c> as <c>cursor</c> for older ones. <c>limit</c> default 50, max 200.</summary>
    private static async Task<Ok<ListEnvelope<MessageDto>>> Messages(Guid id, string? cursor, int? limit, ClaimsPrincipal user,
        ConversationMessages messages, CancellationToken ct)
    {
        var page = await messages.PageAsync(user.ToActor(), id, cursor, limit, ct);
        return TypedResults.Ok(Envelope.Cursor(page.Items, page.Limit, page.NextCursor));
    }
}
