using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using InboxApp.Core.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Users;

/// <summary>
/// Adds a member by invitation (ADR 0029). <see cref="Password"/> is refused with a 400: admins set no passwords any more,
/// the person chooses one from the emailed link (a client that still sends one learns it at once instead of believing
/// the account has that password).
/// </summary>
public sealed record CreateUserRequest(
    [property: Required, EmailAddress, StringLength(256)] string Email,
    [property: Required, StringLength(200)] string Name,
    UserRole? Role,
    [property: Description("No longer accepted (400): the person chooses their password from the emailed invitation.")] string? Password = null)
    : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Password is not null)
            yield return new ValidationResult("Admins no longer set passwords: the person chooses one from the emailed invitation", [nameof(Password)]);
    }
}

public sealed record UpdateUserRequest([property: StringLength(200, MinimumLength = 1)] string? Name, UserRole? Role, bool? IsActive);

public sealed record UserStatusRequest([property: Required] OnlineStatus? Status);

public sealed record BulkUserSelectionBody(string? Mode, List<Guid>? Ids, string? Search, string? Role, string? Status);

public sealed record BulkUsersRequest([property: Required] string Action, UserRole? Role, [property: Required] BulkUserSelectionBody Selection) : IValidatableObject
{
    public static readonly IReadOnlyDictionary<string, BulkUserAction> Actions = new Dictionary<string, BulkUserAction>
    {
        ["delete"] = BulkUserAction.Delete,
        ["activate"] = BulkUserAction.Activate,
        ["deactivate"] = BulkUserAction.Deactivate,
        ["change_role"] = BulkUserAction.ChangeRole,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Action is not null && !Actions.ContainsKey(Action))
            yield return new ValidationResult("action must be one of: delete, activate, deactivate, change_role", [nameof(Action)]);
        if (Action == "change_role" && Role is null)
            yield return new ValidationResult("role is required for change_role", [nameof(Role)]);
        if (Selection is null) yield break;
        foreach (var error in BulkSelectionRules.Validate(Selection.Mode, Selection.Ids, "user")) yield return error;
    }
}

public static class UsersEndpoints
{
    public static RouteGroupBuilder MapUsersEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List users")
            .WithDescription("The organization's members, by name, with filters. Supervisors and admins.")
            .WithPaging()
            .WithQuery("search", "Part of a name or an email address.")
            .WithQuery<UserRole>("role", "Only members with this role.")
            .WithQuery<UserStatusFilter>("status", "`ACTIVE`, `INACTIVE` (deactivated) or `INVITED` (made without a password before people joined by invitation only; pending invitees are in `GET /invitations`).");
        group.MapPost("", Create)
            .WithSummary("Add a user")
            .WithDescription("Invites someone to join with a role (default `AGENT`) and answers **202** with the invitation: the address is emailed a link (valid 7 days), and the person becomes a user, with a password of their choosing, when they accept it. The answer is the same for any address that is not a member of your organization, also one with an account elsewhere (whose owner is told by email instead), so it reveals nothing about other organizations. The link is never in the answer. `password` is refused (400). Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.EmailTaken, "A user with this email already exists")
            .ProducesError(StatusCodes.Status409Conflict, InvitationErrors.Pending, "A pending invitation for this email already exists; resend it instead");
        group.MapPost("/bulk", Bulk)
            .WithSummary("Act on many users")
            .WithDescription("`delete`, `activate`, `deactivate` or `change_role` (with `role`) on the users named in `selection` (`mode: ids`) or matching the list's filters (`mode: all`). Users the action cannot apply to (yourself, the last admin) are reported as skipped. Admins only.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Get a user")
            .WithDescription("One member of the organization. Supervisors and admins.");
        group.MapPatch("/{id:guid}", Update)
            .WithSummary("Change a user")
            .WithDescription("Changes the name, the role and/or `isActive` (a deactivated user cannot sign in). Admins only; nobody changes their own role or deactivates themselves, and the last active admin stays.")
            .ProducesError(StatusCodes.Status409Conflict, UserErrors.Self, "You cannot change your own role or deactivate yourself")
            .ProducesError(StatusCodes.Status409Conflict, UserErrors.LastAdmin, "The organization must keep at least one active admin");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Delete a user")
            .WithDescription("Removes the member; their conversations are unassigned, their messages stay. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, UserErrors.Self, "You cannot delete yourself")
            .ProducesError(StatusCodes.Status409Conflict, UserErrors.LastAdmin, "The organization must keep at least one active admin");
        group.MapPatch("/{id:guid}/status", SetStatus)
            .WithSummary("Set a user's presence")
            .WithDescription("`ONLINE`, `AWAY` or `OFFLINE`. Everyone may set their own; supervisors and admins anyone's.");
        group.MapPost("/{id:guid}/resend-invite", ResendInvite)
            .WithSummary("Email a user's invitation again")
            .WithDescription("Emails a new invitation link to a member who has no password yet (the old link stops working; the link is only in the email). Such members were created before users were added by invitation only. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, UserErrors.HasPassword, "This user already has a password and can sign in")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.AccountInactive, "This user is deactivated; activate them first");
        return group;
    }

    private static async Task<Ok<ListEnvelope<UserDto>>> List(
        int? page, int? limit, string? search, string? role, string? status, ClaimsPrincipal user, UserService users, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var result = await users.ListAsync(user.ToActor(), UserQueryValues.Filter(search, role, status), paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<UserDto>>> Get(Guid id, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await users.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Accepted<DataEnvelope<InvitationDto>>> Create(
        CreateUserRequest request, HttpRequest http, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, Envelope.Data(await users.CreateAsync(user.ToActor(), new NewMember(request.Email, request.Name, request.Role), http.BaseUrl(), ct)));

    private static async Task<Ok<DataEnvelope<UserDto>>> Update(Guid id, UpdateUserRequest request, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await users.UpdateAsync(user.ToActor(), id, new UserChanges(request.Name, request.Role, request.IsActive), ct)));

    private static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, UserService users, CancellationToken ct)
    {
        await users.DeleteAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DataEnvelope<UserDto>>> SetStatus(Guid id, UserStatusRequest request, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await users.SetStatusAsync(user.ToActor(), id, request.Status!.Value, ct)));

    private static async Task<Ok<DataEnvelope<InvitationDto>>> ResendInvite(Guid id, HttpRequest http, ClaimsPrincipal user, UserService users, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await users.ResendInviteAsync(user.ToActor(), id, http.BaseUrl(), ct)));

    private static async Task<Ok<DataEnvelope<BulkActionResult>>> Bulk(BulkUsersRequest request, ClaimsPrincipal user, UserService users, CancellationToken ct)
    {
        var s = request.Selection;
        var selection = s.Mode == "all"
            ? new BulkSelection<UserFilter>(null, UserQueryValues.Filter(s.Search, s.Role, s.Status))
            : new BulkSelection<UserFilter>(s.Ids);
        var result = await users.BulkAsync(user.ToActor(), BulkUsersRequest.Actions[request.Action], request.Role, selection, ct);
        return TypedResults.Ok(Envelope.Data(result));
    }
}
