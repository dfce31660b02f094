using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace InboxApp.Features.Messaging;

/// <summary>
/// <c>POST /conversations/{id}/messages/media</c> (multipart: <c>file</c>, <c>caption?</c>, <c>replyTo?</c>, <c>type?</c> to send
/// a file as a document, for instance), <c>POST /messages/{id}/react</c> and <c>POST /messages/{id}/toggle-hide</c>.
/// </summary>
public static class MessageActionEndpoints
{
    /// <summary>Room for the multipart framing and the small fields around the file.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    public static RouteGroupBuilder MapMessageActionEndpoints(this RouteGroupBuilder api)
    {
        var options = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var largest = options.MaxAnyBytes;
        // Bearer-authenticated multipart upload: no cookies, so no antiforgery; its own body limit (the largest kind's).
        api.MapPost("/conversations/{id:guid}/messages/media", SendMedia).WithTags("Messages").RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Send a file")
            .WithDescription("Uploads a file and sends it as an image, video, audio, document or sticker (chosen from its type, or `type` to send an image as a document, say). WhatsApp's limits per kind apply (images 5 MB, video and audio 16 MB, documents 100 MB). Needs the 24-hour window open.")
            .WithMultipartBody("The file and its optional fields, as multipart/form-data.",
                ApiFormField.File("file", "The file to send.", "invoice.pdf"),
                ApiFormField.Text("caption", "Text under an image, video or document.", "Your invoice for January"),
                ApiFormField.Text("replyTo", "The id of a message of the conversation to quote.", "2a2f793c-cab3-45f1-8d9f-a2db972c4ce7"),
                ApiFormField.Text("type", "Send as this kind instead of the one the file's type gives.", "document", values: ["image", "video", "audio", "document", "sticker"]))
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.WindowClosed, "The 24-hour window is closed; send a template instead")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.ChannelUnavailable, "This conversation's WhatsApp number is disconnected or inactive")
            .ProducesError(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The file is larger than WhatsApp accepts for its kind")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(largest + MultipartOverheadBytes));
        var group = api.MapGroup("/messages").WithTags("Messages").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapPost("/{id:guid}/react", React)
            .WithSummary("React to a message")
            .WithDescription("Sends our reaction (one emoji) to a message of the conversation; an empty `emoji` removes it. Any member.")
            .ProducesError(StatusCodes.Status409Conflict, ReactionService.NotReactable, "This message never reached WhatsApp, so it cannot be reacted to");
        group.MapPost("/{id:guid}/toggle-hide", ToggleHide)
            .WithSummary("Hide or show a message")
            .WithDescription("Hides a message from the conversation view (or shows it again); nothing changes on WhatsApp. Supervisors and admins.");
        return api;
    }

    private static async Task<Created<DataEnvelope<MessageDto>>> SendMedia(Guid id, HttpRequest request, ClaimsPrincipal user, MediaSendService media, CancellationToken ct)
    {
        var actor = user.ToActor();
        var (form, file) = await MultipartUpload.ReadAsync(request, "file", "file", ct);
        Guid? replyTo = null;
        if (form.TryGetValue("replyTo", out var quoted) && !string.IsNullOrWhiteSpace(quoted))
            replyTo = Guid.TryParse(quoted, out var g) ? g : throw InboxException.Invalid("replyTo", "replyTo must be a message id");
        await using var content = file.OpenReadStream();
        var message = await media.SendAsync(actor, id,
            new MediaUpload(content, file.Length, file.ContentType, file.FileName, form["caption"].FirstOrDefault(), replyTo, form["type"].FirstOrDefault()), ct);
        return TypedResults.Created($"/api/v1/conversations/{id}/messages/{message.Id}", Envelope.Data(message));
    }

    private static async Task<Ok<DataEnvelope<ReactionResultDto>>> React(Guid id, ReactRequest request, ClaimsPrincipal user, ReactionService reactions, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await reactions.ReactAsync(user.ToActor(), id, request.Emoji, ct)));

    private static async Task<Ok<DataEnvelope<MessageDto>>> ToggleHide(Guid id, ClaimsPrincipal user, ReactionService reactions, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await reactions.ToggleHiddenAsync(user.ToActor(), id, ct)));
}
