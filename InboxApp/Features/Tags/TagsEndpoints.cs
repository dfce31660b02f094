using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
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
        group.MapGet("", List);
        group.MapPost("", Create);
        group.MapGet("/colors", Colors);
        group.MapPut("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Delete);
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
