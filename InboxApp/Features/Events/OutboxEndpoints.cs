using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Events;

/// <summary>
/// The event outbox for super admins, beside <c>/admin/webhook-events</c>: <c>GET /admin/outbox</c> (filter by status,
/// listener, organization), <c>GET /admin/outbox/counts</c>, <c>GET /admin/outbox/{id}</c> (with the event's JSON) and
/// <c>POST /admin/outbox/{id}/replay</c>. Everyone else gets 403.
/// </summary>
public static class OutboxEndpoints
{
    public static RouteGroupBuilder MapOutboxEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/outbox").WithTags("Event outbox").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List);
        group.MapGet("/counts", Counts);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/replay", Replay);
        return group;
    }

    private static async Task<Ok<ListEnvelope<OutboxDeliveryDto>>> List(int? page, int? limit, string? status, string? listener, string? organizationId,
        ClaimsPrincipal user, OutboxAdminService outbox, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var filter = new OutboxFilter(QueryValues.Enum<OutboxDeliveryStatus>(status, "status"),
            string.IsNullOrWhiteSpace(listener) ? null : listener.Trim(), QueryValues.Guid(organizationId, "organizationId"));
        var result = await outbox.ListAsync(user.ToActor(), filter, paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<OutboxCounts>>> Counts(ClaimsPrincipal user, OutboxAdminService outbox, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await outbox.CountsAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<OutboxDeliveryDto>>> Get(Guid id, ClaimsPrincipal user, OutboxAdminService outbox, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await outbox.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<OutboxDeliveryDto>>> Replay(Guid id, ClaimsPrincipal user, OutboxAdminService outbox, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await outbox.ReplayAsync(user.ToActor(), id, ct)));
}
