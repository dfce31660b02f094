using System.Security.Claims;
using InboxApp.Api;
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
        group.MapGet("", Get);
        group.MapPatch("", Update);
        group.MapPost("/takeover", TakeOver);
        group.MapPost("/return-to-bot", ReturnToBot);
        group.MapPost("/assign", Assign);
        group.MapPost("/unassign", Unassign);
        group.MapPost("/resolve", Resolve);
        group.MapPost("/read", Read);
        group.MapPost("/follow-up", SetFollowUp);
        group.MapDelete("/follow-up", ClearFollowUp);
        group.MapPost("/tags", AddTag);
        group.MapDelete("/tags/{tagId:guid}", RemoveTag);
        group.MapGet("/contact-history", ContactHistory);
        group.MapGet("/messages", Messages).WithTags("Messages");
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
