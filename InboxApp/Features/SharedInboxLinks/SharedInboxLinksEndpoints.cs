using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.SharedInboxLinks;
using InboxApp.Features.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.SharedInboxLinks;

public sealed record CreateSharedInboxLinkRequest(
    [property: Required] Guid? PhoneNumberId,
    [property: Required, StringLength(SharedInboxLinkService.MaxNameLength, MinimumLength = 1)] string Name,
    [property: Required] SharedInboxPermissions? Permissions,
    DateTimeOffset? ExpiresAt,
    [property: MaxLength(SharedInboxLinkService.MaxAllowedOrigins)] IReadOnlyList<string>? AllowedOrigins);

public sealed record UpdateSharedInboxLinkRequest(
    [property: StringLength(SharedInboxLinkService.MaxNameLength, MinimumLength = 1)] string? Name,
    SharedInboxPermissions? Permissions,
    DateTimeOffset? ExpiresAt,
    bool? RemoveExpiry,
    [property: MaxLength(SharedInboxLinkService.MaxAllowedOrigins)] IReadOnlyList<string>? AllowedOrigins);

/// <summary>
/// <c>/v1/shared-inbox-links</c>: an organization's admins (or its <c>sk_org_</c> keys) give an outside person one phone
/// number's inbox at a public URL, and rotate or revoke it. The URL's page is <see cref="SharedInboxPage"/>.
/// </summary>
public static class SharedInboxLinksEndpoints
{
    public static RouteGroupBuilder MapSharedInboxLinksEndpoints(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/shared-inbox-links").WithTags("Shared inbox links").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapPost("", Create)
            .WithSummary("Create a shared inbox link")
            .WithDescription("A public URL (`publicUrl`, `/s/{secret}`) that opens the live inbox of one phone number for a person without an account, "
                + "with exactly the given permissions (`readInbox` is needed to see anything; `readDetails` shows contact numbers; `markRead`; "
                + "`sendText`, `sendMedia`, `sendTemplates`, `sendAdvanced` for interactive, location and contact messages). `expiresAt` is optional; "
                + "`allowedOrigins` lists the origins whose pages may show the link in an iframe (none: it cannot be framed). "
                + "The URL is in this answer only (the secret is stored hashed): store it now, or rotate later for a new one. Admins and API keys.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Phone number not found")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, $"An organization can have at most {SharedInboxLinkService.MaxLinksPerOrganization} shared inbox links")
            .ProducesError(StatusCodes.Status409Conflict, PublicLinks.NotConfiguredCode, "Links cannot be made until the server's public address is configured (Auth:PublicBaseUrl)");
        group.MapGet("", List)
            .WithSummary("List shared inbox links")
            .WithDescription("The organization's links, newest first, revoked and expired ones included (`status`), without their URLs: "
                + "`tokenPrefix` is the start of the URL's secret, to tell them apart. Admins and API keys.")
            .WithPaging();
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Get a shared inbox link")
            .WithDescription("One link, without its URL (see `tokenPrefix`). Admins and API keys.");
        group.MapPatch("/{id:guid}", Update)
            .WithSummary("Change a shared inbox link")
            .WithDescription("Changes the name, the permissions (the whole set), the expiry (`expiresAt`, or `removeExpiry: true`) and/or the allowed origins; "
                + "absent fields stay as they are. Open pages of the link follow the new permissions at their next action. Admins and API keys.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This link was revoked; create a new one");
        group.MapPost("/{id:guid}/rotate", Rotate)
            .WithSummary("Rotate a shared inbox link's URL")
            .WithDescription("A new secret and `publicUrl` (in this answer only); the old URL stops working at once, pages open on it included. Admins and API keys.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This link was revoked; create a new one")
            .ProducesError(StatusCodes.Status409Conflict, PublicLinks.NotConfiguredCode, "Links cannot be made until the server's public address is configured (Auth:PublicBaseUrl)");
        group.MapPost("/{id:guid}/revoke", Revoke)
            .WithSummary("Revoke a shared inbox link")
            .WithDescription("Ends the link for good: its URL and pages open on it stop at once. The link stays listed with status `REVOKED` "
                + "(revoking it again changes nothing). Admins and API keys.");
        return group;
    }

    /// <summary>The files of a link's conversations, for its page (not part of the documented API: the secret is in the path).</summary>
    public static void MapSharedInboxPublicEndpoints(WebApplication app) =>
        app.MapGet(SharedInboxLinkService.PathPrefix + "{token}/media/{messageId:guid}", ServeMedia).ExcludeFromDescription().AllowAnonymous();

    private static async Task<Created<DataEnvelope<SharedInboxLinkDto>>> Create(CreateSharedInboxLinkRequest request, HttpRequest http, ClaimsPrincipal user,
        SharedInboxLinkService links, PublicLinks publicLinks, CancellationToken ct)
    {
        var created = await links.CreateAsync(user.ToActor(),
            new NewSharedInboxLink(request.PhoneNumberId!.Value, request.Name, request.Permissions!, request.ExpiresAt, request.AllowedOrigins),
            publicLinks.Root(http.BaseUrl()), ct);
        return TypedResults.Created($"/v1/shared-inbox-links/{created.Id}", Envelope.Data(created));
    }

    private static async Task<Ok<ListEnvelope<SharedInboxLinkDto>>> List(int? page, int? limit, ClaimsPrincipal user, SharedInboxLinkService links, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var result = await links.ListAsync(user.ToActor(), paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<SharedInboxLinkDto>>> Get(Guid id, ClaimsPrincipal user, SharedInboxLinkService links, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await links.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<SharedInboxLinkDto>>> Update(Guid id, UpdateSharedInboxLinkRequest request, ClaimsPrincipal user,
        SharedInboxLinkService links, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await links.UpdateAsync(user.ToActor(), id,
            new SharedInboxLinkChanges(request.Name, request.Permissions, request.ExpiresAt, request.RemoveExpiry == true, request.AllowedOrigins), ct)));

    private static async Task<Ok<DataEnvelope<SharedInboxLinkDto>>> Rotate(Guid id, HttpRequest http, ClaimsPrincipal user, SharedInboxLinkService links,
        PublicLinks publicLinks, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await links.RotateAsync(user.ToActor(), id, publicLinks.Root(http.BaseUrl()), ct)));

    private static async Task<Ok<DataEnvelope<SharedInboxLinkDto>>> Revoke(Guid id, ClaimsPrincipal user, SharedInboxLinkService links, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await links.RevokeAsync(user.ToActor(), id, ct)));

    private static async Task<IResult> ServeMedia(string token, Guid messageId, SharedInboxService shared, HttpContext http, CancellationToken ct)
    {
        Core.Messaging.MessageMediaFile found;
        try
        {
            found = await shared.MediaAsync(token, messageId, ct);
        }
        catch (InboxException)
        {
            // A dead link, a missing permission or another number's message: nothing to tell the holder of a URL.
            return TypedResults.NotFound();
        }
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        if (found.Inline) return TypedResults.File(found.File.Content, found.File.ContentType, enableRangeProcessing: true);
        var fileName = string.IsNullOrWhiteSpace(found.FileName) ? $"attachment-{messageId:N}" : Path.GetFileName(found.FileName);
        return TypedResults.File(found.File.Content, found.File.ContentType, fileName, enableRangeProcessing: true);
    }
}
