using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Messaging;

/// <summary>
/// <c>{ type: "text", text, replyTo? }</c>: a free-form text in a conversation. Also <c>{ type: "location", location }</c>,
/// <c>{ type: "contacts", contacts: [...] }</c> and <c>{ type: "interactive", interactive: { buttons | list } }</c>; WhatsApp's
/// limits on those are checked by the core (400 with the field's path).
/// </summary>
public sealed record SendMessageRequest(string? Type, string? Text, Guid? ReplyTo, LocationContent? Location = null,
    IReadOnlyList<ContactCard>? Contacts = null, InteractiveContent? Interactive = null) : IValidatableObject
{
    public static readonly string[] Types = ["text", "location", "contacts", "interactive"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Type)) yield return new ValidationResult("type is required", [nameof(Type)]);
        else if (!Types.Contains(Type))
            yield return new ValidationResult("type must be text, location, contacts or interactive (media goes to /messages/media, templates to /templates/{name}/send)", [nameof(Type)]);
        if (Type is "text" or null)
        {
            if (string.IsNullOrWhiteSpace(Text)) yield return new ValidationResult("text must not be empty", [nameof(Text)]);
            else if (Text.Length > MessageSender.MaxTextLength) yield return new ValidationResult($"text must be at most {MessageSender.MaxTextLength} characters", [nameof(Text)]);
        }
        else if (Text is not null) yield return new ValidationResult($"text is only for text messages; a {Type} message carries its own object", [nameof(Text)]);
        if (Type == "location" && Location is null) yield return new ValidationResult("location is required", [nameof(Location)]);
        if (Type == "contacts" && Contacts is null) yield return new ValidationResult("contacts is required", [nameof(Contacts)]);
        if (Type == "interactive" && Interactive is null) yield return new ValidationResult("interactive is required", [nameof(Interactive)]);
    }
}

/// <summary><c>{ emoji }</c>: one emoji, or an empty string to remove our reaction.</summary>
public sealed record ReactRequest(string? Emoji);

/// <summary><c>{ ids: [...] }</c> (the CX seed calls it <c>messageIds</c>; both are accepted).</summary>
public sealed record BulkMessagesRequest(IReadOnlyList<Guid>? Ids, IReadOnlyList<Guid>? MessageIds) : IValidatableObject
{
    public IReadOnlyList<Guid> All => [.. (Ids ?? []).Concat(MessageIds ?? []).Distinct()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (All.Count == 0) yield return new ValidationResult("ids must name at least one message", [nameof(Ids)]);
        else if (All.Count > FailedMessagesService.MaxBulk) yield return new ValidationResult($"ids may name at most {FailedMessagesService.MaxBulk} messages", [nameof(Ids)]);
    }
}

public static class MessagingEndpoints
{
    public static RouteGroupBuilder MapMessagingEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{id:guid}/messages", Send).WithTags("Messages").RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Send a message")
            .WithDescription("Sends a text (`type: text`), a location, contact cards or an interactive message (reply buttons or a list) in the conversation, optionally quoting `replyTo` (a message id). The message is saved as PENDING and sent by the outbound worker; its status follows from Meta's webhooks. Free-form messages need the 24-hour customer service window open. Media go to `/messages/media`.")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.WindowClosed, "The 24-hour window is closed: the customer has not written in the last 24 hours; send a template instead")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.ChannelUnavailable, "This conversation's WhatsApp number is disconnected or inactive");
        api.MapMessageActionEndpoints();

        var group = api.MapGroup("/messages").WithTags("Failed messages").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/failed", ListFailed)
            .WithSummary("List failed messages")
            .WithDescription("Outbound messages that failed, whose fate is unknown, or that are stuck pending, newest first, with Meta's error. Admins only.")
            .WithPaging(defaultLimit: 25, limitName: "pageSize")
            .WithQuery<FailedMessageState>("status", "FAILED, UNKNOWN or PENDING (stuck); leave out for all three.")
            .WithQuery("phoneNumberId", "Only messages sent from this number (its id).")
            .WithQuery("errorCode", "Only messages that failed with this Meta error code, e.g. `131047`.")
            .WithQuery("from", "Failed at or after this instant (ISO 8601).")
            .WithQuery("to", "Failed at or before this instant (ISO 8601); must not be before `from`.")
            .WithQuery("search", "Part of the text or of the contact's name or number.")
            .WithQuery("permanent", "`true` for the discarded messages instead.", @default: false);
        group.MapGet("/failed/stats", Stats)
            .WithSummary("Failed message statistics")
            .WithDescription("Counts of failed messages by error code and by day over a period (default the last 30 days). Admins only.")
            .WithQuery("from", "Start of the period (ISO 8601).")
            .WithQuery("to", "End of the period (ISO 8601); must not be before `from`.");
        group.MapPost("/failed/bulk-retry", BulkRetry)
            .WithSummary("Retry many failed messages")
            .WithDescription("Queues each message named in `ids` (up to 100) for sending again; messages that cannot be retried are reported with their reason instead of failing the batch. Admins only.");
        group.MapPost("/failed/bulk-discard", BulkDiscard)
            .WithSummary("Discard many failed messages")
            .WithDescription("Marks each message named in `ids` (up to 100) as given up; messages that cannot be discarded are reported with their reason. Admins only.");
        group.MapPost("/{id:guid}/retry-send", Retry)
            .WithSummary("Retry a failed message")
            .WithDescription("Queues a FAILED or UNKNOWN message for sending again and answers it as PENDING. Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.NotRetryable, "Only failed or unknown messages can be retried; this one is DELIVERED")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.RetryTooSoon, "Meta's marketing cap (131049): retry no sooner than 12 hours after the failure")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.WindowClosed, "The 24-hour window is closed; send a template instead");
        group.MapPost("/{id:guid}/discard", Discard)
            .WithSummary("Discard a failed message")
            .WithDescription("Gives up on a failed, unknown or stuck message: it leaves the failed list (see `permanent=true`). Admins only.")
            .ProducesError(StatusCodes.Status409Conflict, MessagingErrors.NotRetryable, "Only failed, unknown or stuck messages can be discarded; this one is DELIVERED");
        return group;
    }

    private static async Task<Created<DataEnvelope<MessageDto>>> Send(Guid id, SendMessageRequest request, ClaimsPrincipal user, MessageSender sender, CancellationToken ct)
    {
        var actor = user.ToActor();
        var message = request.Type switch
        {
            "location" => await sender.SendLocationAsync(actor, id, request.Location!, request.ReplyTo, ct),
            "contacts" => await sender.SendContactsAsync(actor, id, request.Contacts!, request.ReplyTo, ct),
            "interactive" => await sender.SendInteractiveAsync(actor, id, request.Interactive!, request.ReplyTo, ct),
            _ => await sender.SendTextAsync(actor, id, request.Text!, request.ReplyTo, ct),
        };
        return TypedResults.Created($"/api/v1/conversations/{id}/messages/{message.Id}", Envelope.Data(message));
    }

    /// <summary>
    /// <c>status</c> FAILED | UNKNOWN | PENDING (stuck; default all three), <c>phoneNumberId</c>, <c>errorCode</c>, <c>from</c>, <c>to</c>,
    /// <c>search</c>, <c>permanent=true</c> for the discarded ones, <c>page</c>, <c>pageSize</c> (default 25).
    /// </summary>
    private static async Task<Ok<ListEnvelope<FailedMessageDto>>> ListFailed(ClaimsPrincipal user, FailedMessagesService failed,
        FailedMessageState? status, Guid? phoneNumberId, string? errorCode, DateTimeOffset? from, DateTimeOffset? to, string? search, bool? permanent,
        int? page, int? pageSize, CancellationToken ct)
    {
        var paging = PageQuery.From(page, pageSize, defaultLimit: 25);
        var result = await failed.ListAsync(user.ToActor(), new FailedMessageFilter(status, phoneNumberId, errorCode, from, to, search, permanent == true),
            paging.Skip, paging.Limit, ct);
        return TypedResults.Ok(Envelope.Page(result.Items, paging.Page, paging.Limit, result.Total));
    }

    private static async Task<Ok<DataEnvelope<FailedMessageStats>>> Stats(ClaimsPrincipal user, FailedMessagesService failed, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await failed.StatsAsync(user.ToActor(), from, to, ct)));

    private static async Task<Ok<DataEnvelope<MessageDto>>> Retry(Guid id, ClaimsPrincipal user, FailedMessagesService failed, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await failed.RetryAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<MessageDto>>> Discard(Guid id, ClaimsPrincipal user, FailedMessagesService failed, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await failed.DiscardAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<BulkResult>>> BulkRetry(BulkMessagesRequest request, ClaimsPrincipal user, FailedMessagesService failed, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await failed.BulkRetryAsync(user.ToActor(), request.All, ct)));

    private static async Task<Ok<DataEnvelope<BulkResult>>> BulkDiscard(BulkMessagesRequest request, ClaimsPrincipal user, FailedMessagesService failed, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await failed.BulkDiscardAsync(user.ToActor(), request.All, ct)));
}
