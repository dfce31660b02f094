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

public sealed record CreateUserRequest(
    [property: Required, EmailAddress, StringLength(256)] string Email,
    [property: Required, StringLength(200)] string Name,
    UserRole? Role,
    [property: StringLength(PasswordPolicy.MaxLength)] string? Password);

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
        group.MapGet("", List);
        group.MapPost("", Create);
        group.MapPost("/bulk", Bulk);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Delete);
        group.MapPatch("/{id:guid}/status", SetStatus);
        group.MapPost("/{id:guid}/resend-invite", ResendInvite);
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

    private static async Task<Created<DataEnvelope<CreatedUserDto>>> Create(
        CreateUserRequest request, HttpRequest http, ClaimsPrincipal user, UserService users, CancellationToken ct)
    {
        var created = await users.CreateAsync(user.ToActor(), new NewMember(request.Email, request.Name, request.Role, request.Password), http.BaseUrl(), ct);
        return TypedResults.Created($"/api/v1/users/{created.Id}", Envelope.Data(created));
    }

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
