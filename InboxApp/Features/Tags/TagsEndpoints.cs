using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Core.Common;
using InboxApp.Auth;
using InboxApp.Core.Tags;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Tags;

public sealed record TagRequest(
    [property: Required, StringLength(TagRules.MaxNameLength)] string Name,
    [property: Required, StringLength(7)] string Color);

/// <summary><c>/tags</c>: everyone reads; supervisors, admins and API keys write. Adding a tag to a conversation is a conversation endpoint.</summary>
public static class TagsEndpoints
{
    public static RouteGroupBuilder MapTagsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tags").WithTags("Tags").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List tags")
            .WithDescription("The organization's tags by name, with how many conversations carry each. Any member.");
        group.MapPost("", Create)
            .WithSummary("Create a tag")
            .WithDescription("Creates a tag with a unique name (case-insensitive) and a color of the palette (`GET /tags/colors`). Supervisors and admins.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "A tag with this name already exists");
        group.MapGet("/colors", Colors)
            .WithSummary("List tag colors")
            .WithDescription("The palette tags take their color from: a name and a hex value each. Any member.");
        group.MapPut("/{id:guid}", Update)
            .WithSummary("Change a tag")
            .WithDescription("Renames and recolors a tag; conversations keep it. Supervisors and admins.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "A tag with this name already exists");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Delete a tag")
            .WithDescription("Deletes the tag and removes it from every conversation. Supervisors and admins.");
        return group;
    }

    private static async Task<Ok<ListEnvelope<TagDto>>> List(ClaimsPrincipal user, TagService tags, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await tags.ListAsync(user.ToActor(), ct)));

    private static Ok<ListEnvelope<TagColor>> Colors() => TypedResults.Ok(Envelope.All(TagPalette.Colors));

    private static async Task<Created<DataEnvelope<TagDto>>> Create(TagRequest request, ClaimsPrincipal user, TagService tags, CancellationToken ct)
    {
        var tag = await tags.CreateAsync(user.ToActor(), request.Name, request.Color, ct);
        return TypedResults.Created($"/api/v1/tags/{tag.Id}", Envelope.Data(tag));
    }

    private static async Task<Ok<DataEnvelope<TagDto>>> Update(Guid id, TagRequest request, ClaimsPrincipal user, TagService tags, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await tags.UpdateAsync(user.ToActor(), id, request.Name, request.Color, ct)));

    private static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, TagService tags, CancellationToken ct)
    {
        await tags.DeleteAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }
}
