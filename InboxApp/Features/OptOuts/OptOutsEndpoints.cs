using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.OptOuts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.OptOuts;

/// <summary><c>{ phone, note? }</c>: a number in international form (<c>+4915112345678</c>).</summary>
public sealed record AddOptOutRequest(
    [property: Required, StringLength(32)] string Phone,
    [property: StringLength(OptOut.MaxNoteLength)] string? Note);

/// <summary><c>{ phones }</c>: up to 10,000 numbers in international form.</summary>
public sealed record ImportOptOutsRequest([property: Required, MinLength(1), MaxLength(OptOutService.MaxImport)] IReadOnlyList<string> Phones);

/// <summary>The keywords (whole message, case and accents ignored) and the confirmation texts; an empty text sends no confirmation.</summary>
public sealed record OptOutSettingsRequest(
    bool KeywordsEnabled,
    [property: Required, MaxLength(OptOutKeywords.MaxKeywords)] IReadOnlyList<string> StopKeywords,
    [property: MaxLength(OptOutKeywords.MaxKeywords)] IReadOnlyList<string>? StartKeywords,
    [property: StringLength(OptOutSettings.MaxReplyLength)] string? OptOutReply,
    [property: StringLength(OptOutSettings.MaxReplyLength)] string? OptInReply);

/// <summary><c>/opt-outs</c>: the suppression list campaigns respect. Every member reads it; supervisors, admins and API keys change it.</summary>
public static class OptOutsEndpoints
{
    public static RouteGroupBuilder MapOptOutsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/opt-outs").WithTags("Opt-outs").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List opted-out numbers")
            .WithDescription("The numbers on the organization's suppression list, newest first. `search` matches digits of the number, or the keyword and note. Any member.")
            .WithPaging()
            .WithQuery("search", "Digits of the phone number, or part of the keyword or note.");
        group.MapPost("", Add)
            .WithSummary("Add a number to the opt-out list")
            .WithDescription("Puts a number on the suppression list (source MANUAL, or API for an API key): campaigns skip it. Supervisors and admins.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This number is on the opt-out list already");
        group.MapPost("/import", Import)
            .WithSummary("Import opted-out numbers")
            .WithDescription("Puts up to 10,000 numbers on the list (source IMPORT); numbers on it already are counted and left as they are, entries that are not phone numbers are listed. Supervisors and admins.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Some of these numbers were added meanwhile; import again");
        group.MapDelete("/{id:guid}", Remove)
            .WithSummary("Remove a number from the opt-out list")
            .WithDescription("Takes a number off the suppression list; campaigns may reach it again. Supervisors and admins.");
        // Cookie or bearer, so the settings page can offer the file as a plain link.
        api.MapGet("/opt-outs/export", Export).WithTags("Opt-outs").RequireAuthorization(AuthSetup.MediaPolicy)
            .WithSummary("Export the opt-out list")
            .WithDescription("The whole list as CSV (`phone,country,source,keyword,note,addedAt`), newest first. Bearer or the app's cookie. Supervisors and admins.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        group.MapGet("/settings", Settings)
            .WithSummary("Get the opt-out keywords")
            .WithDescription("The keywords that put a customer on the list (STOP…) or take them off (START…), matched against the whole message ignoring case, accents and surrounding punctuation, and the confirmation texts. The defaults until someone saves. Any member.");
        group.MapPut("/settings", UpdateSettings)
            .WithSummary("Change the opt-out keywords")
            .WithDescription("Saves the keywords and confirmation texts; a word may not be in both lists; an empty text sends no confirmation. Supervisors and admins.");
        return group;
    }

    private static async Task<Ok<ListEnvelope<OptOutDto>>> List(ClaimsPrincipal user, OptOutService optOuts, int? page, int? limit, string? search, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var result = await optOuts.ListAsync(user.ToActor(), search, paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Created<DataEnvelope<OptOutDto>>> Add(AddOptOutRequest request, ClaimsPrincipal user, OptOutService optOuts, CancellationToken ct)
    {
        var added = await optOuts.AddAsync(user.ToActor(), request.Phone, request.Note, ct);
        return TypedResults.Created($"/api/v1/opt-outs/{added.Id}", Envelope.Data(added));
    }

    private static async Task<Ok<DataEnvelope<OptOutImportResult>>> Import(ImportOptOutsRequest request, ClaimsPrincipal user, OptOutService optOuts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await optOuts.ImportAsync(user.ToActor(), request.Phones, ct)));

    private static async Task<NoContent> Remove(Guid id, ClaimsPrincipal user, OptOutService optOuts, CancellationToken ct)
    {
        await optOuts.RemoveAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<FileContentHttpResult> Export(ClaimsPrincipal user, OptOutService optOuts, CancellationToken ct) =>
        TypedResults.File(Encoding.UTF8.GetBytes(await optOuts.ExportCsvAsync(user.ToActor(), ct)), "text/csv; charset=utf-8", "opt-outs.csv");

    private static async Task<Ok<DataEnvelope<OptOutSettingsDto>>> Settings(ClaimsPrincipal user, OptOutService optOuts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await optOuts.GetSettingsAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<OptOutSettingsDto>>> UpdateSettings(OptOutSettingsRequest request, ClaimsPrincipal user, OptOutService optOuts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await optOuts.UpdateSettingsAsync(user.ToActor(), request.KeywordsEnabled, request.StopKeywords, request.StartKeywords,
            request.OptOutReply, request.OptInReply, ct)));
}
