using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.OutgoingWebhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.OutgoingWebhooks;

public sealed record CreateOutgoingWebhookRequest(
    [property: Required, StringLength(OutgoingWebhook.MaxUrlLength, MinimumLength = 1)] string Url,
    [property: Required, MinLength(1), MaxLength(20)] IReadOnlyList<string> Events,
    [property: StringLength(200)] string? Secret);

public sealed record UpdateOutgoingWebhookRequest(
    [property: StringLength(OutgoingWebhook.MaxUrlLength, MinimumLength = 1)] string? Url,
    [property: MinLength(1), MaxLength(20)] IReadOnlyList<string>? Events,
    bool? IsActive);

public sealed record RotateOutgoingWebhookSecretRequest([property: StringLength(200)] string? Secret);

public static class OutgoingWebhooksEndpoints
{
    /// <summary>Maps <c>/v1/outgoing-webhooks</c> (the public API's prefix, org API keys and bearer tokens, <c>{data, meta}</c> envelope).</summary>
    public static RouteGroupBuilder MapOutgoingWebhooksEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/v1/outgoing-webhooks").AddEndpointFilter<ValidationFilter>()
            .WithTags("Outgoing webhooks").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", List)
            .WithSummary("List webhooks")
            .WithDescription("The organization's partner webhooks, newest first, without their secrets. Admins and API keys only.");
        group.MapPost("", Create)
            .WithSummary("Register a webhook")
            .WithDescription("Posts the chosen events to `url`, signed as Standard Webhooks define (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>` keyed with the base64 part of the secret after `whsec_`). Without `secret` one is generated; the secret is in this answer only. The URL must be https and resolve to public addresses only. Admins and API keys only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "An organization can have at most 20 webhooks");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Get a webhook")
            .WithDescription("One webhook without its secret (`secretHint` shows its end). Admins and API keys only.");
        group.MapPatch("/{id:guid}", Update)
            .WithSummary("Change a webhook")
            .WithDescription("Changes `url`, `events` and/or `isActive`. Turning a webhook on again (after it was turned off for failing) clears its failure count and resumes its pending deliveries. Admins and API keys only.");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Delete a webhook")
            .WithDescription("Removes the webhook and its delivery log; nothing more is sent to it. Admins and API keys only.");
        group.MapPost("/{id:guid}/test", Test)
            .WithSummary("Send a test event")
            .WithDescription("Sends a signed `webhook.test` event now and answers with the attempt's outcome (status code, latency, body excerpt); a test is not retried. Admins and API keys only.");
        group.MapPost("/{id:guid}/rotate-secret", Rotate)
            .WithSummary("Rotate a webhook's secret")
            .WithDescription("Replaces the secret with `secret` or a generated one (in this answer only). The previous secret keeps signing beside the new one (two space-separated signatures) until `previousSecretExpiresAt` (`OutgoingWebhooks:SecretRotationOverlap`, a day by default). Admins and API keys only.");
        group.MapGet("/{id:guid}/deliveries", Deliveries)
            .WithSummary("List a webhook's deliveries")
            .WithDescription("The delivery log, newest first: event, status, attempts, last response code, latency and the first kilobyte of the answer. Admins and API keys only.")
            .WithPaging()
            .WithQuery<OutgoingWebhookDeliveryStatus>("status", "Only deliveries in this state.");
        group.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", Delivery)
            .WithSummary("Get a delivery")
            .WithDescription("One delivery with its payload and last outcome. Admins and API keys only.");
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver)
            .WithSummary("Redeliver")
            .WithDescription("Queues the delivery again now with the same `webhook-id` (retried for a new window if it fails). Admins and API keys only.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "This delivery is being sent right now");
        return group;
    }

    private static async Task<Ok<ListEnvelope<OutgoingWebhookDto>>> List(ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await hooks.ListAsync(user.ToActor(), ct)));

    private static async Task<Created<DataEnvelope<OutgoingWebhookDto>>> Create(CreateOutgoingWebhookRequest request, ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct)
    {
        var hook = await hooks.CreateAsync(user.ToActor(), request.Url, request.Events, request.Secret, ct);
        return TypedResults.Created($"/v1/outgoing-webhooks/{hook.Id}", Envelope.Data(hook));
    }

    private static async Task<Ok<DataEnvelope<OutgoingWebhookDto>>> Get(Guid id, ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await hooks.GetAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<OutgoingWebhookDto>>> Update(Guid id, UpdateOutgoingWebhookRequest request, ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await hooks.UpdateAsync(user.ToActor(), id, request.Url, request.Events, request.IsActive, ct)));

    private static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct)
    {
        await hooks.DeleteAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DataEnvelope<OutgoingWebhookDeliveryDto>>> Test(Guid id, ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await hooks.TestAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<OutgoingWebhookDto>>> Rotate(Guid id, RotateOutgoingWebhookSecretRequest? request, ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await hooks.RotateSecretAsync(user.ToActor(), id, request?.Secret, ct)));

    private static async Task<Ok<ListEnvelope<OutgoingWebhookDeliveryDto>>> Deliveries(Guid id, int? page, int? limit, string? status, ClaimsPrincipal user,
        OutgoingWebhookService hooks, CancellationToken ct)
    {
        var paging = PageQuery.From(page, limit);
        var result = await hooks.DeliveriesAsync(user.ToActor(), id, QueryValues.Enum<OutgoingWebhookDeliveryStatus>(status, "status"), paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<OutgoingWebhookDeliveryDto>>> Delivery(Guid id, Guid deliveryId, ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await hooks.DeliveryAsync(user.ToActor(), id, deliveryId, ct)));

    private static async Task<Ok<DataEnvelope<OutgoingWebhookDeliveryDto>>> Redeliver(Guid id, Guid deliveryId, ClaimsPrincipal user, OutgoingWebhookService hooks, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await hooks.RedeliverAsync(user.ToActor(), id, deliveryId, ct)));
}
