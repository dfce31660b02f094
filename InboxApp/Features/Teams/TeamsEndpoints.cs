using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Core.Common;
using InboxApp.Auth;
using InboxApp.Core.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Teams;

public sealed record CreateTeamRequest(
    [property: Required, StringLength(TeamRules.MaxNameLength)] string Name,
    [property: StringLength(TeamRules.MaxDescriptionLength)] string? Description);

public sealed record UpdateTeamRequest(
    [property: StringLength(TeamRules.MaxNameLength, MinimumLength = 1)] string? Name,
    [property: StringLength(TeamRules.MaxDescriptionLength)] string? Description,
    bool? IsActive);

public sealed record AddTeamMemberRequest([property: Required] Guid? UserId, TeamRole? Role);

public sealed record TeamMemberRoleRequest([property: Required] TeamRole? Role);

/// <summary>
/// <c>/teams</c>: everyone reads; admins (and API keys) create, change, deactivate and manage members. Supervisors do not
/// manage teams: the CX seed marks every write as admin only.
/// </summary>
public static class TeamsEndpoints
{
    public static RouteGroupBuilder MapTeamsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/teams").WithTags("Teams").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List teams")
            .WithDescription("The organization's teams with their member counts, by name. Any member.")
            .WithQuery("includeInactive", "`true` to include deactivated teams.", @default: false);
        group.MapPost("", Create)
            .WithSummary("Create a team")
            .WithDescription("Creates a team with a unique name. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "A team with this name already exists");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Get a team")
            .WithDescription("One team with its members and their team roles. Any member.");
        group.MapPatch("/{id:guid}", Update)
            .WithSummary("Change a team")
            .WithDescription("Renames the team, changes its description and/or turns it on or off (`isActive`). Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "A team with this name already exists");
        group.MapDelete("/{id:guid}", Deactivate)
            .WithSummary("Deactivate a team")
            .WithDescription("Turns the team off: it leaves lists and routing, its conversations keep it. Admins only.");
        group.MapPost("/{id:guid}/members", AddMember)
            .WithSummary("Add a team member")
            .WithDescription("Adds `userId` (a member of the organization) to the team as `MEMBER` (default) or `LEAD`. Admins only.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "User not found")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Grace Hopper is already a member of this team");
        group.MapPatch("/{id:guid}/members/{userId:guid}", SetMemberRole)
            .WithSummary("Change a member's team role")
            .WithDescription("Makes a member of the team `MEMBER` or `LEAD`. Admins only.");
        group.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMember)
            .WithSummary("Remove a team member")
            .WithDescription("Takes the user out of the team. Admins only.");
        return group;
    }

    private static async Task<Ok<ListEnvelope<TeamDto>>> List(bool? includeInactive, ClaimsPrincipal user, TeamService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await teams.ListAsync(user.ToActor(), includeInactive ?? false, ct)));

    private static async Task<Created<DataEnvelope<TeamDetailDto>>> Create(CreateTeamRequest request, ClaimsPrincipal user, TeamService teams, CancellationToken ct)
    {
        var team = await teams.CreateAsync(user.ToActor(), request.Name, request.Description, ct);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", Envelope.Data(team));
    }

    private static async Task<Ok<DataEnvelope<TeamDetailDto>>> Get(Guid id, ClaimsPrincipal user, TeamService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<TeamDetailDto>>> Update(Guid id, UpdateTeamRequest request, ClaimsPrincipal user, TeamService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.UpdateAsync(user.ToActor(), id, new TeamChanges(request.Name, request.Description, request.IsActive), ct)));

    private static async Task<NoContent> Deactivate(Guid id, ClaimsPrincipal user, TeamService teams, CancellationToken ct)
    {
        await teams.DeactivateAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<DataEnvelope<TeamDetailDto>>> AddMember(Guid id, AddTeamMemberRequest request, ClaimsPrincipal user, TeamService teams, CancellationToken ct)
    {
        var team = await teams.AddMemberAsync(user.ToActor(), id, request.UserId!.Value, request.Role, ct);
        return TypedResults.Created($"/api/v1/teams/{id}", Envelope.Data(team));
    }

    private static async Task<Ok<DataEnvelope<TeamDetailDto>>> SetMemberRole(Guid id, Guid userId, TeamMemberRoleRequest request, ClaimsPrincipal user, TeamService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.SetMemberRoleAsync(user.ToActor(), id, userId, request.Role!.Value, ct)));

    private static async Task<NoContent> RemoveMember(Guid id, Guid userId, ClaimsPrincipal user, TeamService teams, CancellationToken ct)
    {
        await teams.RemoveMemberAsync(user.ToActor(), id, userId, ct);
        return TypedResults.NoContent();
    }
}
