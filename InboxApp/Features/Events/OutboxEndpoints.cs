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
        group.MapGet("", List)
            .WithSummary("List event deliveries")
            .WithDescription("Rows of the event outbox (one per durable listener and event), newest first, with their state, attempts and last error. Super admins only.")
            .WithPaging()
            .WithQuery<OutboxDeliveryStatus>("status", "Only deliveries in this state.")
            .WithQuery("listener", "Only deliveries to this listener (its class name).")
            .WithQuery("organizationId", "Only events of this organization (its id).");
        group.MapGet("/counts", Counts)
            .WithSummary("Count event deliveries")
            .WithDescription("How many outbox rows are pending, delivered and poisoned. Super admins only.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Get an event delivery")
            .WithDescription("One outbox row with the event's JSON. Super admins only.");
        group.MapPost("/{id:guid}/replay", Replay)
            .WithSummary("Deliver an event again")
            .WithDescription("Queues the row for delivery again with its attempts reset (listeners are idempotent, so a delivered row may be replayed). Super admins only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This delivery is being delivered right now; try again in a moment");
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
