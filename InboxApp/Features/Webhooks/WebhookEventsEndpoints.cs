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
        group.MapGet("", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/replay", Replay);

        var admin = api.MapGroup("/admin/webhook-events").WithTags("Event log").RequireAuthorization(AuthSetup.ApiPolicy);
        admin.MapGet("", ListPlatform);
        admin.MapGet("/{id:guid}", GetAny);
        admin.MapPost("/{id:guid}/replay", ReplayAny);
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
