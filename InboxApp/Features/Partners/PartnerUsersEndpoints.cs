using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using InboxApp.Core.Partners;
using InboxApp.Features.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace InboxApp.Features.Partners;

/// <summary>A person the partner invites into one of its accounts; the role is required (the first user is usually its ADMIN).</summary>
public sealed record InviteAccountUserRequest(
    [property: Required, EmailAddress, StringLength(InviteeRules.MaxEmailLength)] string Email,
    [property: Required, StringLength(InviteeRules.MaxNameLength)] string Name,
    [property: Required] UserRole? Role);

/// <summary>
/// A partner brings people into the accounts it created (<c>/api/v1/workspace/{slug}/users</c> and <c>…/invitations</c>, partner key +
/// <c>X-Account-Id</c>): the organization's invitation flow (the link by mail only, 7 days, accepted at <c>/invite/{token}</c>),
/// acting as the account's ADMIN. Another partner's account is not found.
/// </summary>
public static class PartnerUsersEndpoints
{
    public static RouteGroupBuilder MapPartnerUsersEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workspace/{slug}").WithTags("Partner accounts").RequireAuthorization(PartnerKeyAuthenticationHandler.Policy);
        group.MapPost("/users", Invite)
            .WithSummary("Invite a user into an account")
            .WithDescription("Invites someone into the account (`X-Account-Id`, one of the partner's accounts) with a role (`ADMIN` for its first administrator, "
                + "`SUPERVISOR` or `AGENT`) and answers **202** with the invitation, as `POST /api/v1/users` does for the organization's admins: the address is "
                + "emailed a link (valid 7 days) and becomes a user, with a password of their choosing, when they accept it. The link is never in the answer. "
                + "Partner keys (`sk_partner_…`) only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.EmailTaken, "A user with this email already exists")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Pending, "A pending invitation for this email already exists; resend it instead")
            .ProducesError(StatusCodes.Status409Conflict, PublicLinks.NotConfiguredCode, "Links cannot be made until the server's public address is configured (Auth:PublicBaseUrl)");
        group.MapGet("/invitations", List)
            .WithSummary("List an account's invitations")
            .WithDescription("The account's invitations (`X-Account-Id`), newest first, with their status (`ACCEPTED` once the person joined). Partner keys only.")
            .WithPaging()
            .WithQuery<InvitationStatus>("status", "Only invitations in this state.")
            .ProducesError(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The X-Account-Id header is missing or not a UUID");
        group.MapPost("/invitations/{id:guid}/resend", Resend)
            .WithSummary("Resend an account's invitation")
            .WithDescription("Emails a pending or expired invitation of the account again with a new link and expiry; the old link stops working. Partner keys only.")
            .ProducesError(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The X-Account-Id header is missing or not a UUID")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Accepted, "The invitation was already accepted")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Revoked, "The invitation was revoked");
        group.MapDelete("/invitations/{id:guid}", Revoke)
            .WithSummary("Revoke an account's invitation")
            .WithDescription("The invitation's link stops working. Partner keys only.")
            .ProducesError(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The X-Account-Id header is missing or not a UUID")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Accepted, "The invitation was already accepted");
        return api;
    }

    private static Task<Actor> ActorAsync(string slug, string? accountId, ClaimsPrincipal user, PartnerService partners, CancellationToken ct) =>
        partners.AccountActorAsync(user.ToPartner(), slug, WorkspaceWhatsAppEndpoints.Account(accountId), ct);

    private static async Task<Accepted<DataEnvelope<InvitationDto>>> Invite(string slug, [FromHeader(Name = WorkspaceWhatsAppEndpoints.AccountHeader)] string? accountId,
        InviteAccountUserRequest request, HttpRequest http, ClaimsPrincipal user, PartnerService partners, InvitationService invitations, CancellationToken ct)
    {
        var actor = await ActorAsync(slug, accountId, user, partners, ct);
        var name = InviteeRules.Name(request.Name, required: true);
        var created = await invitations.CreateAsync(actor, new NewInvitation(request.Email, request.Role, name), http.BaseUrl(), ct);
        return TypedResults.Accepted((string?)null, Envelope.Data(created));
    }

    private static async Task<Ok<ListEnvelope<InvitationDto>>> List(string slug, [FromHeader(Name = WorkspaceWhatsAppEndpoints.AccountHeader)] string? accountId,
        int? page, int? limit, string? status, ClaimsPrincipal user, PartnerService partners, InvitationService invitations, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var filter = QueryValues.Enum<InvitationStatus>(status, "status");
        var actor = await ActorAsync(slug, accountId, user, partners, ct);
        var result = await invitations.ListAsync(actor, filter, paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<InvitationDto>>> Resend(string slug, Guid id, [FromHeader(Name = WorkspaceWhatsAppEndpoints.AccountHeader)] string? accountId,
        HttpRequest http, ClaimsPrincipal user, PartnerService partners, InvitationService invitations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await invitations.ResendAsync(await ActorAsync(slug, accountId, user, partners, ct), id, http.BaseUrl(), ct)));

    private static async Task<NoContent> Revoke(string slug, Guid id, [FromHeader(Name = WorkspaceWhatsAppEndpoints.AccountHeader)] string? accountId,
        ClaimsPrincipal user, PartnerService partners, InvitationService invitations, CancellationToken ct)
    {
        await invitations.RevokeAsync(await ActorAsync(slug, accountId, user, partners, ct), id, ct);
        return TypedResults.NoContent();
    }
}
