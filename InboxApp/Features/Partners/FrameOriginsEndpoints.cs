using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Partners;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace InboxApp.Features.Partners;

/// <summary>The organization's own allowed frame origins, replaced as a whole (an empty list removes them).</summary>
public sealed record SetFrameOriginsRequest([property: Required, MaxLength(FrameOriginsService.MaxOrigins)] IReadOnlyList<string?>? Origins);

/// <summary>
/// Allowed frame origins of an organization's embeddable pages (the partner connect page, shared inbox links): its admins
/// at <c>/api/v1/organization/frame-origins</c>, its partner at <c>/api/v1/workspace/{slug}/frame-origins</c> (<c>X-Account-Id</c>).
/// </summary>
public static class FrameOriginsEndpoints
{
    private const string Rules = "Each origin is `https://host[:port]`: https only, no path, query, wildcard or user info; at most 10. ";

    public static RouteGroupBuilder MapFrameOriginsEndpoints(this RouteGroupBuilder api)
    {
        var own = api.MapGroup("/organization/frame-origins").WithTags("Frame origins").RequireAuthorization(AuthSetup.ApiPolicy);
        own.MapGet("", Get)
            .WithSummary("Get the allowed frame origins")
            .WithDescription("The origins the organization allows to frame its embeddable pages (the WhatsApp connect page and its shared inbox links) and, "
                + "read-only, those its partner registered (`partnerOrigins`). The pages send `Content-Security-Policy: frame-ancestors` with the union of both. Admins and API keys.");
        own.MapPut("", Set)
            .WithSummary("Replace the allowed frame origins")
            .WithDescription("Replaces the organization's own allowed frame origins (an empty list removes them; the partner's stay). " + Rules + "Admins and API keys.");

        var partner = api.MapGroup("/workspace/{slug}/frame-origins").WithTags("Partner accounts").RequireAuthorization(PartnerKeyAuthenticationHandler.Policy);
        partner.MapGet("", PartnerGet)
            .WithSummary("Get an account's allowed frame origins")
            .WithDescription("The account's own allowed frame origins (`X-Account-Id`, one of the partner's accounts) and the partner's registered ones. Partner keys (`sk_partner_…`) only.")
            .ProducesError(StatusCodes.Status400BadRequest, Core.Common.ErrorCodes.ValidationError, "The X-Account-Id header is missing or not a UUID");
        partner.MapPut("", PartnerSet)
            .WithSummary("Replace an account's allowed frame origins")
            .WithDescription("Replaces the account's own allowed frame origins (`X-Account-Id`), as its admins can. " + Rules + "Partner keys only; another partner's account is not found (404).");
        return api;
    }

    private static async Task<Ok<DataEnvelope<FrameOriginsDto>>> Get(ClaimsPrincipal user, FrameOriginsService origins, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await origins.GetAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<FrameOriginsDto>>> Set(SetFrameOriginsRequest request, ClaimsPrincipal user, FrameOriginsService origins, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await origins.SetAsync(user.ToActor(), request.Origins, ct)));

    private static async Task<Ok<DataEnvelope<FrameOriginsDto>>> PartnerGet(string slug, [FromHeader(Name = WorkspaceWhatsAppEndpoints.AccountHeader)] string? accountId,
        ClaimsPrincipal user, PartnerService partners, FrameOriginsService origins, CancellationToken ct)
    {
        var actor = await partners.AccountActorAsync(user.ToPartner(), slug, WorkspaceWhatsAppEndpoints.Account(accountId), ct);
        return TypedResults.Ok(Envelope.Data(await origins.GetAsync(actor, ct)));
    }

    private static async Task<Ok<DataEnvelope<FrameOriginsDto>>> PartnerSet(string slug, [FromHeader(Name = WorkspaceWhatsAppEndpoints.AccountHeader)] string? accountId,
        SetFrameOriginsRequest request, ClaimsPrincipal user, PartnerService partners, FrameOriginsService origins, CancellationToken ct)
    {
        var actor = await partners.AccountActorAsync(user.ToPartner(), slug, WorkspaceWhatsAppEndpoints.Account(accountId), ct);
        return TypedResults.Ok(Envelope.Data(await origins.SetAsync(actor, request.Origins, ct)));
    }
}
