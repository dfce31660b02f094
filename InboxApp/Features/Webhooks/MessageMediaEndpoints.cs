using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Core.Common;
using InboxApp.Auth;
using InboxApp.Core.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Webhooks;

/// <summary>
/// Inbound media of a message: <c>GET /messages/{id}/media</c> streams the stored file (cookie for the UI's img and audio
/// tags, or bearer), <c>GET /messages/{id}/media/status</c> tells its download state, and <c>POST /messages/{id}/retry-media</c>
/// queues a failed download again.
/// </summary>
public static class MessageMediaEndpoints
{
    public static RouteGroupBuilder MapMessageMediaEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/messages").WithTags("Messages");
        group.MapGet("/{id:guid}/media", Serve).RequireAuthorization(AuthSetup.MediaPolicy)
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream")
            .WithSummary("Download a message's file")
            .WithDescription("The stored bytes of a message's image, video, audio, document or sticker with its content type (media inline, other files as downloads; ranges supported). Bearer or the app's cookie. Any member.")
            .ProducesError(StatusCodes.Status409Conflict, MediaErrors.NotDownloaded, "The media of this message is not downloaded (state PENDING)");
        group.MapGet("/{id:guid}/media/status", Status).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("A message's download state")
            .WithDescription("Whether the message's file is downloaded from Meta, queued, failed (with the error and the next attempt) or expired. Any member.");
        group.MapPost("/{id:guid}/retry-media", Retry).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Download a message's file again")
            .WithDescription("Queues a failed download again. Meta keeps media for a limited time; past it the answer is 409 MEDIA_EXPIRED. Any member.")
            .ProducesError(StatusCodes.Status409Conflict, MediaErrors.NothingToRetry, "The media is already downloaded")
            .ProducesError(StatusCodes.Status409Conflict, MediaErrors.MediaExpired, "The media id has expired at WhatsApp; it can no longer be downloaded");
        return group;
    }

    private static async Task<FileStreamHttpResult> Serve(Guid id, ClaimsPrincipal user, MediaService media, HttpContext http, CancellationToken ct)
    {
        var found = await media.OpenAsync(user.ToActor(), id, ct);
        var headers = http.Response.Headers;
        headers.CacheControl = "private, max-age=86400";
        headers.XContentTypeOptions = "nosniff";
        // Nothing served from here may run as a page of our origin.
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        if (found.Inline) return TypedResults.File(found.File.Content, found.File.ContentType, enableRangeProcessing: true);
        var fileName = string.IsNullOrWhiteSpace(found.FileName) ? $"attachment-{id:N}" : Path.GetFileName(found.FileName);
        return TypedResults.File(found.File.Content, found.File.ContentType, fileName, enableRangeProcessing: true);
    }

    private static async Task<Ok<DataEnvelope<MessageMediaDto>>> Status(Guid id, ClaimsPrincipal user, MediaService media, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await media.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<MessageMediaDto>>> Retry(Guid id, ClaimsPrincipal user, MediaService media, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await media.RetryAsync(user.ToActor(), id, ct)));
}
