using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Serialization;
using InboxApp.Api;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Partners;
using InboxApp.Features.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace InboxApp.Features.Partners;

public sealed record ConnectTokenResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("connect_url")] string ConnectUrl);

/// <summary>The body the connect page posts: the page token and what Embedded Signup gave it (or <c>sandbox: true</c>).</summary>
public sealed record OnboardRequest(
    [property: JsonPropertyName("token"), Required, StringLength(200, MinimumLength = 1)] string Token,
    [property: JsonPropertyName("code"), StringLength(2000)] string? Code,
    [property: JsonPropertyName("waba_id"), StringLength(64)] string? WabaId,
    [property: JsonPropertyName("phone_number_id"), StringLength(64)] string? PhoneNumberId,
    [property: JsonPropertyName("business_id"), StringLength(64)] string? BusinessId,
    [property: JsonPropertyName("sandbox")] bool? Sandbox);

public sealed record OnboardResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("waba_status")] string WabaStatus,
    [property: JsonPropertyName("phone_status")] string PhoneStatus,
    [property: JsonPropertyName("redirect_url")] string? RedirectUrl);

public sealed record DisconnectWorkspaceResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("disconnected_accounts")] int DisconnectedAccounts);

/// <summary>
/// The partner's embedded WhatsApp onboarding, <c>/api/v1/workspace/{slug}/whatsapp/…</c>, in the seed's shape (snake_case,
/// <c>{success, …}</c>, no envelope): mint a connect token (partner key + <c>X-Account-Id</c>), the connect page for the
/// iframe, onboard (called by that page with the token), disconnect.
/// </summary>
public static class WorkspaceWhatsAppEndpoints
{
    public const string AccountHeader = "X-Account-Id";

    public static RouteGroupBuilder MapWorkspaceWhatsAppEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workspace/{slug}/whatsapp").WithTags("Partner onboarding");
        group.MapPost("/connect-token", Mint).RequireAuthorization(PartnerKeyAuthenticationHandler.Policy)
            .WithSummary("Mint a WhatsApp Business connect page token")
            .WithDescription("Mints a short-lived (`Partners:ConnectTokenMinutes`, default 15) single-use page token bound to one workspace and one account (`X-Account-Id`, one of the partner's accounts). Put `connect_url` in an iframe on one of the partner's allowed origins: the end user completes Meta's Embedded Signup there and the page finalizes the integration with onboard. The partner key never reaches the browser. Partner keys (`sk_partner_…`) only.")
            .ProducesError(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The X-Account-Id header is missing or not a UUID");
        group.MapGet("/connect-page", Page).AllowAnonymous()
            .WithSummary("Render the WhatsApp Business connect iframe page")
            .WithDescription("An HTML page made for the partner's iframe (`Content-Security-Policy: frame-ancestors` lists only the partner's registered origins). It runs Meta's Embedded Signup with the platform's app id and configuration id, or, when the platform has no Meta app configured, offers \"Connect a sandbox number\". An unknown (404), expired or used (410) token shows a page saying so, never the signup. No credential: the token is the credential.")
            .WithQuery("token", "The page token from connect-token.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "The token is unknown or belongs to another workspace (answered as an HTML page)");
        group.MapPost("/onboard", Onboard).AllowAnonymous()
            .WithSummary("Finalize WhatsApp Business onboarding (iframe-initiated)")
            .WithDescription("Called from the connect page with the page token and `X-Account-Id`. Atomically reserves the token (of two calls with one token one wins, the other gets 409), exchanges the OAuth `code` for an access token, subscribes the app to the WABA, stores the account and number, then best-effort registers the phone number: on failure the workspace stays WABA-connected and `phone_status` is `registration_failed`. With `sandbox: true` (only when the platform has no Meta app) it connects a sandbox number instead. For an onboarding link's page, `redirect_url` carries the outcome.")
            .ProducesError(StatusCodes.Status403Forbidden, EmbeddedOnboardingService.TokenExpiredCode, "The connect token has expired: ask for a new connect page")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Connect token not found (unknown, or of another workspace or account)")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This connect token was already used: ask for a new connect page")
            .ProducesError(StatusCodes.Status400BadRequest, MetaAppConfigService.NotConfiguredCode, "No Meta app is configured for Embedded Signup")
            .ProducesError(StatusCodes.Status502BadGateway, "META_UNAVAILABLE", "Meta could not be reached or refused the request");
        group.MapDelete("", Disconnect).RequireAuthorization(PartnerKeyAuthenticationHandler.Policy)
            .WithSummary("Disconnect WhatsApp Business integration")
            .WithDescription("Disconnects every connected WhatsApp account of the workspace (`X-Account-Id`): the app is unsubscribed from the WABA, the token forgotten, the numbers stop sending and receiving; conversations are kept. Partner keys only.")
            .ProducesError(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The X-Account-Id header is missing or not a UUID");
        return group;
    }

    private static async Task<Ok<ConnectTokenResponse>> Mint(string slug, [FromHeader(Name = AccountHeader)] string? accountId, ClaimsPrincipal user,
        HttpContext http, EmbeddedOnboardingService onboarding, PublicLinks links, CancellationToken ct)
    {
        var minted = await onboarding.MintAsync(user.ToPartner(), slug, Account(accountId), links.Root(http.Request.BaseUrl()), ct);
        return TypedResults.Ok(new ConnectTokenResponse(true, minted.Token, minted.ExpiresAt, minted.ConnectUrl));
    }

    private static async Task<IResult> Page(string slug, string? token, HttpContext http, EmbeddedOnboardingService onboarding, CancellationToken ct) =>
        ConnectPageHtml.Render(http, await onboarding.PageAsync(slug, token, ct));

    private static async Task<Ok<OnboardResponse>> Onboard(string slug, [FromHeader(Name = AccountHeader)] string? accountId, OnboardRequest request,
        EmbeddedOnboardingService onboarding, CancellationToken ct)
    {
        var result = await onboarding.OnboardAsync(slug, Account(accountId), request.Token, request.Sandbox == true,
            request.Code, request.WabaId, request.PhoneNumberId, request.BusinessId, ct);
        return TypedResults.Ok(new OnboardResponse(true, result.WabaStatus, result.PhoneStatus, result.RedirectUrl));
    }

    private static async Task<Ok<DisconnectWorkspaceResponse>> Disconnect(string slug, [FromHeader(Name = AccountHeader)] string? accountId, ClaimsPrincipal user,
        EmbeddedOnboardingService onboarding, CancellationToken ct) =>
        TypedResults.Ok(new DisconnectWorkspaceResponse(true, await onboarding.DisconnectAsync(user.ToPartner(), slug, Account(accountId), ct)));

    internal static Guid Account(string? header) =>
        Guid.TryParse(header, out var id) ? id : throw InboxException.Invalid(AccountHeader, "The X-Account-Id header must be the account's UUID");
}
