using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Campaigns;
using InboxApp.Core.Common;
using InboxApp.Core.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace InboxApp.Features.Campaigns;

/// <summary>A recipient: <c>phone</c> with its country code and, optionally, its own template values.</summary>
public sealed record CampaignRecipientRequest([property: Required, StringLength(32)] string Phone, Dictionary<string, string?>? Variables);

/// <summary>
/// <c>{ name, templateId, phoneNumberId?, recipients | tagId | contactFilter, variables?, scheduledAt?, sendNow? }</c>:
/// one audience; <c>variables</c> maps template variables to text or to <c>{{contact.name}}</c>, <c>{{contact.phone}}</c>,
/// <c>{{attributes.key}}</c>.
/// </summary>
public sealed record CreateCampaignRequest(
    [property: Required, StringLength(Campaign.MaxNameLength, MinimumLength = 1)] string Name,
    [property: Required] Guid? TemplateId,
    Guid? PhoneNumberId,
    [property: MaxLength(100_000)] List<CampaignRecipientRequest>? Recipients,
    Guid? TagId,
    CampaignContactFilter? ContactFilter,
    Dictionary<string, string?>? Variables,
    DateTimeOffset? ScheduledAt,
    bool? SendNow)
{
    public CampaignInput ToInput() => new(Name, TemplateId!.Value, PhoneNumberId, Recipients?.Select(r => new CampaignRecipientInput(r.Phone, r.Variables)).ToList(),
        TagId, ContactFilter, Variables, ScheduledAt, SendNow == true);
}

/// <summary><c>{ scheduledAt? }</c>: a time ahead schedules the campaign; none (or a past one) starts it now.</summary>
public sealed record ScheduleCampaignRequest(DateTimeOffset? ScheduledAt);

public sealed record BulkCampaignSelection([property: Required] string Mode, List<Guid>? Ids);

/// <summary><c>{ action: delete|pause|resume|cancel, selection: { mode: "ids", ids } }</c>.</summary>
public sealed record BulkCampaignsRequest([property: Required] string Action, [property: Required] BulkCampaignSelection Selection) : IValidatableObject
{
    public static readonly IReadOnlyDictionary<string, CampaignBulkAction> Actions = new Dictionary<string, CampaignBulkAction>
    {
        ["delete"] = CampaignBulkAction.Delete,
        ["pause"] = CampaignBulkAction.Pause,
        ["resume"] = CampaignBulkAction.Resume,
        ["cancel"] = CampaignBulkAction.Cancel,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Action is not null && !Actions.ContainsKey(Action)) yield return new ValidationResult("action must be delete, pause, resume or cancel", [nameof(Action)]);
        if (Selection is null) yield break;
        if (Selection.Mode != "ids") yield return new ValidationResult("selection.mode must be ids", ["selection.mode"]);
        else if (Selection.Ids is not { Count: > 0 }) yield return new ValidationResult("selection.ids must list at least one campaign", ["selection.ids"]);
        else if (Selection.Ids.Count > 500) yield return new ValidationResult("selection.ids may list at most 500 campaigns", ["selection.ids"]);
    }
}

/// <summary>
/// Campaigns: bulk sends of an approved template, under <c>/campaigns</c>. Admins and supervisors (and API keys); agents 403.
/// Another organization's campaign is a 404.
/// </summary>
public static class CampaignsEndpoints
{
    private const long MaxCsvBytes = 20 * 1024 * 1024;
    private const string StatusValues = "all, PENDING, SENDING, SENT, DELIVERED, READ, REPLIED, FAILED, SKIPPED, UNKNOWN";

    public static RouteGroupBuilder MapCampaignsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/campaigns").WithTags("Campaigns");
        group.MapGet("", List).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("List all campaigns")
            .WithDescription("Newest first, each with its recipient counts by state. Admins and supervisors (and API keys); agents are refused.")
            .WithPaging()
            .WithQuery<CampaignStatus>("status", "Only campaigns in this state.")
            .WithQuery("search", "Part of the campaign's or the template's name.");
        group.MapPost("", Create).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Create a campaign (bulk template send)")
            .WithDescription("An approved template sent from one number to one audience: recipients [{phone, variables?}], a tagId (the contacts of the conversations with that tag), or a contactFilter. Rows that cannot be sent (invalid phone, missing variable, duplicate) are left out and listed in report. DRAFT unless scheduledAt (SCHEDULED) or sendNow (RUNNING). Admins and supervisors.")
            .ProducesError(StatusCodes.Status400BadRequest, CampaignErrors.NoRecipients, "None of the recipients can be sent to")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Template not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Tag not found")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NotApproved, "The template order_shipped (en_US) is PENDING: only approved templates can be sent")
            .ProducesError(StatusCodes.Status409Conflict, CampaignErrors.JobsDisabled, "Background jobs are disabled on this server (Jobs:Enabled is false): campaigns cannot be sent");
        group.MapPost("/csv", CreateFromCsv).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxCsvBytes + 64 * 1024))
            .WithSummary("Create a campaign from an uploaded CSV")
            .WithDescription("As POST /campaigns, the audience read from a CSV whose first line names the columns: phone, and one column per template variable (1, 2 or their names). The report lists rejected lines by their line number. Admins and supervisors.")
            .WithMultipartBody("The CSV and the campaign's fields, as multipart/form-data.",
                ApiFormField.File("file", "The CSV file (UTF-8, comma or semicolon separated).", "customers.csv"),
                ApiFormField.Text("name", "The campaign's name.", "Spring sale", required: true),
                ApiFormField.Text("templateId", "The approved template's id.", "5d0f3c2a-8b1e-4f6a-9c7d-2e4b6a8c0d1f", required: true),
                ApiFormField.Text("phoneNumberId", "The sending number's id (default: the first of the template's account).", "0b6f2c1e-4d3a-4b5c-9e8f-7a6b5c4d3e2f"),
                ApiFormField.Text("scheduledAt", "When to start (ISO 8601); leave out for a draft.", "2026-12-24T09:00:00Z"),
                ApiFormField.Text("sendNow", "true to start at once.", "false", values: ["true", "false"]))
            .ProducesError(StatusCodes.Status400BadRequest, CampaignErrors.NoRecipients, "None of the recipients can be sent to")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Template not found")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NotApproved, "The template order_shipped (en_US) is PENDING: only approved templates can be sent");
        group.MapGet("/stats/global", GlobalStats).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Get aggregated stats across all campaigns")
            .WithDescription("The organization's campaigns by state and their recipients' funnel (sent, delivered, read, replied, failed, skipped). Admins and supervisors.");
        group.MapPost("/bulk", Bulk).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Bulk actions on campaigns (admin only)")
            .WithDescription("action delete (not while running), pause, resume or cancel on selection { mode: ids, ids }; what cannot be done is listed with its reason. Admins only.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Get campaign detail with paginated recipients")
            .WithDescription("The campaign with its counts and one page of its recipients in the list's order, read in one snapshot (the page, its total and the counts show the same moment). Admins and supervisors.")
            .WithPaging(defaultLimit: 25)
            .WithQuery("status", "Only recipients in this state; all (the default) for every one.", values: StatusValues.Split(", "), @default: "all");
        group.MapGet("/{id:guid}/export", Export).RequireAuthorization(AuthSetup.MediaPolicy)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Export campaign recipients as CSV")
            .WithDescription("One line per recipient: phone, status, times, Meta's error, skip reason, attempts, wamid. Admins and supervisors (also signed in to the web app, for the page's download link).")
            .WithQuery("status", "Only recipients in this state; all (the default) for every one.", values: StatusValues.Split(", "), @default: "all");
        group.MapGet("/{id:guid}/stats", Stats).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Get aggregated recipient stats for a campaign")
            .WithDescription("Counts by state, delivery, read and reply rates (over the recipients Meta accepted), and failures by Meta's error. Admins and supervisors.");
        group.MapGet("/{id:guid}/meta-cost", MetaCost).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Get the actual Meta cost of a campaign")
            .WithDescription("What Meta billed for the campaign's messages so far, by category and country, from the pricing of the status webhooks (a message counts once it is delivered and billable). Admins and supervisors.");
        group.MapPost("/{id:guid}/schedule", Schedule).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Start or schedule a campaign")
            .WithDescription("A DRAFT (or SCHEDULED) campaign starts now, or at scheduledAt when it is ahead. Admins and supervisors.")
            .ProducesError(StatusCodes.Status409Conflict, CampaignErrors.WrongStatus, "Only draft or scheduled campaigns are scheduled; this one is RUNNING")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NotApproved, "The template order_shipped (en_US) is PAUSED: only approved templates can be sent")
            .ProducesError(StatusCodes.Status409Conflict, CampaignErrors.JobsDisabled, "Background jobs are disabled on this server (Jobs:Enabled is false): campaigns cannot be sent");
        group.MapPost("/{id:guid}/pause", Pause).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Pause a campaign")
            .WithDescription("A RUNNING or SCHEDULED campaign stops after the sends in flight. Admins and supervisors.")
            .ProducesError(StatusCodes.Status409Conflict, CampaignErrors.WrongStatus, "Only running or scheduled campaigns are paused; this one is COMPLETED");
        group.MapPost("/{id:guid}/resume", Resume).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Resume a paused campaign")
            .WithDescription("Goes on where it stopped; refused while the template is not approved or the number's quality is RED. Admins and supervisors.")
            .ProducesError(StatusCodes.Status409Conflict, CampaignErrors.WrongStatus, "Only paused campaigns are resumed; this one is RUNNING")
            .ProducesError(StatusCodes.Status409Conflict, TemplateErrors.NotApproved, "The template order_shipped (en_US) is PAUSED: only approved templates can be sent")
            .ProducesError(StatusCodes.Status409Conflict, CampaignErrors.JobsDisabled, "Background jobs are disabled on this server (Jobs:Enabled is false): campaigns cannot be sent");
        group.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Cancel a campaign")
            .WithDescription("Stops it for good; recipients not sent yet are never sent. Admins and supervisors.")
            .ProducesError(StatusCodes.Status409Conflict, CampaignErrors.WrongStatus, "This campaign is already COMPLETED");
        return group;
    }

    private static async Task<Ok<ListEnvelope<CampaignDto>>> List(ClaimsPrincipal user, CampaignService campaigns, CampaignStatus? status, string? search,
        int? page, int? limit, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var (items, total) = await campaigns.ListAsync(user.ToActor(), status, search, paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(items, paging.Page, paging.Limit, total));
    }

    private static async Task<Created<DataEnvelope<CampaignDto>>> Create(CreateCampaignRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct)
    {
        var campaign = await campaigns.CreateAsync(user.ToActor(), request.ToInput(), null, ct);
        return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", Envelope.Data(campaign));
    }

    private static async Task<Created<DataEnvelope<CampaignDto>>> CreateFromCsv(HttpRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct)
    {
        var actor = user.ToActor();
        actor.Require(Core.Identity.UserRole.SUPERVISOR);
        var (form, file) = await MultipartUpload.ReadAsync(request, "file", "CSV file", ct);
        if (file.Length > MaxCsvBytes) throw InboxException.Invalid("file", "The CSV file may be 20 MB at most");
        string text;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true)) text = await reader.ReadToEndAsync(ct);
        if (text.Contains('\0')) throw InboxException.Invalid("file", "The file is not a text CSV");
        var name = form["name"].ToString();
        if (string.IsNullOrWhiteSpace(name) || name.Length > Campaign.MaxNameLength) throw InboxException.Invalid("name", $"name is required (at most {Campaign.MaxNameLength} characters)");
        if (!Guid.TryParse(form["templateId"], out var templateId)) throw InboxException.Invalid("templateId", "templateId must be a template's id");
        Guid? numberId = null;
        if (form["phoneNumberId"].ToString() is { Length: > 0 } n)
            numberId = Guid.TryParse(n, out var parsed) ? parsed : throw InboxException.Invalid("phoneNumberId", "phoneNumberId must be a number's id");
        DateTimeOffset? at = null;
        if (form["scheduledAt"].ToString() is { Length: > 0 } s)
            at = DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when)
                ? when : throw InboxException.Invalid("scheduledAt", "scheduledAt must be a date and time (ISO 8601)");
        var sendNow = form["sendNow"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            _ => throw InboxException.Invalid("sendNow", "sendNow must be true or false"),
        };
        var rows = CampaignAudience.ParseCsv(text);
        var campaign = await campaigns.CreateAsync(actor, new CampaignInput(name, templateId, numberId, null, null, null, null, at, sendNow), rows, ct);
        return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", Envelope.Data(campaign));
    }

    private static async Task<Ok<DataEnvelope<CampaignDetailDto>>> Get(Guid id, ClaimsPrincipal user, CampaignService campaigns, string? status, int? page, int? limit,
        CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit, defaultLimit: 25);
        return TypedResults.Ok(Envelope.Data(await campaigns.GetAsync(user.ToActor(), id, RecipientStatus(status), paging.Skip, paging.Limit, ct)));
    }

    private static async Task<FileContentHttpResult> Export(Guid id, ClaimsPrincipal user, CampaignService campaigns, string? status, CancellationToken ct)
    {
        var (fileName, csv) = await campaigns.ExportAsync(user.ToActor(), id, RecipientStatus(status), ct);
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);
    }

    private static async Task<Ok<DataEnvelope<CampaignStatsDto>>> Stats(Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await campaigns.StatsAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<Core.Pricing.CostSummary>>> MetaCost(Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await campaigns.MetaCostAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<CampaignGlobalStatsDto>>> GlobalStats(ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await campaigns.GlobalStatsAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<CampaignBulkResult>>> Bulk(BulkCampaignsRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await campaigns.BulkAsync(user.ToActor(), BulkCampaignsRequest.Actions[request.Action], request.Selection.Ids!, ct)));

    private static async Task<Ok<DataEnvelope<CampaignDto>>> Schedule(Guid id, ScheduleCampaignRequest? request, ClaimsPrincipal user, CampaignService campaigns,
        CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await campaigns.ScheduleAsync(user.ToActor(), id, request?.ScheduledAt, ct)));

    private static async Task<Ok<DataEnvelope<CampaignDto>>> Pause(Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await campaigns.PauseAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<CampaignDto>>> Resume(Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await campaigns.ResumeAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<CampaignDto>>> Cancel(Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await campaigns.CancelAsync(user.ToActor(), id, ct)));

    /// <summary>The seed's <c>status</c> values: <c>all</c> (or none) for every recipient, else a recipient state.</summary>
    private static CampaignRecipientStatus? RecipientStatus(string? status) =>
        status is null or "" || status.Equals("all", StringComparison.OrdinalIgnoreCase) ? null
        : Enum.TryParse<CampaignRecipientStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s
        : throw InboxException.Invalid("status", $"status must be one of {StatusValues}");
}
