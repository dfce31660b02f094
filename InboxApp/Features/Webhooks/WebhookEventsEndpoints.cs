using System.Globalization;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Webhooks;
using InboxApp.Features.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Webhooks;

/// <summary>
/// The event log: <c>/webhook-events</c> (an organization's admins: its own deliveries) and <c>/admin/webhook-events</c>
/// (super admins: unroutable, malformed and failed deliveries of the whole platform), each with detail and replay.
/// </summary>
public static class WebhookEventsEndpoints
{
    public static RouteGroupBuilder MapWebhookEventsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhook-events").WithTags("Event log").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List webhook deliveries")
            .WithDescription("The event log: deliveries of Meta's webhook for the organization's numbers, newest first, with their processing state. Admins only.")
            .WithPaging()
            .WithQuery<WebhookDeliveryStatus>("status", "Only deliveries in this state.")
            .WithQuery("kind", "Only deliveries carrying this webhook field, such as `messages`, `statuses` or `message_template_status_update` (letters and underscores).")
            .WithQuery("from", "Received at or after this instant or date (ISO 8601, e.g. `2026-01-31T12:00:00Z` or `2026-01-31`).")
            .WithQuery("to", "Received at or before this instant or date (ISO 8601).");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Get a webhook delivery")
            .WithDescription("One delivery with its raw payload, attempts and last error. Admins only.");
        group.MapPost("/{id:guid}/replay", Replay)
            .WithSummary("Process a delivery again")
            .WithDescription("Queues the delivery for processing again with its attempts reset; processing is idempotent, so messages are not duplicated. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, WebhookEventErrors.AlreadyQueued, "This event is already queued for processing");

        var admin = api.MapGroup("/admin/webhook-events").WithTags("Event log").RequireAuthorization(AuthSetup.ApiPolicy);
        admin.MapGet("", ListPlatform)
            .WithSummary("List the platform's problem deliveries")
            .WithDescription("Deliveries of every organization that could not be routed, were malformed or failed, newest first. Super admins only.")
            .WithPaging()
            .WithQuery<WebhookDeliveryStatus>("status", "Only deliveries in this state.")
            .WithQuery("kind", "Only deliveries carrying this webhook field, such as `messages`, `statuses` or `message_template_status_update` (letters and underscores).")
            .WithQuery("from", "Received at or after this instant or date (ISO 8601, e.g. `2026-01-31T12:00:00Z` or `2026-01-31`).")
            .WithQuery("to", "Received at or before this instant or date (ISO 8601).");
        admin.MapGet("/{id:guid}", GetAny)
            .WithSummary("Get any webhook delivery")
            .WithDescription("One delivery of any organization, with its raw payload. Super admins only.");
        admin.MapPost("/{id:guid}/replay", ReplayAny)
            .WithSummary("Process any delivery again")
            .WithDescription("Queues a delivery of any organization for processing again (for instance after connecting the number it was for). Super admins only.")
            .ProducesError(StatusCodes.Status409Conflict, WebhookEventErrors.AlreadyQueued, "This event is already queued for processing");
        return group;
    }

    private static async Task<Ok<ListEnvelope<WebhookEventDto>>> List(int? page, int? limit, string? status, string? kind, string? from, string? to,
        ClaimsPrincipal user, WebhookEventService events, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var result = await events.ListAsync(user.ToActor(), Filter(status, kind, from, to), paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<WebhookEventDetailDto>>> Get(Guid id, ClaimsPrincipal user, WebhookEventService events, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await events.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<WebhookEventDetailDto>>> Replay(Guid id, ClaimsPrincipal user, WebhookEventService events, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await events.ReplayAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<ListEnvelope<WebhookEventDto>>> ListPlatform(int? page, int? limit, string? status, string? kind, string? from, string? to,
        ClaimsPrincipal user, WebhookEventService events, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var result = await events.ListPlatformProblemsAsync(user.ToActor(), Filter(status, kind, from, to), paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<WebhookEventDetailDto>>> GetAny(Guid id, ClaimsPrincipal user, WebhookEventService events, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await events.GetAnyAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<WebhookEventDetailDto>>> ReplayAny(Guid id, ClaimsPrincipal user, WebhookEventService events, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await events.ReplayAnyAsync(user.ToActor(), id, ct)));

    private static WebhookEventFilter Filter(string? status, string? kind, string? from, string? to) =>
        new(QueryValues.Enum<WebhookDeliveryStatus>(status, "status"), string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(), Time(from, "from"), Time(to, "to"));

    /// <summary>An ISO 8601 instant (<c>2026-01-31T12:00:00Z</c>) or a date (<c>2026-01-31</c>, midnight UTC).</summary>
    private static DateTimeOffset? Time(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t;
        throw InboxException.Invalid(field, $"{field} must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z");
    }
}
