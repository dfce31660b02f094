using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Pricing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Pricing;

/// <summary><c>{ markets: [{ market, name, marketing, utility, authentication, service? }] }</c>: prices in USD per delivered message.</summary>
public sealed record UpdatePricesRequest([property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<MarketPriceInput> Markets);

/// <summary><c>{ countries: ["AT", "BE", …] }</c>: every country the region prices (ISO 3166-1 alpha-2), replacing its list.</summary>
public sealed record UpdatePriceRegionRequest([property: Required, MaxLength(PricingService.MaxRegionCountries)] IReadOnlyList<string?> Countries);

public sealed record EstimateRecipient([property: StringLength(32)] string? Phone);

/// <summary>
/// <c>{ templateId, recipients: [{ phone }] }</c> (the template's category is priced) or <c>{ category, phones }</c>; either
/// recipient form, up to 50,000 numbers. Or <c>{ templateId, tagId, phoneNumberId? }</c>: the contacts with the tag, as a
/// campaign to that tag would reach them.
/// </summary>
public sealed record EstimateCostRequest(Guid? TemplateId, PricingCategory? Category, IReadOnlyList<EstimateRecipient>? Recipients, IReadOnlyList<string>? Phones,
    Guid? TagId = null, Guid? PhoneNumberId = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TemplateId is null && Category is null) yield return new ValidationResult("give a templateId or a category", [nameof(TemplateId)]);
        var listed = Recipients is { Count: > 0 } || Phones is { Count: > 0 };
        if (TagId is not null && listed) yield return new ValidationResult("give recipients or a tagId, not both", [nameof(TagId)]);
        else if (TagId is null && !listed) yield return new ValidationResult("name at least one recipient (or a tagId)", [nameof(Recipients)]);
        else if ((Recipients?.Count ?? 0) + (Phones?.Count ?? 0) > PricingService.MaxEstimateRecipients)
            yield return new ValidationResult($"at most {PricingService.MaxEstimateRecipients} recipients per estimate", [nameof(Recipients)]);
        if (PhoneNumberId is not null && TagId is null) yield return new ValidationResult("phoneNumberId goes with a tagId", [nameof(PhoneNumberId)]);
    }

    public IReadOnlyList<string> AllPhones() => [.. (Recipients ?? []).Select(r => r?.Phone ?? ""), .. Phones ?? []];
}

/// <summary>
/// Meta's per-message prices under <c>/campaigns</c> (as the campaign screens use them): the price table, estimates before a
/// send and the costs Meta's status webhooks reported. Campaigns themselves are a feature of their own.
/// </summary>
public static class PricingEndpoints
{
    public static RouteGroupBuilder MapPricingEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/campaigns").WithTags("Campaign pricing").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/pricing", Prices)
            .WithSummary("Get current WhatsApp pricing rates")
            .WithDescription("Meta's price per delivered message by market and category, in USD: calling codes (countries Meta prices individually), Meta's regions (`R_WEU` Rest of Western Europe, `R_LATAM`, `R_APAC`, `R_AFR`, `R_ME`, `R_CEE`: the countries of the region without a row of their own) and `DEFAULT` (\"Other\": every other number). Seeded from Meta's rate card effective 1 July 2025; reference data that super admins correct. Any signed-in user.");
        group.MapPut("/pricing", UpdatePrices)
            .WithSummary("Change WhatsApp pricing rates")
            .WithDescription("Creates or changes the rows of the named markets (the others stay). Costs recorded before keep the price of their time. Super admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The prices were changed meanwhile; try again");
        group.MapGet("/pricing/regions", Regions)
            .WithSummary("List the countries of each price region")
            .WithDescription("Meta's regions (`R_AFR`, `R_APAC`, `R_CEE`, `R_LATAM`, `R_ME`, `R_WEU`, the markets of the price table's regional rows) with the countries (ISO 3166-1 alpha-2, with English names) each prices: a number of such a country without a row of its own is priced by the region's row. Seeded from Meta's card of 1 July 2025; super admins follow Meta's changes. Supervisors, admins and super admins.");
        group.MapPut("/pricing/regions/{market}", UpdateRegion)
            .WithSummary("Set the countries of a price region")
            .WithDescription("Replaces the region's countries with the list (upper-cased ISO 3166-1 alpha-2 codes, each once; an empty list empties the region). A country in another region is refused with the region it is in (to move it, remove it there first); so is a country priced by a row of its own (its calling code's, such as DE by 49). Estimates use the new list at once on this instance and within 30 seconds on the others; costs recorded before keep their price. Super admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The regions were changed meanwhile; try again");
        group.MapPost("/estimate", Estimate)
            .WithSummary("Estimate campaign cost before sending")
            .WithDescription("What sending the template (its category) or a category to the recipients (listed numbers, or the contacts of the sending number with a tag) would cost: one message per distinct number, numbers on the opt-out list (and for MARKETING, United States numbers: Meta does not deliver marketing templates to them) left out, each priced by its country's row, else its region's row (Meta's \"Rest of …\" rows), else \"Other\"; totals by country, and the entries that are not phone numbers. Any member.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Template not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Tag not found")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Phone number not found");
        group.MapGet("/meta-costs", MetaCosts)
            .WithSummary("Get real costs from Meta")
            .WithDescription("What the organization's delivered messages cost in a period (the last 90 days by default), by category and by country: each message billable according to Meta's status webhook, priced by its recipient's market when it was delivered. Supervisors and admins.")
            .WithQuery("from", "Start of the period, inclusive (ISO 8601); default 90 days before `to`.")
            .WithQuery("to", "End of the period, exclusive (ISO 8601); default now. At most 366 days after `from`.")
            .ProducesError(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "from must be before to");
        return group;
    }

    private static async Task<Ok<ListEnvelope<MarketPriceDto>>> Prices(ClaimsPrincipal user, PricingService pricing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await pricing.ListPricesAsync(user.ToActor(), ct)));

    private static async Task<Ok<ListEnvelope<MarketPriceDto>>> UpdatePrices(UpdatePricesRequest request, ClaimsPrincipal user, PricingService pricing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await pricing.UpdatePricesAsync(user.ToActor(), request.Markets, ct)));

    private static async Task<Ok<ListEnvelope<PriceRegionDto>>> Regions(ClaimsPrincipal user, PricingService pricing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await pricing.ListRegionsAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<PriceRegionDto>>> UpdateRegion(string market, UpdatePriceRegionRequest request, ClaimsPrincipal user, PricingService pricing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await pricing.UpdateRegionAsync(user.ToActor(), market, request.Countries, ct)));

    private static async Task<Ok<DataEnvelope<CostEstimate>>> Estimate(EstimateCostRequest request, ClaimsPrincipal user, PricingService pricing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(request.TagId is { } tagId
            ? await pricing.EstimateForTagAsync(user.ToActor(), request.TemplateId, request.Category, tagId, request.PhoneNumberId, ct)
            : await pricing.EstimateAsync(user.ToActor(), request.TemplateId, request.Category, request.AllPhones(), ct)));

    private static async Task<Ok<DataEnvelope<MetaCostReport>>> MetaCosts(ClaimsPrincipal user, PricingService pricing, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await pricing.MetaCostsAsync(user.ToActor(), from, to, ct)));
}
