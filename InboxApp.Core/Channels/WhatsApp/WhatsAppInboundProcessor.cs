using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Outcome = InboxApp.Core.Webhooks.WebhookOutcome;
using Result = InboxApp.Core.Webhooks.WebhookResult;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>
/// Turns stored webhook deliveries into contacts, conversations, messages and status changes. Idempotent: messages are
/// keyed on their wamid (skipped when already stored), statuses are applied monotonically, so a redelivered or replayed
/// delivery changes nothing. It makes no side effect itself: it raises events (<c>MessageReceived</c>,
/// <c>PhoneNumberQualityChanged</c>, …) with each organization's changes, and listeners (media downloads, alerts, the live
/// inbox) react once those commit.
/// Deliveries are processed in batches: one routing query for the batch, and per organization one context, a few
/// prefetching queries and one commit for all of its deliveries. When a batch cannot be committed (a concurrent writer,
/// a delivery that fails), its deliveries are processed one at a time so one bad delivery fails alone.
/// </summary>
public sealed partial class WhatsAppInboundProcessor(InboxDb inboxDb, TimeProvider clock, IOptions<WhatsAppOptions> options,
    ILogger<WhatsAppInboundProcessor> logger) : IWebhookProcessor
{
    public async Task<Outcome> ProcessAsync(string payload, CancellationToken ct = default)
    {
        var result = (await ProcessBatchAsync([payload], ct))[0];
        if (result.Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(result.Error);
        return result.Outcome!;
    }

    /// <summary>A delivery's parsed changes: its messages changes with their route, and what is decided already.</summary>
    private sealed class Plan
    {
        public Outcome? Final;
        public string? Kinds;
        public List<MessagesValue> MessageChanges { get; } = [];
        public List<ParsedChange> QualityChanges { get; } = [];
        public List<ParsedChange> OtherChanges { get; } = [];
        public List<string> Unroutable { get; } = [];
        /// <summary>Parts of the delivery that were skipped and errors WhatsApp reported in it, for the event log.</summary>
        public List<string> Notes { get; } = [];
        public Guid? OrganizationId;
        public int Messages;
        public int Statuses;
        public Exception? Error;
    }

    /// <summary>One messages change of one delivery, routed to a number of an organization.</summary>
    private sealed record Item(int Delivery, Guid PhoneNumberId, MessagesValue Value);

    /// <summary>Processes deliveries in order; the results are in the same order as <paramref name="payloads"/>.</summary>
    public async Task<IReadOnlyList<Result>> ProcessBatchAsync(IReadOnlyList<string> payloads, CancellationToken ct = default)
    {
        var receivedAt = clock.GetUtcNow();
        var started = WebhookTimings.Start();
        var plans = payloads.Select(p => Prepare(p, receivedAt)).ToArray();
        WebhookTimings.Stop(WebhookPhase.Parse, started);
        var phoneIds = plans.Where(p => p.Final is null).SelectMany(p => p.MessageChanges.Select(v => v.PhoneNumberId)).Distinct().ToList();
        started = WebhookTimings.Start();
        var routes = await RouteAsync(phoneIds, ct);
        WebhookTimings.Stop(WebhookPhase.Route, started);

        var byOrganization = new Dictionary<Guid, List<Item>>();
        for (var i = 0; i < plans.Length; i++)
        {
            foreach (var value in plans[i].MessageChanges)
            {
                if (!routes.TryGetValue(value.PhoneNumberId, out var route))
                {
                    plans[i].Unroutable.Add(value.PhoneNumberId);
                    continue;
                }
                plans[i].OrganizationId ??= route.OrganizationId;
                if (!byOrganization.TryGetValue(route.OrganizationId, out var items)) byOrganization[route.OrganizationId] = items = [];
                items.Add(new Item(i, route.Id, value));
            }
        }

        foreach (var (organizationId, items) in byOrganization) await ApplyWithFallbackAsync(organizationId, items, plans, ct);

        foreach (var plan in plans.Where(p => p.Final is null && p.Error is null))
        {
            foreach (var change in plan.QualityChanges)
            {
                try
                {
                    // Applied for every change, not only until the first one routed the delivery.
                    if (await ApplyQualityUpdateAsync(change, ct) is { } routed) plan.OrganizationId ??= routed;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    plan.Error = e;
                }
            }
            foreach (var change in plan.OtherChanges)
            {
                try
                {
                    // account_update, message_template_status_update, …: alerts for the admins.
                    if (await Accounts.ChannelAlertRules.ApplyWebhookAsync(inboxDb, change, clock.GetUtcNow(), ct) is { } alerted) plan.OrganizationId ??= alerted;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    plan.Error = e;
                }
            }
        }
        return plans.Select(Finish).ToList();
    }

    /// <summary>Parses one delivery; whatever goes wrong is this delivery's own failure, never the batch's.</summary>
    private static Plan Prepare(string payload, DateTimeOffset receivedAt)
    {
        var plan = new Plan();
        try
        {
            var parsed = WhatsAppWebhookParser.Parse(payload, receivedAt);
            if (parsed.Error is not null)
            {
                plan.Final = new Outcome(WebhookDeliveryStatus.MALFORMED, null, null, 0, 0, parsed.Error);
                return plan;
            }
            plan.Kinds = Kinds(parsed);
            if (parsed.Object != "whatsapp_business_account")
            {
                plan.Final = new Outcome(WebhookDeliveryStatus.MALFORMED, null, plan.Kinds, 0, 0, $"Unexpected object '{parsed.Object}'");
                return plan;
            }
            if (parsed.Changes.Count == 0 && parsed.Problems is { Count: > 0 } problems)
            {
                // Nothing in it could be used: flagged, not retried.
                plan.Final = new Outcome(WebhookDeliveryStatus.MALFORMED, null, plan.Kinds, 0, 0, string.Join("; ", problems.Distinct()));
                return plan;
            }
            plan.Notes.AddRange(parsed.Problems ?? []);
            foreach (var change in parsed.Changes)
            {
                if (change.Messages is { } value)
                {
                    plan.MessageChanges.Add(value);
                    plan.Notes.AddRange(value.Errors.Select(e => "WhatsApp reported: " + string.Join(" ",
                        new[] { e.Code is null ? null : $"({e.Code})", e.Title ?? e.Message, e.Details }.Where(x => !string.IsNullOrEmpty(x)))));
                }
                else if (change.Field == "phone_number_quality_update") plan.QualityChanges.Add(change);
                else plan.OtherChanges.Add(change);
            }
        }
        catch (Exception e)
        {
            plan.Error = e;
        }
        return plan;
    }

    private static Result Finish(Plan plan)
    {
        if (plan.Final is not null) return new Result(plan.Final, null);
        if (plan.Error is not null) return new Result(null, plan.Error);
        if (plan.Unroutable.Count > 0 && plan.OrganizationId is null)
            return new Result(new Outcome(WebhookDeliveryStatus.UNROUTABLE, null, plan.Kinds, 0, 0, "Unknown phone number id: " + string.Join(", ", plan.Unroutable.Distinct())), null);
        if (plan.Unroutable.Count > 0) plan.Notes.Insert(0, "Skipped changes for unknown phone number id: " + string.Join(", ", plan.Unroutable.Distinct()));
        var note = plan.Notes.Count > 0 ? string.Join("; ", plan.Notes.Distinct()) : null;
        return new Result(new Outcome(WebhookDeliveryStatus.PROCESSED, plan.OrganizationId, plan.Kinds, plan.Messages, plan.Statuses, note), null);
    }

    /// <summary>All deliveries of the organization in one commit; if that fails, one delivery at a time.</summary>
    private async Task ApplyWithFallbackAsync(Guid organizationId, List<Item> items, Plan[] plans, CancellationToken ct)
    {
        var deliveries = items.Select(i => i.Delivery).Distinct().ToList();
        try
        {
            Count(plans, await ApplyMessagesRetryingAsync(organizationId, items, ct));
            return;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && deliveries.Count > 1)
        {
            logger.LogInformation(e, "A batch of {Count} deliveries could not be committed together; processing them one at a time", deliveries.Count);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            plans[deliveries[0]].Error = e;
            return;
        }
        foreach (var delivery in deliveries)
        {
            try
            {
                Count(plans, await ApplyMessagesRetryingAsync(organizationId, items.Where(i => i.Delivery == delivery).ToList(), ct));
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                plans[delivery].Error = e;
            }
        }
    }

    /// <summary>
    /// An agent's action may change a conversation between our read and our save (its version moved on): nothing was
    /// committed, so read again and apply at once instead of failing the deliveries into the worker's backoff.
    /// </summary>
    private async Task<Dictionary<int, (int Messages, int Statuses)>> ApplyMessagesRetryingAsync(Guid organizationId, List<Item> items, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyMessagesAsync(organizationId, items, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxConcurrencyAttempts)
            {
                logger.LogDebug("Conversation changed while applying deliveries; applying again (attempt {Attempt})", attempt + 1);
            }
        }
    }

    private const int MaxConcurrencyAttempts = 4;

    private static void Count(Plan[] plans, Dictionary<int, (int Messages, int Statuses)> counts)
    {
        foreach (var (delivery, (m, s)) in counts)
        {
            plans[delivery].Messages += m;
            plans[delivery].Statuses += s;
        }
    }

    /// <summary>What a delivery holds, for the event log: <c>messages</c> and <c>statuses</c> for a messages change, else the change's field.</summary>
    private static string Kinds(ParsedWebhook parsed)
    {
        var kinds = new List<string>();
        foreach (var change in parsed.Changes)
        {
            if (change.Messages is not { } value || change.Field != "messages")
            {
                kinds.Add(change.Field);
                continue;
            }
            if (value.Messages.Count > 0 || value.Statuses.Count == 0) kinds.Add("messages");
            if (value.Statuses.Count > 0) kinds.Add("statuses");
        }
        return string.Join(",", kinds.Distinct());
    }

    /// <summary>Meta's phone number ids → our active numbers, in one query for the batch.</summary>
    private async Task<Dictionary<string, (Guid Id, Guid OrganizationId)>> RouteAsync(List<string> metaPhoneNumberIds, CancellationToken ct)
    {
        if (metaPhoneNumberIds.Count == 0) return [];
        await using var db = inboxDb.System();
        var rows = await db.PhoneNumbers.AsNoTracking()
            .Where(p => metaPhoneNumberIds.Contains(p.MetaPhoneNumberId) && p.IsActive)
            .Select(p => new { p.MetaPhoneNumberId, p.Id, p.OrganizationId })
            .ToListAsync(ct);
        var routes = new Dictionary<string, (Guid, Guid)>();
        foreach (var row in rows) routes.TryAdd(row.MetaPhoneNumberId, (row.Id, row.OrganizationId));
        return routes;
    }

    /// <summary>
    /// A quality or limit change of one of our numbers. Only FLAGGED/UNFLAGGED (and a rating named as such) change the quality
    /// rating; UPGRADE/DOWNGRADE change the messaging limit; THROUGHPUT_UPGRADE the throughput. Other events change neither.
    /// </summary>
    private async Task<Guid?> ApplyQualityUpdateAsync(ParsedChange change, CancellationToken ct)
    {
        if (change.Quality is not { } update) return null;
        var digits = PhoneKeys.Digits(update.DisplayPhoneNumber);
        if (digits is null) return null;
        await using var db = inboxDb.System();
        var numbers = await db.PhoneNumbers.Where(p => p.IsActive).ToListAsync(ct);
        var number = numbers.FirstOrDefault(p => PhoneKeys.Digits(p.DisplayPhoneNumber) == digits);
        if (number is null) return null;
        var (previousQuality, previousTier) = (number.QualityRating, number.MessagingLimitTier);
        switch (update.Event)
        {
            case "FLAGGED":
                number.QualityRating = "FLAGGED";
                break;
            case "UNFLAGGED":
                number.QualityRating = "GREEN";
                break;
            case "GREEN" or "YELLOW" or "RED":
                number.QualityRating = update.Event;
                break;
            case "THROUGHPUT_UPGRADE":
                number.ThroughputLevel = "HIGH";
                break;
        }
        // current_limit also names the throughput on a THROUGHPUT_UPGRADE: only a limit event or a quality event carries the tier.
        var tier = update.MaxDailyConversations ?? update.CurrentLimit;
        if (update.Event != "THROUGHPUT_UPGRADE" && tier is { Length: > 0 and <= 32 }) number.MessagingLimitTier = tier;
        number.UpdatedAt = clock.GetUtcNow();
        // Alerts for the admins come from a durable listener (Channels/Accounts/QualityAlertListener).
        db.Raise(new PhoneNumberQualityChanged(number.OrganizationId, number.Id, previousQuality, number.QualityRating, previousTier, number.MessagingLimitTier,
            update.Event));
        await db.SaveChangesAsync(ct);
        return number.OrganizationId;
    }

    /// <summary>
    /// The stored message. An edit or revoke whose original is not stored (deliveries come in any order) is stored as that
    /// original, already edited or deleted, so the original arriving later is a duplicate and nothing is lost.
    /// </summary>
    private static Message ToMessage(InboundMessage m, Guid conversationId, DateTimeOffset now) => new()
    {
        ConversationId = conversationId,
        Direction = m.IsEcho ? MessageDirection.OUTBOUND : MessageDirection.INBOUND,
        Type = m.Type,
        WaMessageId = Truncate(m.Action == InboundAction.NEW ? m.Id : m.TargetMessageId, 128),
        Text = Truncate(m.Text, 8192),
        Caption = Truncate(m.Caption, 2048),
        MediaId = Truncate(m.MediaId, 128),
        MimeType = Truncate(m.MimeType, 128),
        FileName = Truncate(m.FileName, 260),
        MediaSha256 = Truncate(m.MediaSha256, 128),
        MediaStatus = m.MediaId is null ? MediaStatus.NONE : MediaStatus.PENDING,
        Latitude = m.Latitude,
        Longitude = m.Longitude,
        LocationName = Truncate(m.LocationName, 300),
        LocationAddress = Truncate(m.LocationAddress, 500),
        ReplyOptionId = Truncate(m.ReplyOptionId, 256),
        ReplyOptionTitle = Truncate(m.ReplyOptionTitle, 256),
        ContextWaMessageId = Truncate(m.ContextMessageId, 128),
        Emoji = Truncate(m.Emoji, 32),
        Status = m.IsEcho ? MessageStatus.SENT : MessageStatus.RECEIVED,
        SentAt = m.IsEcho ? m.Timestamp : null,
        EditedAt = m.Action == InboundAction.EDIT ? m.Timestamp : null,
        RevokedAt = m.Action == InboundAction.REVOKE ? m.Timestamp : null,
        Details = m.Action switch
        {
            InboundAction.NEW => m.Details is { IsEmpty: false } details ? details : null,
            // Stored in the original's place until the original arrives (CompleteStandIn).
            _ => (m.Details ?? new MessageDetails()) with { StandIn = m.Action == InboundAction.EDIT ? "edit" : "revoke" },
        },
        RawJson = Truncate(m.RawJson, 65536),
        Timestamp = m.Timestamp,
        CreatedAt = now,
    };

    /// <summary>The conversation list's line for a message (<see cref="MessagePreview"/>).</summary>
    public static string Preview(Message m) => MessagePreview.Of(m);

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
