using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.QuickReplies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace InboxApp.Features.QuickReplies;

public sealed record CreateQuickReplyRequest(
    [property: Required, StringLength(QuickReplyRules.MaxShortcutLength + 1)] string Shortcut,
    [property: Required, StringLength(QuickReplyRules.MaxTitleLength)] string Title,
    [property: Required, StringLength(QuickReplyRules.MaxTextLength)] string Text,
    [property: StringLength(QuickReplyRules.MaxCategoryLength)] string? Category,
    bool? IsActive);

public sealed record UpdateQuickReplyRequest(
    [property: StringLength(QuickReplyRules.MaxShortcutLength + 1, MinimumLength = 1)] string? Shortcut,
    [property: StringLength(QuickReplyRules.MaxTitleLength, MinimumLength = 1)] string? Title,
    [property: StringLength(QuickReplyRules.MaxTextLength, MinimumLength = 1)] string? Text,
    [property: StringLength(QuickReplyRules.MaxCategoryLength)] string? Category,
    bool? IsActive);

public sealed record RenderQuickReplyRequest([property: Required] Guid? ConversationId);

/// <summary>The selection of a bulk action: <c>{ mode: "ids", ids }</c> or <c>{ mode: "all", search?, category?, isActive? }</c>.</summary>
public sealed record BulkQuickReplySelectionBody(string? Mode, List<Guid>? Ids, string? Search, string? Category, bool? IsActive);

public sealed record BulkQuickRepliesRequest([property: Required] string Action, [property: Required] BulkQuickReplySelectionBody Selection) : IValidatableObject
{
    public static readonly IReadOnlyDictionary<string, BulkQuickReplyAction> Actions = new Dictionary<string, BulkQuickReplyAction>
    {
        ["delete"] = BulkQuickReplyAction.Delete,
        ["activate"] = BulkQuickReplyAction.Activate,
        ["deactivate"] = BulkQuickReplyAction.Deactivate,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Action is not null && !Actions.ContainsKey(Action))
            yield return new ValidationResult("action must be one of: delete, activate, deactivate", [nameof(Action)]);
        if (Selection is null) yield break;
        foreach (var error in BulkSelectionRules.Validate(Selection.Mode, Selection.Ids, "quick reply")) yield return error;
    }
}

/// <summary>
/// <c>/quick-replies</c>: everyone lists the active ones, fills one for a conversation and fetches its attachment; admins
/// (and API keys) see all, create, change, delete, act in bulk and upload or remove attachments.
/// </summary>
public static class QuickRepliesEndpoints
{
    /// <summary>Room for the multipart framing around the file itself.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    public static RouteGroupBuilder MapQuickRepliesEndpoints(this RouteGroupBuilder api)
    {
        var maxUpload = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<Core.Messaging.MessagingOptions>>().Value.MaxAnyBytes;
        var group = api.MapGroup("/quick-replies").WithTags("Quick replies");
        group.MapGet("", ListActive).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("List quick replies")
            .WithDescription("The active quick replies by shortcut, for the composer's `/` menu. Any member.")
            .WithQuery("search", "Part of the shortcut, title or text.");
        group.MapGet("/all", ListAll).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("List all quick replies")
            .WithDescription("Active and turned-off quick replies with their usage, for settings. Admins only.")
            .WithQuery("search", "Part of the shortcut, title or text.")
            .WithQuery("category", "Only quick replies of this category.")
            .WithQuery("isActive", "`true` for the active ones only, `false` for the turned-off ones.");
        group.MapPost("", Create).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Create a quick reply")
            .WithDescription("A canned answer under a `/shortcut`; its text may use `{{contact.name}}`-style placeholders filled by `render`. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The shortcut /hello is already used by another quick reply");
        group.MapPost("/bulk", Bulk).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Act on many quick replies")
            .WithDescription("`delete`, `activate` or `deactivate` the quick replies named in `selection` (`mode: ids`) or matching the list's filters (`mode: all`). Admins only.");
        group.MapPatch("/{id:guid}", Update).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Change a quick reply")
            .WithDescription("Changes any of shortcut, title, text, category and `isActive`; fields left out are kept. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The shortcut /hello is already used by another quick reply");
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Delete a quick reply")
            .WithDescription("Deletes the quick reply and its attachment. Admins only.");
        group.MapPost("/{id:guid}/render", Render).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Fill a quick reply for a conversation")
            .WithDescription("The quick reply's text with its placeholders filled from `conversationId`'s contact and the caller, ready to send, and its attachment if any. Any member.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Conversation not found")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The quick reply /hello is turned off");
        // Bearer-authenticated multipart upload: no cookies, so no antiforgery; its own body limit instead of the JSON one.
        group.MapPost("/{id:guid}/media", UploadMedia).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Attach a file to a quick reply")
            .WithDescription("Stores a file (a kind WhatsApp can send, within its size limit) that goes out with the quick reply, replacing any earlier one. Admins only.")
            .WithMultipartBody("The file, as multipart/form-data.", ApiFormField.File("file", "The file to attach.", "price-list.pdf"))
            .ProducesError(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The file is larger than WhatsApp accepts for its kind")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + MultipartOverheadBytes));
        group.MapDelete("/{id:guid}/media", RemoveMedia).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Remove a quick reply's file")
            .WithDescription("Deletes the attachment; the quick reply stays. Admins only.");
        // Cookie or bearer, so the settings page can show the attachment.
        group.MapGet("/{id:guid}/media", ServeMedia).RequireAuthorization(AuthSetup.MediaPolicy)
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream")
            .WithSummary("Download a quick reply's file")
            .WithDescription("The attachment's bytes with its content type (images, audio and video inline, other files as downloads; ranges supported). Bearer or the app's cookie. Any member.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "The quick reply has no file");
        return group;
    }

    private static async Task<Ok<ListEnvelope<QuickReplyDto>>> ListActive(string? search, ClaimsPrincipal user, QuickReplyService replies, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await replies.ListActiveAsync(user.ToActor(), search, ct)));

    private static async Task<Ok<ListEnvelope<QuickReplyDto>>> ListAll(string? search, string? category, bool? isActive, ClaimsPrincipal user,
        QuickReplyService replies, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await replies.ListAllAsync(user.ToActor(), new QuickReplyFilter(search, category, isActive), ct)));

    private static async Task<Created<DataEnvelope<QuickReplyDto>>> Create(CreateQuickReplyRequest request, ClaimsPrincipal user, QuickReplyService replies, CancellationToken ct)
    {
        var created = await replies.CreateAsync(user.ToActor(),
            new NewQuickReply(request.Shortcut, request.Title, request.Text, request.Category, request.IsActive), ct);
        return TypedResults.Created($"/api/v1/quick-replies/{created.Id}", Envelope.Data(created));
    }

    private static async Task<Ok<DataEnvelope<QuickReplyDto>>> Update(Guid id, UpdateQuickReplyRequest request, ClaimsPrincipal user, QuickReplyService replies, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await replies.UpdateAsync(user.ToActor(), id,
            new QuickReplyChanges(request.Shortcut, request.Title, request.Text, request.Category, request.IsActive), ct)));

    private static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, QuickReplyService replies, CancellationToken ct)
    {
        await replies.DeleteAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DataEnvelope<BulkActionResult>>> Bulk(BulkQuickRepliesRequest request, ClaimsPrincipal user, QuickReplyService replies, CancellationToken ct)
    {
        var s = request.Selection;
        var selection = s.Mode == BulkSelectionRules.AllMode
            ? new BulkSelection<QuickReplyFilter>(null, new QuickReplyFilter(s.Search, s.Category, s.IsActive))
            : new BulkSelection<QuickReplyFilter>(s.Ids);
        return TypedResults.Ok(Envelope.Data(await replies.BulkAsync(user.ToActor(), BulkQuickRepliesRequest.Actions[request.Action], selection, ct)));
    }

    private static async Task<Ok<DataEnvelope<RenderedQuickReplyDto>>> Render(Guid id, RenderQuickReplyRequest request, ClaimsPrincipal user,
        QuickReplyService replies, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await replies.RenderAsync(user.ToActor(), id, request.ConversationId!.Value, ct)));

    /// <summary>The form is read here (not bound), so any other body is a 400 with a clear message.</summary>
    private static async Task<Ok<DataEnvelope<QuickReplyDto>>> UploadMedia(Guid id, HttpRequest request, ClaimsPrincipal user, QuickReplyService replies, CancellationToken ct)
    {
        var actor = user.ToActor();
        actor.Require(Core.Identity.UserRole.ADMIN); // 403 before the body is read.
        var (_, file) = await MultipartUpload.ReadAsync(request, "file", "file", ct);
        await using var content = file.OpenReadStream();
        var updated = await replies.SetMediaAsync(actor, id, new QuickReplyUpload(content, file.ContentType, file.FileName, file.Length), ct);
        return TypedResults.Ok(Envelope.Data(updated));
    }

    private static async Task<Ok<DataEnvelope<QuickReplyDto>>> RemoveMedia(Guid id, ClaimsPrincipal user, QuickReplyService replies, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await replies.RemoveMediaAsync(user.ToActor(), id, ct)));

    private static async Task<FileStreamHttpResult> ServeMedia(Guid id, ClaimsPrincipal user, QuickReplyService replies, HttpContext http, CancellationToken ct)
    {
        var found = await replies.OpenMediaAsync(user.ToActor(), id, ct);
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-cache";
        headers.XContentTypeOptions = "nosniff";
        // Nothing served from here may run as a page of our origin.
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        if (found.Inline) return TypedResults.File(found.File.Content, found.File.ContentType, enableRangeProcessing: true);
        var fileName = string.IsNullOrWhiteSpace(found.FileName) ? $"quick-reply-{id:N}" : found.FileName;
        return TypedResults.File(found.File.Content, found.File.ContentType, fileName, enableRangeProcessing: true);
    }
}
