using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using InboxApp.Features.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Invitations;

public sealed record CreateInvitationRequest(
    [property: Required, EmailAddress, StringLength(256)] string Email,
    UserRole? Role,
    [property: StringLength(200)] string? Name);

/// <summary>Items are checked one by one by the service, so one bad line is reported in its result instead of failing the batch.</summary>
public sealed record BulkInvitationsRequest(
    [property: Required, MinLength(1), MaxLength(InvitationService.MaxBulk)] List<BulkInvitationItem?> Invitations);

public sealed record BulkInvitationItem(string? Email, UserRole? Role, string? Name);

public sealed record AcceptInvitationRequest(
    [property: StringLength(200)] string? Name,
    [property: Required, StringLength(PasswordPolicy.MaxLength)] string Password);

public static class InvitationsEndpoints
{
    public static RouteGroupBuilder MapInvitationsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/invitations").WithTags("Invitations");

        var signedIn = group.MapGroup("").RequireAuthorization(AuthSetup.ApiPolicy);
        signedIn.MapGet("", List)
            .WithSummary("List invitations")
            .WithDescription("The organization's invitations, newest first. Supervisors and admins.")
            .WithPaging()
            .WithQuery<InvitationStatus>("status", "Only invitations in this state.");
        signedIn.MapPost("", Create)
            .WithSummary("Invite someone")
            .WithDescription("Emails an invitation link (valid 7 days) to join the organization with a role (default `AGENT`). The link is only in the email, never in the answer; the answer is the same for any address that is not a member of your organization, also one with an account elsewhere (whose owner is told by email instead). Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.EmailTaken, "A user with this email already exists")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Pending, "A pending invitation for this email already exists; resend it instead");
        signedIn.MapPost("/bulk", CreateMany)
            .WithSummary("Invite many people")
            .WithDescription("Invites up to 100 addresses at once. Each line is checked on its own: the answer lists, in order, the invitation created or the error of that line. Admins only.");
        signedIn.MapPost("/{id:guid}/resend", Resend)
            .WithSummary("Resend an invitation")
            .WithDescription("Emails a pending invitation again with a new link and a new expiry; the old link stops working. The link is only in the email. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Accepted, "The invitation was already accepted")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Revoked, "The invitation was revoked");
        signedIn.MapDelete("/{id:guid}", Revoke)
            .WithSummary("Revoke an invitation")
            .WithDescription("The link stops working. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Accepted, "The invitation was already accepted");

        var open = group.MapGroup("").RequireRateLimiting(RateLimits.Auth);
        open.MapGet("/token/{token}", Lookup).AllowAnonymous()
            .WithSummary("Look up an invitation link")
            .WithDescription("What the accept page shows: the organization, the role, the invited address and the invitation's status (an expired or revoked one is answered with its status). No credential needed: the token is the secret.");
        open.MapPost("/accept/{token}", Accept).AllowAnonymous()
            .WithSummary("Accept an invitation")
            .WithDescription("Creates the account with the chosen password (and name), joins the organization and signs in: the answer carries tokens. No credential needed: the token is the secret.")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Expired, "The invitation has expired; ask an admin to send a new one")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Accepted, "The invitation is no longer valid")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.EmailTaken, "An account with this email already exists; sign in instead");
        return group;
    }

    private static async Task<Ok<ListEnvelope<InvitationDto>>> List(
        int? page, int? limit, string? status, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var result = await invitations.ListAsync(user.ToActor(), QueryValues.Enum<InvitationStatus>(status, "status"), paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Created<DataEnvelope<InvitationDto>>> Create(
        CreateInvitationRequest request, HttpRequest http, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct)
    {
        var created = await invitations.CreateAsync(user.ToActor(), new NewInvitation(request.Email, request.Role, request.Name), http.BaseUrl(), ct);
        return TypedResults.Created($"/api/v1/invitations/{created.Id}", Envelope.Data(created));
    }

    private static async Task<Ok<ListEnvelope<BulkInvitationResult>>> CreateMany(
        BulkInvitationsRequest request, HttpRequest http, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct)
    {
        var items = request.Invitations.Select(i => i is null ? null : new NewInvitation(i.Email, i.Role, i.Name)).ToList();
        return TypedResults.Ok(Envelope.All(await invitations.CreateManyAsync(user.ToActor(), items, http.BaseUrl(), ct)));
    }

    private static async Task<Ok<DataEnvelope<InvitationDto>>> Resend(Guid id, HttpRequest http, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await invitations.ResendAsync(user.ToActor(), id, http.BaseUrl(), ct)));

    private static async Task<NoContent> Revoke(Guid id, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct)
    {
        await invitations.RevokeAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DataEnvelope<InvitationLookupDto>>> Lookup(string token, InvitationService invitations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await invitations.LookupAsync(token, ct)));

    private static async Task<Ok<DataEnvelope<AuthTokens>>> Accept(string token, AcceptInvitationRequest request, InvitationService invitations, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await invitations.AcceptAsync(token, request.Name, request.Password, ct)));
}
