using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Core.PublicApi;
using InboxApp.Core.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace InboxApp.Features.PublicApi;

/// <summary>
/// The public API under <c>/v1</c> (the getting-started seed): phones and their health, sending every message type from a
/// phone, and reading its conversations and messages in the shapes outgoing webhooks also use. Bearer credential as on
/// <c>/api/v1</c> (an organization's <c>sk_org_</c> key, which acts as an admin; an admin's access token works too); a
/// cookie alone is 401. Other features map their own <c>/v1</c> groups.
/// </summary>
public static class PublicApiEndpoints
{
    private const string Tag = "Public API";

    public static WebApplication MapPublicApiEndpoints(this WebApplication app)
    {
        var maxBody = app.Services.GetRequiredService<IOptions<PublicApiOptions>>().Value.MaxSendBodyBytes;
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ValidationFilter>().RequireAuthorization(AuthSetup.ApiPolicy).WithTags(Tag);

        v1.MapGet("/phones", ListPhones)
            .WithSummary("List phone numbers")
            .WithDescription("The organization's WhatsApp phone numbers (Cloud API and sandbox), oldest first, with their registration and capabilities. Admins and API keys.")
            .WithPaging();
        v1.MapGet("/phones/{phoneId:guid}", GetPhone)
            .WithSummary("Get a phone number")
            .WithDescription("One phone number of the organization with its registration and capabilities. Admins and API keys.");
        v1.MapGet("/phones/{phoneId:guid}/health", Health)
            .WithSummary("Check a phone number's health")
            .WithDescription("`isRegistered` and `capabilities.{canReceiveMessages, canSendMessages, canSendTemplates}` from the state the platform keeps (registration, app subscription, quality, account ban and restrictions, token, the last check with Meta), every false capability with machine-readable `reasons` (`blocks` names what a reason blocks). The call also queues a background resync with Meta (`resyncQueued`; at most one per number and `PublicApi:HealthResyncInterval`): a later call shows the refreshed values. Admins and API keys.");
        v1.MapPost("/phones/{phoneId:guid}/messages", Send)
            .WithSummary("Send a message from a phone number")
            .WithDescription("Sends `type` (text, image, video, audio, document, sticker, location, contacts, interactive, template or reaction) to `to`: a phone number with its country code or a contact identifier (wa_id or BSUID). A template finds or creates the contact and an open conversation; every other type needs the customer's 24-hour window open (WINDOW_CLOSED otherwise). Media carry the file base64-encoded in `data` (WhatsApp's limits per kind apply; the body is capped by `PublicApi:MaxSendBodyBytes`) or its https address in `link`, which the platform downloads, stores (the inbox shows it) and sends by media id: public addresses only (checked after DNS resolution and again on connect), no redirects, WhatsApp's size limit and accepted content types for the kind; a refused link is a 400 on `{type}.link`. The message goes through the same pipeline as the inbox's: saved PENDING, then sent; its status follows from Meta's webhooks. Admins and API keys.")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.WindowClosed, "The customer has not written yet: only template messages can start this conversation")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.ChannelUnavailable, "This conversation's WhatsApp number is disconnected or inactive")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NotApproved, "The template order_shipped (en_US) is PENDING: only approved templates can be sent")
            .ProducesError(StatusCodes.Status409Conflict, ReactionService.NotReactable, "This message never reached WhatsApp, so it cannot be reacted to")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The contact was created meanwhile; send again")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Template order_shipped not found")
            .ProducesError(StatusCodes.Status400BadRequest, OutboundMediaRules.UnsupportedMediaType, "WhatsApp does not accept image/gif files as images")
            .WithMetadata(new RequestSizeLimitAttribute(maxBody));
        v1.MapGet("/phones/{phoneId:guid}/conversations", ListConversations)
            .WithSummary("List a phone number's conversations")
            .WithDescription("The number's conversations, most recent activity first, with the contact's identity (`contactIdentifier`, `contactReplyTo`, `contactPhone`, which may be null). Admins and API keys.")
            .WithPaging()
            .WithQuery<ConversationStatus>("status", "Only conversations in this state.")
            .WithQuery("search", "Part of the contact's identifier, phone number, name or username (at most 100 characters).");
        v1.MapGet("/conversations/{id:guid}", GetConversation)
            .WithSummary("Get a conversation")
            .WithDescription("One conversation with the contact's identity and whether the 24-hour window is open. Admins and API keys.");
        v1.MapGet("/conversations/{id:guid}/messages", ListMessages)
            .WithSummary("List a conversation's messages")
            .WithDescription("Newest first; pass `meta.pagination.nextCursor` as `cursor` for older ones. Every message carries the contact's identity. Admins and API keys.")
            .WithCursorPaging();
        return app;
    }

    private static async Task<Ok<ListEnvelope<PublicPhone>>> ListPhones(int? page, int? limit, ClaimsPrincipal user, PublicPhoneService phones, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var (items, total) = await phones.ListAsync(user.ToActor(), paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(items, paging.Page, paging.Limit, total));
    }

    private static async Task<Ok<DataEnvelope<PublicPhone>>> GetPhone(Guid phoneId, ClaimsPrincipal user, PublicPhoneService phones, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await phones.GetAsync(user.ToActor(), phoneId, ct)));

    private static async Task<Ok<DataEnvelope<PublicPhoneHealth>>> Health(Guid phoneId, ClaimsPrincipal user, PublicPhoneService phones, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await phones.HealthAsync(user.ToActor(), phoneId, ct)));

    private static async Task<Created<DataEnvelope<PublicMessage>>> Send(Guid phoneId, SendPublicMessageRequest request, ClaimsPrincipal user,
        PublicMessagingService messaging, CancellationToken ct)
    {
        var message = await messaging.SendAsync(user.ToActor(), phoneId, request.To!, request.ToOutgoing(), ct);
        return TypedResults.Created($"/v1/conversations/{message.ConversationId}/messages", Envelope.Data(message));
    }

    private static async Task<Ok<ListEnvelope<PublicConversation>>> ListConversations(Guid phoneId, string? status, string? search, int? page, int? limit,
        ClaimsPrincipal user, PublicConversationService conversations, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var (items, total) = await conversations.ListAsync(user.ToActor(), phoneId, QueryValues.Enum<ConversationStatus>(status, "status"), search,
            paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(items, paging.Page, paging.Limit, total));
    }

    private static async Task<Ok<DataEnvelope<PublicConversation>>> GetConversation(Guid id, ClaimsPrincipal user, PublicConversationService conversations,
        CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await conversations.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<ListEnvelope<PublicMessage>>> ListMessages(Guid id, string? cursor, int? limit, ClaimsPrincipal user,
        PublicConversationService conversations, CancellationToken ct)
    {
        var page = await conversations.MessagesAsync(user.ToActor(), id, cursor, limit, ct);
        return TypedResults.Ok(Envelope.Cursor(page.Items, page.Limit, page.NextCursor));
    }
}
