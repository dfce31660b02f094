using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Partners;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Partners;

public sealed record CreatePartnerRequest(
    [property: Required, StringLength(PartnerService.MaxNameLength, MinimumLength = 1)] string Name,
    [property: MaxLength(PartnerService.MaxOrigins)] IReadOnlyList<string>? AllowedOrigins);

public sealed record UpdatePartnerRequest(
    [property: StringLength(PartnerService.MaxNameLength, MinimumLength = 1)] string? Name,
    [property: MaxLength(PartnerService.MaxOrigins)] IReadOnlyList<string>? AllowedOrigins,
    bool? IsActive);

public sealed record CreatePartnerKeyRequest([property: Required, StringLength(100, MinimumLength = 1)] string Name);

public sealed record CreateAccountRequest([property: Required, StringLength(PartnerService.MaxNameLength, MinimumLength = 1)] string Name);

/// <summary>
/// Partners in the admin console (<c>/api/v1/admin/partners</c>, super admins) and a partner's own accounts
/// (<c>/api/v1/accounts</c>, partner keys).
/// </summary>
public static class PartnersEndpoints
{
    public static RouteGroupBuilder MapPartnersEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/partners").WithTags("Partners").RequireAuthorization(AuthSetup.ApiPolicy);
        admin.MapGet("", List)
            .WithSummary("List partners")
            .WithDescription("Every partner with its allowed iframe origins and how many accounts it manages. Super admins only.");
        admin.MapPost("", Create)
            .WithSummary("Create a partner")
            .WithDescription("Creates a partner (a software vendor or agency) with the origins allowed to frame its connect page (`https://host[:port]`, http only for localhost). Super admins only.");
        admin.MapGet("/{id:guid}", Get)
            .WithSummary("Get a partner")
            .WithDescription("One partner. Super admins only.");
        admin.MapPatch("/{id:guid}", Update)
            .WithSummary("Change a partner")
            .WithDescription("Renames the partner, replaces its allowed origins, or turns it off (its keys are then refused). Super admins only.");
        admin.MapGet("/{id:guid}/keys", ListKeys)
            .WithSummary("List a partner's API keys")
            .WithDescription("The partner's keys without their secrets (a prefix to recognise them). Super admins only.");
        admin.MapPost("/{id:guid}/keys", CreateKey)
            .WithSummary("Create a partner API key")
            .WithDescription("Creates a key (`sk_partner_…`) for the partner. The secret is in this answer only: store it now. Super admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, $"A partner can have at most {PartnerService.MaxKeysPerPartner} API keys");
        admin.MapDelete("/{id:guid}/keys/{keyId:guid}", DeleteKey)
            .WithSummary("Delete a partner API key")
            .WithDescription("Revokes the key for good. Super admins only.");
        admin.MapGet("/{id:guid}/accounts", AdminAccounts)
            .WithSummary("List a partner's accounts")
            .WithDescription("The organizations the partner manages, with their workspace slugs. Super admins only.");

        var accounts = api.MapGroup("/accounts").WithTags("Partner accounts").RequireAuthorization(PartnerKeyAuthenticationHandler.Policy);
        accounts.MapGet("", Accounts)
            .WithSummary("List accounts")
            .WithDescription("The partner's client organizations, newest first: `id` is the `X-Account-Id` and `workspaceSlug` the `{slug}` of the WhatsApp onboarding paths. Partner keys (`sk_partner_…`) only.");
        accounts.MapPost("", CreateAccount)
            .WithSummary("Create account")
            .WithDescription("Creates an organization for the partner's customer, managed by the partner. Partner keys only.");
        return api;
    }

    private static async Task<Ok<ListEnvelope<PartnerDto>>> List(ClaimsPrincipal user, PartnerService partners, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await partners.ListAsync(user.ToActor(), ct)));

    private static async Task<Created<DataEnvelope<PartnerDto>>> Create(CreatePartnerRequest request, ClaimsPrincipal user, PartnerService partners, CancellationToken ct)
    {
        var partner = await partners.CreateAsync(user.ToActor(), request.Name, request.AllowedOrigins, ct);
        return TypedResults.Created($"/api/v1/admin/partners/{partner.Id}", Envelope.Data(partner));
    }

    private static async Task<Ok<DataEnvelope<PartnerDto>>> Get(Guid id, ClaimsPrincipal user, PartnerService partners, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await partners.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<PartnerDto>>> Update(Guid id, UpdatePartnerRequest request, ClaimsPrincipal user, PartnerService partners, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await partners.UpdateAsync(user.ToActor(), id, request.Name, request.AllowedOrigins, request.IsActive, ct)));

    private static async Task<Ok<ListEnvelope<PartnerApiKeyDto>>> ListKeys(Guid id, ClaimsPrincipal user, PartnerService partners, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await partners.ListKeysAsync(user.ToActor(), id, ct)));

    private static async Task<Created<DataEnvelope<CreatedPartnerApiKeyDto>>> CreateKey(Guid id, CreatePartnerKeyRequest request, ClaimsPrincipal user,
        PartnerService partners, CancellationToken ct)
    {
        var key = await partners.CreateKeyAsync(user.ToActor(), id, request.Name, ct);
        return TypedResults.Created($"/api/v1/admin/partners/{id}/keys/{key.Id}", Envelope.Data(key));
    }

    private static async Task<NoContent> DeleteKey(Guid id, Guid keyId, ClaimsPrincipal user, PartnerService partners, CancellationToken ct)
    {
        await partners.DeleteKeyAsync(user.ToActor(), id, keyId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ListEnvelope<PartnerAccountDto>>> AdminAccounts(Guid id, ClaimsPrincipal user, PartnerService partners, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await partners.ListAccountsAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<ListEnvelope<PartnerAccountDto>>> Accounts(ClaimsPrincipal user, PartnerService partners, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await partners.ListAccountsAsync(user.ToPartner().PartnerId, ct)));

    private static async Task<Created<DataEnvelope<PartnerAccountDto>>> CreateAccount(CreateAccountRequest request, ClaimsPrincipal user, PartnerService partners, CancellationToken ct)
    {
        var account = await partners.CreateAccountAsync(user.ToPartner(), request.Name, ct);
        return TypedResults.Created($"/api/v1/accounts/{account.Id}", Envelope.Data(account));
    }
}
