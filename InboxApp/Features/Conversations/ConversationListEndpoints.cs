using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Conversations;

/// <summary>The inbox list: <c>GET /conversations</c>, <c>/conversations/counts</c> and <c>/conversations/categories</c>.</summary>
public static class ConversationListEndpoints
{
    public static RouteGroupBuilder MapConversationListEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conversations").WithTags("Conversations").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List conversations")
            .WithDescription("The inbox: conversations matching the filters in the chosen order, in keyset pages (`cursor`, `limit`). Agents see what the inbox shows them. Any member.")
            .WithConversationFilters()
            .WithQuery<ConversationSubFilter>("subFilter", "The inbox tab: `unread` or `needs_action` (the customer wrote last).")
            .WithQuery<ConversationSort>("sort", "The order.", ConversationSort.newest)
            .WithCursorPaging();
        group.MapGet("/counts", Counts)
            .WithSummary("Count conversations")
            .WithDescription("How many conversations match the filters: all, unread and needing action (the inbox tabs). Any member.")
            .WithConversationFilters();
        group.MapGet("/categories", Categories)
            .WithSummary("List categories in use")
            .WithDescription("The distinct categories of the organization's conversations, for the filter. Any member.");
        return group;
    }

    /// <summary>
    /// Filters <c>status</c>, <c>assignedTo</c> (me | unassigned | user id), <c>teamId</c>, <c>category</c>, <c>tag</c> (tag id),
    /// <c>origin</c>, <c>search</c>, <c>subFilter</c> (unread | needs_action); <c>sort</c> newest (default) | oldest | waiting_longest |
    /// created_newest | created_oldest; keyset pages with <c>cursor</c> (the previous page's <c>nextCursor</c>) and <c>limit</c> (default 50, at most 200).
    /// </summary>
    private static async Task<Ok<ListEnvelope<ConversationDto>>> List(ClaimsPrincipal user, ConversationQueryService conversations,
        string? status, string? assignedTo, string? teamId, string? category, string? tag, string? origin, string? search, string? subFilter,
        string? sort, string? cursor, string? limit, CancellationToken ct)
    {
        var actor = user.ToActor();
        var filter = ConversationFilter.Parse(actor, status, assignedTo, teamId, category, tag, origin, search, subFilter);
        var order = QueryValues.Enum<ConversationSort>(sort, "sort") ?? ConversationSort.newest;
        var page = await conversations.ListAsync(actor, filter, order, cursor, Limit(limit), ct);
        return TypedResults.Ok(Envelope.Cursor(page.Items, page.Limit, page.NextCursor));
    }

    /// <summary><c>{ all, unread, needs_action }</c> for the list's filters (<c>subFilter</c> aside).</summary>
    private static async Task<Ok<DataEnvelope<ConversationCounts>>> Counts(ClaimsPrincipal user, ConversationQueryService conversations,
        string? status, string? assignedTo, string? teamId, string? category, string? tag, string? origin, string? search, CancellationToken ct)
    {
        var actor = user.ToActor();
        var filter = ConversationFilter.Parse(actor, status, assignedTo, teamId, category, tag, origin, search, null);
        return TypedResults.Ok(Envelope.Data(await conversations.CountsAsync(actor, filter, ct)));
    }

    private static async Task<Ok<DataEnvelope<IReadOnlyList<string>>>> Categories(ClaimsPrincipal user, ConversationQueryService conversations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.CategoriesAsync(user.ToActor(), ct)));

    /// <summary>The filters <c>GET /conversations</c> and <c>/conversations/counts</c> share, for the API reference.</summary>
    private static RouteHandlerBuilder WithConversationFilters(this RouteHandlerBuilder builder) => builder
        .WithQuery<ConversationStatus>("status", "Only conversations in this status.")
        .WithQuery("assignedTo", "`me`, `unassigned` or a user id (API keys have no `me`).")
        .WithQuery("teamId", "Only conversations of this team (its id).")
        .WithQuery("category", "Only conversations with this category.")
        .WithQuery("tag", "Only conversations with this tag (its id).")
        .WithQuery<ConversationOrigin>("origin", "How the conversation began.")
        .WithQuery("search", "Part of the contact's name or number, or of a message.");

    /// <summary>The page size, parsed here so that a non-number is a 400 on <c>limit</c> like an out-of-range one.</summary>
    public static int Limit(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Cursor.Limit(null);
        return int.TryParse(value.Trim(), out var n) ? Cursor.Limit(n) : throw InboxException.Invalid("limit", "limit must be a number between 1 and 200");
    }
}
