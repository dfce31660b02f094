using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Common;
using InboxApp.Core.Messaging;
using InboxApp.Core.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace InboxApp.Features.Templates;

/// <summary>
/// A template to save or submit: <c>name</c> (lowercase letters, digits, underscores), <c>language</c> (<c>en_US</c>),
/// <c>category</c>, <c>components</c> in Meta's shape, and the WhatsApp account (<c>accountId</c> or <c>phoneNumberId</c>;
/// optional when the organization has one).
/// </summary>
public sealed record CreateTemplateRequest(
    [property: Required, StringLength(MessageTemplate.MaxNameLength)] string Name,
    [property: Required, StringLength(16)] string Language,
    [property: Required] TemplateCategory? Category,
    IReadOnlyList<TemplateComponentSpec>? Components,
    Guid? AccountId,
    Guid? PhoneNumberId)
{
    public TemplateInput ToInput() => new(Name, Language, Category, Components, AccountId, PhoneNumberId);
}

/// <summary>Changes to a draft; what is left out stays as it is.</summary>
public sealed record UpdateDraftRequest(
    [property: StringLength(MessageTemplate.MaxNameLength, MinimumLength = 1)] string? Name,
    [property: StringLength(16, MinimumLength = 2)] string? Language,
    TemplateCategory? Category,
    IReadOnlyList<TemplateComponentSpec>? Components)
{
    public TemplateInput ToInput() => new(Name, Language, Category, Components);
}

/// <summary>New components (and optionally category) of a submitted template, edited in Meta; a name or language that differs is refused (Meta changes neither).</summary>
public sealed record EditTemplateRequest([property: Required] IReadOnlyList<TemplateComponentSpec>? Components, TemplateCategory? Category,
    [property: StringLength(MessageTemplate.MaxNameLength)] string? Name = null, [property: StringLength(16)] string? Language = null);

public sealed record DuplicateTemplateRequest([property: StringLength(MessageTemplate.MaxNameLength, MinimumLength = 1)] string? Name);

/// <summary>
/// <c>{ conversationId, language?, parameters? }</c>: <c>parameters</c> maps each variable to its value: <c>"1"</c> or
/// <c>"first_name"</c> (the body's), <c>"header.1"</c>, <c>"button.0"</c> (a URL's end or a code), <c>"header.media"</c>.
/// </summary>
public sealed record SendTemplateRequest([property: Required] Guid? ConversationId, [property: StringLength(16)] string? Language,
    Dictionary<string, string?>? Parameters);

/// <summary><c>{ phone, language?, parameters?, phoneNumberId? }</c>: the contact and conversation are found or created.</summary>
public sealed record SendTemplateToPhoneRequest([property: Required, StringLength(32)] string Phone, [property: StringLength(16)] string? Language,
    Dictionary<string, string?>? Parameters, Guid? PhoneNumberId);

/// <summary>The selection: <c>{ mode: "ids", ids }</c> or <c>{ mode: "filter" (or "all"), status?, category?, language?, search? }</c>.</summary>
public sealed record BulkTemplateSelectionBody(string? Mode, List<Guid>? Ids, TemplateStatus? Status, TemplateCategory? Category, string? Language, string? Search);

public sealed record BulkTemplatesRequest([property: Required] string Action, [property: Required] BulkTemplateSelectionBody Selection) : IValidatableObject
{
    public static readonly IReadOnlyDictionary<string, BulkTemplateAction> Actions = new Dictionary<string, BulkTemplateAction>
    {
        ["delete"] = BulkTemplateAction.Delete,
        ["submit"] = BulkTemplateAction.Submit,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Action is not null && !Actions.ContainsKey(Action)) yield return new ValidationResult("action must be delete or submit", [nameof(Action)]);
        if (Selection is null) yield break;
        if (Selection.Mode is not ("ids" or "filter" or "all")) yield return new ValidationResult("selection.mode must be ids or filter", ["selection.mode"]);
        else if (Selection.Mode == "ids" && Selection.Ids is not { Count: > 0 }) yield return new ValidationResult("selection.ids must list at least one template", ["selection.ids"]);
    }
}

public sealed record TemplatesRemoved(int Removed);

/// <summary>
/// <c>/templates</c>: everyone lists templates and sends approved ones; supervisors and admins (and API keys) write, submit,
/// edit, duplicate, delete, sync and upload header examples.
/// </summary>
public static class TemplatesEndpoints
{
    private const long MultipartOverheadBytes = 64 * 1024;

    public static RouteGroupBuilder MapTemplatesEndpoints(this RouteGroupBuilder api)
    {
        var maxUpload = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<MessagingOptions>>().Value.MaxDocumentBytes;
        var group = api.MapGroup("/templates").WithTags("Templates");
        group.MapGet("", List).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("List WhatsApp templates")
            .WithDescription("The organization's templates (not the REMOVED ones unless status=REMOVED), by name and language; each carries its lint problems, variables and a preview. Every role may call it (agents, supervisors, admins and API keys).")
            .WithPaging()
            .WithQuery<TemplateStatus>("status", "Only templates in this state; REMOVED lists the removed ones, which are left out otherwise.")
            .WithQuery<TemplateCategory>("category", "Only templates of this category.")
            .WithQuery("language", "Only templates in this language, such as `en_US`.")
            .WithQuery("search", "Part of the name or of the body text.")
            .WithQuery("accountId", "Only templates of this WhatsApp account (its id).")
            .WithQuery("phoneNumberId", "Only templates of the WhatsApp account this number (its id) belongs to.");
        group.MapPost("", Create).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Create a WhatsApp template and submit it to Meta for approval")
            .WithDescription("Lints first (400 with the problems by component), then creates it in Meta; nothing is stored when either refuses. Supervisors, admins and API keys.")
            .ProducesError(StatusCodes.Status400BadRequest, TemplateErrors.MetaRefused, "Meta refused the request: the template's body has too many variables for its length")
            .ProducesError(StatusCodes.Status502BadGateway, TemplateErrors.MetaRefused, "Meta refused the request: the access token has expired")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Connect a WhatsApp number first: templates belong to a WhatsApp account")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NameTaken, "The account already has a template order_shipped in en_US")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.ChannelUnavailable, "The template's WhatsApp account is disconnected")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "WhatsApp account not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Phone number not found");
        group.MapPost("/draft", CreateDraft).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Save a template locally as DRAFT without submitting to Meta")
            .WithDescription("Name, language and category must be valid; the components may still have lint problems (listed in the answer). Supervisors, admins and API keys.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Connect a WhatsApp number first: templates belong to a WhatsApp account")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NameTaken, "The account already has a template order_shipped in en_US")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "WhatsApp account not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Phone number not found");
        group.MapPost("/bulk", Bulk).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Bulk actions on templates")
            .WithDescription("action delete (here) or submit (drafts), on selection { mode: ids, ids } or { mode: filter, status?, category?, language?, search? }; skipped ones are listed with a reason. Supervisors, admins and API keys.");
        group.MapPost("/sync", Sync).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Sync templates from the WhatsApp Business API")
            .WithDescription("Brings the templates of every connected account (or accountId's) in line with Meta's: new, changed and deleted ones. Supervisors, admins and API keys.")
            .WithQuery("accountId", "Sync only this WhatsApp account (its id); leave it out for every connected one.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "WhatsApp account not found")
            .ProducesError(StatusCodes.Status400BadRequest, TemplateErrors.MetaRefused, "Meta refused the request: the template's body has too many variables for its length")
            .ProducesError(StatusCodes.Status502BadGateway, TemplateErrors.MetaRefused, "Meta refused the request: the access token has expired");
        group.MapPost("/upload-media", UploadMedia).RequireAuthorization(AuthSetup.ApiPolicy)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + MultipartOverheadBytes))
            .WithSummary("Upload media for a template header (returns the file handle for Meta)")
            .WithDescription("Uploads a header example through Meta's resumable upload and answers its header_handle. With templateId the file is also kept as that template's example and, for a draft, becomes its header. Supervisors, admins and API keys.")
            .WithMultipartBody("The file and its optional fields, as multipart/form-data.",
                ApiFormField.File("file", "The header example: a JPEG or PNG image, an MP4 video or a PDF document.", "spring-sale.jpg"),
                ApiFormField.Text("templateId", "Keep the file as this template's header example (and, for a draft, set its header).", "8a6c4e2f-1b3d-4a5c-9e7f-6b8d0a2c4e6f"),
                ApiFormField.Text("accountId", "The WhatsApp account to upload through, when no templateId is given and the organization has several.", "b7e4a2c1-3d5f-4e6a-8b9c-0d1e2f3a4b5c"))
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Template not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "WhatsApp account not found")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Connect a WhatsApp number first: templates belong to a WhatsApp account")
            .ProducesError(StatusCodes.Status400BadRequest, MetaAppConfigService.NotConfiguredCode, "Header examples are uploaded through a Meta app: configure its app id first (WhatsApp:AppId or the Meta app settings)")
            .ProducesError(StatusCodes.Status400BadRequest, TemplateErrors.MetaRefused, "Meta refused the request: the template's body has too many variables for its length")
            .ProducesError(StatusCodes.Status502BadGateway, TemplateErrors.MetaRefused, "Meta refused the request: the access token has expired");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Get one template")
            .WithDescription("With its lint problems, variables and preview. Every role may call it.");
        group.MapPut("/{id:guid}/draft", UpdateDraft).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Update a DRAFT template locally")
            .WithDescription("What is left out stays as it is; the components may still have lint problems (listed in the answer). A template already submitted is edited in Meta instead (PUT /templates/{id}). Supervisors, admins and API keys.")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.WrongStatus, "Only drafts change here; this template is APPROVED (edit it in Meta with PUT /templates/{id})")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NameTaken, "The account already has a template order_shipped in en_US");
        group.MapPost("/{id:guid}/submit", Submit).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Submit a DRAFT template to Meta for approval")
            .WithDescription("Lints first (400 with the problems by component); Meta's refusal is a 400 META_ERROR with its message (502 when Meta fails or the token is refused). Then PENDING, or what Meta answers. Supervisors, admins and API keys.")
            .ProducesError(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The template has lint problems; error.details lists them by component (body, buttons[1]…)")
            .ProducesError(StatusCodes.Status400BadRequest, TemplateErrors.MetaRefused, "Meta refused the request: the template's body has too many variables for its length")
            .ProducesError(StatusCodes.Status502BadGateway, TemplateErrors.MetaRefused, "Meta refused the request: the access token has expired")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.WrongStatus, "Only drafts are submitted; this template is APPROVED")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.ChannelUnavailable, "The template's WhatsApp account is disconnected")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NameTaken, "The account already has a template order_shipped in en_US");
        group.MapPut("/{id:guid}", Edit).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Edit a template's components in Meta and update it here")
            .WithDescription("For approved, rejected or paused templates; Meta reviews it again, so it becomes PENDING. Meta changes neither the name nor the language (400). Supervisors, admins and API keys.")
            .ProducesError(StatusCodes.Status400BadRequest, TemplateErrors.MetaRefused, "Meta refused the request: the template's body has too many variables for its length")
            .ProducesError(StatusCodes.Status502BadGateway, TemplateErrors.MetaRefused, "Meta refused the request: the access token has expired")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.WrongStatus, "Only approved, rejected or paused templates are edited in Meta; this one is PENDING");
        group.MapPost("/{id:guid}/duplicate", Duplicate).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Duplicate a template as a DRAFT")
            .WithDescription("In the same account and language, named {name}_copy (or _copy2…) unless a name is given. Supervisors, admins and API keys.")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NameTaken, "The account already has a template order_shipped in en_US");
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Soft-delete a template (mark it REMOVED)")
            .WithDescription("Here only: Meta keeps it. The row stays for what refers to it; removing twice is harmless. Supervisors, admins and API keys.");
        group.MapDelete("/{id:guid}/meta", DeleteInMeta).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Delete a template from Meta and mark it REMOVED")
            .WithDescription("Meta deletes by name: every language of that name goes, and each is marked REMOVED here; answers how many. Supervisors, admins and API keys.")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.WrongStatus, "This template was never submitted to Meta: delete it here with DELETE /templates/{id}")
            .ProducesError(StatusCodes.Status400BadRequest, TemplateErrors.MetaRefused, "Meta refused the request: the template's body has too many variables for its length")
            .ProducesError(StatusCodes.Status502BadGateway, TemplateErrors.MetaRefused, "Meta refused the request: the access token has expired");
        group.MapGet("/{id:guid}/header-media", HeaderMedia).RequireAuthorization(AuthSetup.MediaPolicy)
            .WithSummary("Serve a template's header example (image, video or document)")
            .WithDescription("The file uploaded as the template's header example (images and videos inline, documents as attachments); 404 when the template keeps none. Every role may call it.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Header media not found");
        group.MapPost("/{name}/send", Send).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Send a template message to a conversation")
            .WithDescription("An approved template of the conversation's WhatsApp account, its variables filled from parameters; allowed outside the 24-hour window. Every role may send (agents too).")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Conversation not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Template order_shipped in en_US not found")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NotApproved, "The template order_shipped (en_US) is PENDING: only approved templates can be sent")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.ChannelUnavailable, "This conversation's WhatsApp number is disconnected or inactive");
        group.MapPost("/{name}/send-to-phone", SendToPhone).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Send a template message to a phone number (creates or reuses the conversation)")
            .WithDescription("Finds or creates the contact and an open conversation on the number (phoneNumberId, or the first whose account has the template approved), then sends as above. Every role may send (agents too).")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Phone number not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Approved template order_shipped not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Template order_shipped in en_US not found")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NotApproved, "The template order_shipped (en_US) is PENDING: only approved templates can be sent")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.ChannelUnavailable, "This conversation's WhatsApp number is disconnected or inactive")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The contact was created meanwhile; send again");
        return group;
    }

    private static async Task<Ok<ListEnvelope<TemplateDto>>> List(ClaimsPrincipal user, TemplateService templates, TemplateStatus? status, TemplateCategory? category,
        string? language, string? search, Guid? accountId, Guid? phoneNumberId, int? page, int? limit, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var result = await templates.ListAsync(user.ToActor(), new TemplateFilter(status, category, language, search, accountId, phoneNumberId), paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<TemplateDto>>> Get(Guid id, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await templates.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Created<DataEnvelope<TemplateDto>>> Create(CreateTemplateRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct)
    {
        var created = await templates.CreateAndSubmitAsync(user.ToActor(), request.ToInput(), ct);
        return TypedResults.Created($"/api/v1/templates/{created.Id}", Envelope.Data(created));
    }

    private static async Task<Created<DataEnvelope<TemplateDto>>> CreateDraft(CreateTemplateRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct)
    {
        var created = await templates.CreateDraftAsync(user.ToActor(), request.ToInput(), ct);
        return TypedResults.Created($"/api/v1/templates/{created.Id}", Envelope.Data(created));
    }

    private static async Task<Ok<DataEnvelope<TemplateDto>>> UpdateDraft(Guid id, UpdateDraftRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await templates.UpdateDraftAsync(user.ToActor(), id, request.ToInput(), ct)));

    private static async Task<Ok<DataEnvelope<TemplateDto>>> Submit(Guid id, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await templates.SubmitAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<TemplateDto>>> Edit(Guid id, EditTemplateRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await templates.EditAsync(user.ToActor(), id, new TemplateInput(request.Name, request.Language, request.Category, request.Components), ct)));

    private static async Task<Created<DataEnvelope<TemplateDto>>> Duplicate(Guid id, DuplicateTemplateRequest? request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct)
    {
        var copy = await templates.DuplicateAsync(user.ToActor(), id, request?.Name, ct);
        return TypedResults.Created($"/api/v1/templates/{copy.Id}", Envelope.Data(copy));
    }

    private static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, TemplateService templates, CancellationToken ct)
    {
        await templates.DeleteAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DataEnvelope<TemplatesRemoved>>> DeleteInMeta(Guid id, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(new TemplatesRemoved(await templates.DeleteInMetaAsync(user.ToActor(), id, ct))));

    private static async Task<Ok<DataEnvelope<BulkActionResult>>> Bulk(BulkTemplatesRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct)
    {
        var s = request.Selection;
        var selection = s.Mode == "ids"
            ? new BulkSelection<TemplateFilter>(s.Ids)
            : new BulkSelection<TemplateFilter>(null, new TemplateFilter(s.Status, s.Category, s.Language, s.Search));
        return TypedResults.Ok(Envelope.Data(await templates.BulkAsync(user.ToActor(), BulkTemplatesRequest.Actions[request.Action], selection, ct)));
    }

    private static async Task<Ok<DataEnvelope<TemplateSyncResult>>> Sync(Guid? accountId, ClaimsPrincipal user, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await templates.SyncAsync(user.ToActor(), accountId, ct)));

    /// <summary>The form is read here (not bound), so any other body is a 400 with a clear message.</summary>
    private static async Task<Ok<DataEnvelope<TemplateMediaUpload>>> UploadMedia(HttpRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct)
    {
        var actor = user.ToActor();
        actor.Require(TemplateService.ManagerRole); // 403 before the body is read.
        var (form, file) = await MultipartUpload.ReadAsync(request, "file", "file", ct);
        var templateId = OptionalGuid(form, "templateId");
        var accountId = OptionalGuid(form, "accountId");
        await using var content = file.OpenReadStream();
        return TypedResults.Ok(Envelope.Data(await templates.UploadMediaAsync(actor, templateId, accountId,
            new TemplateUpload(content, file.ContentType, file.FileName, file.Length), ct)));
    }

    private static Guid? OptionalGuid(IFormCollection form, string field)
    {
        var value = form[field].ToString();
        if (string.IsNullOrWhiteSpace(value)) return null;
        return Guid.TryParse(value, out var id) ? id : throw InboxException.Invalid(field, $"{field} must be an id");
    }

    private static async Task<FileStreamHttpResult> HeaderMedia(Guid id, ClaimsPrincipal user, TemplateService templates, HttpContext http, CancellationToken ct)
    {
        var found = await templates.OpenHeaderMediaAsync(user.ToActor(), id, ct);
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        if (found.Inline) return TypedResults.File(found.File.Content, found.File.ContentType, enableRangeProcessing: true);
        return TypedResults.File(found.File.Content, found.File.ContentType, found.FileName ?? $"template-{id:N}", enableRangeProcessing: true);
    }

    private static async Task<Created<DataEnvelope<MessageDto>>> Send(string name, SendTemplateRequest request, ClaimsPrincipal user, TemplateService templates, CancellationToken ct)
    {
        var message = await templates.SendAsync(user.ToActor(), name, request.ConversationId!.Value, request.Language, request.Parameters, ct);
        return TypedResults.Created($"/api/v1/conversations/{message.ConversationId}/messages/{message.Id}", Envelope.Data(message));
    }

    private static async Task<Created<DataEnvelope<TemplateSendResult>>> SendToPhone(string name, SendTemplateToPhoneRequest request, ClaimsPrincipal user,
        TemplateService templates, CancellationToken ct)
    {
        var sent = await templates.SendToPhoneAsync(user.ToActor(), name, request.Phone, request.PhoneNumberId, request.Language, request.Parameters, ct);
        return TypedResults.Created($"/api/v1/conversations/{sent.ConversationId}/messages/{sent.Message.Id}", Envelope.Data(sent));
    }
}
