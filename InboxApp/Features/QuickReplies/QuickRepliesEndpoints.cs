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
        group.MapGet("", ListActive).RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/all", ListAll).RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapPost("", Create).RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapPost("/bulk", Bulk).RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapPatch("/{id:guid}", Update).RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapPost("/{id:guid}/render", Render).RequireAuthorization(AuthSetup.ApiPolicy);
        // Bearer-authenticated multipart upload: no cookies, so no antiforgery; its own body limit instead of the JSON one.
        group.MapPost("/{id:guid}/media", UploadMedia).RequireAuthorization(AuthSetup.ApiPolicy)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + MultipartOverheadBytes));
        group.MapDelete("/{id:guid}/media", RemoveMedia).RequireAuthorization(AuthSetup.ApiPolicy);
        // Cookie or bearer, so the settings page can show the attachment.
        group.MapGet("/{id:guid}/media", ServeMedia).RequireAuthorization(AuthSetup.MediaPolicy);
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
