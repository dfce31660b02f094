using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Core.Common;
using InboxApp.Auth;
using InboxApp.Core.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.ApiKeys;

public sealed record CreateApiKeyRequest([property: Required, StringLength(100, MinimumLength = 1)] string Name, DateTimeOffset? ExpiresAt);

public sealed record UpdateApiKeyRequest([property: StringLength(100, MinimumLength = 1)] string? Name, bool? IsActive);

public static class ApiKeysEndpoints
{
    public static RouteGroupBuilder MapApiKeysEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List API keys")
            .WithDescription("The organization's API keys, newest first, without their secrets (only a prefix to recognise them). Admins only.");
        group.MapPost("", Create)
            .WithSummary("Create an API key")
            .WithDescription("Creates a key (`sk_org_…`) that acts as an admin of the organization. The secret is in this answer only: store it now. `expiresAt` is optional. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, $"An organization can have at most {ApiKeyService.MaxKeysPerOrganization} API keys");
        group.MapPatch("/{id:guid}", Update)
            .WithSummary("Rename or turn off an API key")
            .WithDescription("Changes the name and/or `isActive`; a turned-off key is refused until it is turned on again. Admins only.");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Delete an API key")
            .WithDescription("Revokes the key for good. Admins only.");
        return group;
    }

    private static async Task<Ok<ListEnvelope<ApiKeyDto>>> List(ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await keys.ListAsync(user.ToActor(), ct)));

    private static async Task<Created<DataEnvelope<CreatedApiKeyDto>>> Create(CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        var key = await keys.CreateAsync(user.ToActor(), request.Name, request.ExpiresAt, ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", Envelope.Data(key));
    }

    private static async Task<Ok<DataEnvelope<ApiKeyDto>>> Update(Guid id, UpdateApiKeyRequest request, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await keys.UpdateAsync(user.ToActor(), id, request.Name, request.IsActive, ct)));

    private static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        await keys.DeleteAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }
}
