using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Partners;
using InboxApp.Features.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Partners;

public sealed record CreateOnboardingLinkRequest(
    [property: Required, StringLength(OnboardingLinkService.MaxNameLength, MinimumLength = 1)] string Name,
    [property: Required, StringLength(OnboardingLinkService.MaxUrlLength, MinimumLength = 1)] string RedirectUrl);

/// <summary>
/// <c>/v1/onboarding-links</c> (organization keys or tokens, the <c>{data, meta}</c> envelope) and the hosted page the
/// links point to (<c>/onboarding/{sealed id}</c>, no credential).
/// </summary>
public static class OnboardingLinksEndpoints
{
    public static WebApplication MapOnboardingLinksEndpoints(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ValidationFilter>();
        var group = v1.MapGroup("/onboarding-links").WithTags("Onboarding links").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapPost("", Create)
            .WithSummary("Create an onboarding link")
            .WithDescription("Creates a hosted page (`hostedUrl`, open `Partners:OnboardingLinkDays`, default 7) to send to the end user: it runs Meta's Embedded Signup (or connects a sandbox number when the platform has no Meta app) and then redirects to `redirectUrl` with `status`, `onboardingLinkId` and `phoneStatus`/`phoneNumberId` (or `error`) in the query. `redirectUrl` must be https (http only for localhost during development). Admins and organization API keys.");
        group.MapGet("", List)
            .WithSummary("List onboarding links")
            .WithDescription("The organization's onboarding links, newest first, with their status (`ACTIVE`, `COMPLETED`, `EXPIRED`). Admins and organization API keys.")
            .WithPaging();
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Get an onboarding link")
            .WithDescription("One link with its status and, once completed, the number it connected. Admins and organization API keys.");
        group.MapPost("/{id:guid}/expire", Expire)
            .WithSummary("Expire an onboarding link")
            .WithDescription("Closes the link at once: its hosted page no longer opens. Admins and organization API keys.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This onboarding link was already completed");

        app.MapGet(OnboardingLinkService.HostedPath + "{sealedId}", Hosted).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static string Root(HttpContext http, PublicLinks links) => links.Root(http.Request.BaseUrl());

    private static async Task<Created<DataEnvelope<OnboardingLinkDto>>> Create(CreateOnboardingLinkRequest request, ClaimsPrincipal user, HttpContext http,
        PublicLinks links, OnboardingLinkService service, CancellationToken ct)
    {
        var link = await service.CreateAsync(user.ToActor(), request.Name, request.RedirectUrl, Root(http, links), ct);
        return TypedResults.Created($"/v1/onboarding-links/{link.Id}", Envelope.Data(link));
    }

    private static async Task<Ok<ListEnvelope<OnboardingLinkDto>>> List(int? page, int? limit, ClaimsPrincipal user, HttpContext http, PublicLinks links,
        OnboardingLinkService service, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var (items, total) = await service.ListAsync(user.ToActor(), paging.Skip, paging.Limit, Root(http, links), ct);
        return TypedResults.Ok(Envelope.Page(items, paging.Page, paging.Limit, total));
    }

    private static async Task<Ok<DataEnvelope<OnboardingLinkDto>>> Get(Guid id, ClaimsPrincipal user, HttpContext http, PublicLinks links,
        OnboardingLinkService service, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await service.GetAsync(user.ToActor(), id, Root(http, links), ct)));

    private static async Task<Ok<DataEnvelope<OnboardingLinkDto>>> Expire(Guid id, ClaimsPrincipal user, HttpContext http, PublicLinks links,
        OnboardingLinkService service, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await service.ExpireAsync(user.ToActor(), id, Root(http, links), ct)));

    /// <summary>The hosted page: the connect page of a fresh token for an open link; otherwise a page saying why it cannot open.</summary>
    private static async Task<IResult> Hosted(string sealedId, HttpContext http, OnboardingLinkService service, EmbeddedOnboardingService onboarding, CancellationToken ct)
    {
        var hosted = await service.OpenAsync(sealedId, ct);
        var cancel = hosted is { RedirectUrl: { } url, LinkId: { } linkId } ? OnboardingLinkService.Outcome(url, linkId, "cancelled", null, null, null) : null;
        var page = hosted is { Token: { } token, WorkspaceSlug: { } slug }
            ? await onboarding.PageAsync(slug, token, ct)
            : new ConnectPage(hosted.Status is null ? ConnectPageState.UNKNOWN : hosted.Status == OnboardingLinkStatus.COMPLETED ? ConnectPageState.USED : ConnectPageState.EXPIRED,
                "", null, null, null, false, null, null, "", [], null);
        return ConnectPageHtml.Render(http, page, cancel);
    }
}
