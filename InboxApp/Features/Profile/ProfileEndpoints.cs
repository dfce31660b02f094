using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Profile;
using InboxApp.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace InboxApp.Features.Profile;

public sealed record UpdateProfileRequest([property: Required, StringLength(ProfileService.MaxNameLength, MinimumLength = 1)] string Name);

/// <summary><c>timeZone</c>: an IANA zone such as <c>Europe/Berlin</c>, or null for the organization's zone.</summary>
public sealed record UpdateTimeZoneRequest([property: StringLength(ProfileService.MaxTimeZoneLength)] string? TimeZone);

public sealed record ChangePasswordRequest(
    [property: Required, StringLength(PasswordPolicy.MaxLength)] string CurrentPassword,
    [property: Required, StringLength(PasswordPolicy.MaxLength)] string NewPassword);

public static class ProfileEndpoints
{
    /// <summary>Room for the multipart framing around the image itself.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    public static RouteGroupBuilder MapProfileEndpoints(this RouteGroupBuilder api)
    {
        var maxAvatarBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value.MaxAvatarBytes;
        var group = api.MapGroup("/profile").WithTags("Profile").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", Get)
            .WithSummary("My profile")
            .WithDescription("The signed-in user. API keys have no profile (403).");
        group.MapPatch("", Update)
            .WithSummary("Change my name")
            .WithDescription("Sets the signed-in user's display name and answers the profile.");
        group.MapPut("/time-zone", UpdateTimeZone)
            .WithSummary("Choose my time zone")
            .WithDescription("Sets the zone the signed-in user reads times in (`timeZone`: an IANA name such as `Europe/Berlin`); `null` goes back to the organization's zone. The inbox shows times in this zone. Answers the profile; an unknown zone is a 400 on `timeZone`.");
        // Bearer-authenticated multipart upload: no cookies, so no antiforgery; its own body limit instead of the JSON one.
        // The form is read by the handler (not bound, no Accepts metadata) so any other body is a 400 with a clear message.
        group.MapPost("/avatar", UploadAvatar)
            .WithSummary("Upload my avatar")
            .WithDescription("Replaces the signed-in user's picture. The image (JPEG, PNG, WebP or GIF) is checked, cropped to a square and stored; the answer's `avatarUrl` serves it.")
            .WithMultipartBody("The image, as multipart/form-data.",
                ApiFormField.File("avatar", "The image: JPEG, PNG, WebP or GIF, within the size limit.", "me.png"))
            .ProducesError(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The image is larger than the avatar limit")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxAvatarBytes + MultipartOverheadBytes));
        group.MapDelete("/avatar", RemoveAvatar)
            .WithSummary("Remove my avatar")
            .WithDescription("Deletes the signed-in user's picture and answers the profile without one.");
        group.MapPost("/change-password", ChangePassword)
            .WithSummary("Change my password")
            .WithDescription("Checks the current password, sets the new one, signs out the user's other sessions and answers fresh tokens. A wrong current password is a 400 on `currentPassword`.");
        return group;
    }

    /// <summary><c>GET /media/avatars/{file}</c>: a stored avatar, for any signed-in caller (cookie or bearer).</summary>
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/avatars/{file}", ServeAvatar).RequireAuthorization(AuthSetup.MediaPolicy).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<DataEnvelope<UserDto>>> Get(ClaimsPrincipal user, ProfileService profile, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await profile.GetAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<UserDto>>> Update(UpdateProfileRequest request, ClaimsPrincipal user, ProfileService profile, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await profile.UpdateNameAsync(user.ToActor(), request.Name, ct)));

    private static async Task<Ok<DataEnvelope<UserDto>>> UpdateTimeZone(UpdateTimeZoneRequest request, ClaimsPrincipal user, ProfileService profile, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await profile.UpdateTimeZoneAsync(user.ToActor(), request.TimeZone, ct)));

    private static async Task<Ok<DataEnvelope<UserDto>>> UploadAvatar(HttpRequest request, ClaimsPrincipal user, ProfileService profile, CancellationToken ct)
    {
        var actor = user.ToActor();
        _ = actor.User; // API keys have no profile: 403 before the body is read.
        var (_, file) = await MultipartUpload.ReadAsync(request, "avatar", "image file", ct);
        await using var content = file.OpenReadStream();
        return TypedResults.Ok(Envelope.Data(await profile.SetAvatarAsync(actor, content, ct)));
    }

    private static async Task<Ok<DataEnvelope<UserDto>>> RemoveAvatar(ClaimsPrincipal user, ProfileService profile, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await profile.RemoveAvatarAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<AuthTokens>>> ChangePassword(ChangePasswordRequest request, ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.ChangePasswordAsync(user.ToActor(), request.CurrentPassword, request.NewPassword, ct)));

    private static Results<FileStreamHttpResult, NotFound> ServeAvatar(string file, MediaStore media, HttpContext http)
    {
        var found = media.OpenAvatar(file);
        if (found is null) return TypedResults.NotFound();
        // Names are random and never reused, so the bytes behind a URL never change.
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(found.Content, found.ContentType);
    }
}
