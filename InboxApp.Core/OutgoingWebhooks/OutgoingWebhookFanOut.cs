using System.Security.Cryptography;
using System.Text;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>
/// Turns committed domain events into delivery rows, one per subscribed active endpoint (durable: the outbox calls it at
/// least once; the unique (endpoint, source event) index makes a second call add nothing). The payload is built here, once,
/// from the database as it is now; the worker only sends it.
/// </summary>
public sealed class OutgoingWebhookFanOut(InboxDb inboxDb, ChannelSecrets secrets, OutgoingWebhookWorkSignal signal, TimeProvider clock,
    IOptions<OutgoingWebhookOptions> options)
    : IDurableListener<MessageReceived>, IDurableListener<MessageStatusChanged>, IDurableListener<ConversationCreated>,
      IDurableListener<ConversationAssigned>, IDurableListener<ConversationResolved>, IDurableListener<PhoneNumberQualityChanged>,
      IDurableListener<PhoneNumberHealthChanged>, IDurableListener<TemplateStatusChanged>, IDurableListenerInterest
{
    /// <summary>
    /// Interested in the events some active endpoint of the organization subscribes to (none without endpoints). The
    /// endpoints' changes (<see cref="OutgoingWebhookService"/>, and the worker turning a failing one off) bump the
    /// organization's interest stamp, so every node asks again at its next save (ADR 0040).
    /// </summary>
    public async Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var subscribed = (await db.Set<OutgoingWebhook>().AsNoTracking().Where(w => w.IsActive).Select(w => w.Events).ToListAsync(ct))
            .SelectMany(events => events.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        if (subscribed.Count == 0) return _ => false;
        return e => TypeOf(e) is { } type && subscribed.Contains(type);
    }

    /// <summary>The outgoing webhook event a domain event becomes (null: none, e.g. a message status nobody is told about).</summary>
    public static string? TypeOf(DomainEvent e) => e switch
    {
        MessageReceived => OutgoingWebhookEvents.MessageReceived,
        MessageStatusChanged s => s.Status switch
        {
            MessageStatus.SENT => OutgoingWebhookEvents.MessageSent,
            MessageStatus.DELIVERED => OutgoingWebhookEvents.MessageDelivered,
            MessageStatus.READ => OutgoingWebhookEvents.MessageRead,
            MessageStatus.FAILED => OutgoingWebhookEvents.MessageFailed,
            _ => null,
        },
        ConversationCreated => OutgoingWebhookEvents.ConversationCreated,
        ConversationAssigned => OutgoingWebhookEvents.ConversationAssigned,
        ConversationResolved => OutgoingWebhookEvents.ConversationResolved,
        PhoneNumberQualityChanged => OutgoingWebhookEvents.PhoneHealthChanged,
        PhoneNumberHealthChanged => OutgoingWebhookEvents.PhoneHealthChanged,
        TemplateStatusChanged => OutgoingWebhookEvents.TemplateStatusChanged,
        _ => null,
    };

    public Task HandleAsync(MessageReceived e, CancellationToken ct) =>
        FanOutAsync(e, OutgoingWebhookEvents.MessageReceived, e.ConversationId, (db, _) => MessageData(db, e.MessageId, ct), ct);

    public Task HandleAsync(MessageStatusChanged e, CancellationToken ct) =>
        TypeOf(e) is not { } type ? Task.CompletedTask : FanOutAsync(e, type, e.ConversationId, (db, _) => MessageData(db, e.MessageId, ct), ct);

    public Task HandleAsync(ConversationCreated e, CancellationToken ct) =>
        FanOutAsync(e, OutgoingWebhookEvents.ConversationCreated, e.ConversationId, (db, now) => ConversationData(db, e.ConversationId, now, ct), ct);

    public Task HandleAsync(ConversationAssigned e, CancellationToken ct) =>
        FanOutAsync(e, OutgoingWebhookEvents.ConversationAssigned, e.ConversationId, async (db, now) =>
            await OutgoingWebhookPayloads.ConversationAsync(db, e.ConversationId, now, ct) is { } data
                ? data with { AssigneeId = e.AssigneeId, PreviousAssigneeId = e.PreviousAssigneeId } : null, ct);

    public Task HandleAsync(ConversationResolved e, CancellationToken ct) =>
        FanOutAsync(e, OutgoingWebhookEvents.ConversationResolved, e.ConversationId, (db, now) => ConversationData(db, e.ConversationId, now, ct), ct);

    /// <summary>Meta's quality webhook: the values it changed, and the readiness the number has now.</summary>
    public Task HandleAsync(PhoneNumberQualityChanged e, CancellationToken ct) =>
        FanOutAsync(e, OutgoingWebhookEvents.PhoneHealthChanged, e.PhoneNumberId, async (db, _) =>
        {
            var number = await db.PhoneNumbers.AsNoTracking().Include(p => p.Account).FirstOrDefaultAsync(p => p.Id == e.PhoneNumberId, ct);
            if (number?.Account is not { } account) return null;
            var now = CapabilityRules.StoredState(account, number, account.IsSandbox || secrets.UnprotectToken(account.AccessTokenProtected) is not null);
            return new PhoneHealthEventData(e.PhoneNumberId, number.DisplayPhoneNumber, e.PreviousQuality, e.Quality, e.PreviousLimitTier, e.LimitTier,
                e.EventName, PhoneHealthSources.QualityWebhook, now.IsRegistered, Capabilities(now));
        }, ct);

    /// <summary>A health check or resync with Meta changed the readiness: the state before and after, as the event recorded them.</summary>
    public Task HandleAsync(PhoneNumberHealthChanged e, CancellationToken ct) =>
        FanOutAsync(e, OutgoingWebhookEvents.PhoneHealthChanged, e.PhoneNumberId, async (db, _) =>
        {
            var display = await db.PhoneNumbers.AsNoTracking().Where(p => p.Id == e.PhoneNumberId).Select(p => p.DisplayPhoneNumber).FirstOrDefaultAsync(ct);
            if (display is null) return null; // removed since
            return new PhoneHealthEventData(e.PhoneNumberId, display, e.Previous.Quality, e.Current.Quality, e.Previous.MessagingLimitTier,
                e.Current.MessagingLimitTier, null, PhoneHealthSources.Resync, e.Current.IsRegistered, Capabilities(e.Current),
                e.Previous.IsRegistered, Capabilities(e.Previous));
        }, ct);

    private static CapabilitiesDto Capabilities(PhoneHealthState s) => new(s.CanReceiveMessages, s.CanSendMessages, s.CanSendTemplates);

    public Task HandleAsync(TemplateStatusChanged e, CancellationToken ct) =>
        FanOutAsync(e, OutgoingWebhookEvents.TemplateStatusChanged, null, (_, _) =>
            Task.FromResult<object?>(new TemplateStatusEventData(e.AccountId, e.TemplateId, e.TemplateName, e.Language, e.Status, e.Reason)), ct);

    private static async Task<object?> MessageData(InboxDbContext db, Guid messageId, CancellationToken ct) =>
        await OutgoingWebhookPayloads.MessageAsync(db, messageId, ct);

    private static async Task<object?> ConversationData(InboxDbContext db, Guid conversationId, DateTimeOffset now, CancellationToken ct) =>
        await OutgoingWebhookPayloads.ConversationAsync(db, conversationId, now, ct);

    private async Task FanOutAsync(DomainEvent e, string type, Guid? orderKey, Func<InboxDbContext, DateTimeOffset, Task<object?>> data, CancellationToken ct)
    {
        await using var db = inboxDb.For(e.OrganizationId);
        var targets = (await db.Set<OutgoingWebhook>().AsNoTracking().Where(w => w.IsActive).Select(w => new { w.Id, w.Events }).ToListAsync(ct))
            .Where(w => w.Events.Split(' ').Contains(type)).Select(w => w.Id).ToList();
        if (targets.Count == 0) return;
        var sourceId = DurableEventContext.EventId ?? StableId(e);
        var done = await db.Set<OutgoingWebhookDelivery>().Where(d => d.SourceEventId == sourceId && targets.Contains(d.WebhookId))
            .Select(d => d.WebhookId).ToListAsync(ct);
        targets.RemoveAll(done.Contains);
        if (targets.Count == 0) return; // fanned out before
        var now = clock.GetUtcNow();
        if (await data(db, now) is not { } payloadData) return; // the subject was deleted since
        var payload = OutgoingWebhookPayloads.Serialize(type, now, payloadData);
        foreach (var webhookId in targets)
        {
            db.Add(new OutgoingWebhookDelivery
            {
                OrganizationId = e.OrganizationId,
                WebhookId = webhookId,
                SourceEventId = sourceId,
                EventType = type,
                OrderKey = orderKey,
                Payload = payload,
                Status = OutgoingWebhookDeliveryStatus.PENDING,
                CreatedAt = now,
                NextAttemptAt = now,
                GiveUpAt = now + options.Value.RetryWindow,
            });
        }
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }

    /// <summary>An id derived from the event itself, when it is not delivered by the outbox (never in production).</summary>
    private static Guid StableId(DomainEvent e) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(e.GetType().Name + e))[..16]);
}

/// <summary>Wakes the delivery worker when rows were added (it also polls).</summary>
public sealed class OutgoingWebhookWorkSignal : Common.WorkSignal;
