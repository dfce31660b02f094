using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Pricing;

/// <summary>
/// Records what a delivered outbound message cost, once: when its status reaches delivered (or read) and Meta's status
/// webhook said it is billable, the category Meta billed and the price of the recipient's market at that moment. Durable and
/// idempotent: the message id is the row's key, so a second delivery of the event (or of a later status) adds nothing.
/// </summary>
public sealed class RecordMessageCost(InboxDb inboxDb, PriceRegionMembership regions, TimeProvider clock) : IDurableListener<MessageStatusChanged>, IDurableListenerInterest
{
    /// <summary>Only a message's delivery (or read) can cost something; no configuration is involved.</summary>
    public Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct) =>
        ListenerInterestCache.Always(e => e is MessageStatusChanged { Status: MessageStatus.DELIVERED or MessageStatus.READ });

    public async Task HandleAsync(MessageStatusChanged e, CancellationToken ct)
    {
        if (e.Status is not (MessageStatus.DELIVERED or MessageStatus.READ)) return;
        await using var db = inboxDb.For(e.OrganizationId);
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == e.MessageId)
            .Select(m => new { m.Direction, m.Billable, m.PricingCategory, m.ConversationId, m.DeliveredAt, m.ReadAt }).FirstOrDefaultAsync(ct);
        if (message is not { Direction: MessageDirection.OUTBOUND, Billable: true } || PriceCard.CategoryOf(message.PricingCategory) is not { } category) return;
        if (await db.Set<MessageCost>().AnyAsync(c => c.MessageId == e.MessageId, ct)) return; // recorded before

        var contact = await db.Conversations.AsNoTracking().Where(c => c.Id == message.ConversationId)
            .Join(db.Contacts, c => c.ContactId, k => k.Id, (c, k) => new { k.Phone, k.WaId }).FirstOrDefaultAsync(ct);
        var market = PriceCard.MarketOf(contact?.Phone ?? contact?.WaId) ?? (PriceCard.DefaultMarket, null);
        var table = await db.Set<MarketPrice>().AsNoTracking().ToDictionaryAsync(p => p.Market, ct);
        var row = PriceCard.RowFor(table, await regions.GetAsync(ct), market.Market, market.Country);
        db.Add(new MessageCost
        {
            MessageId = e.MessageId,
            ConversationId = message.ConversationId,
            Category = category,
            Country = market.Country,
            Market = row.Market,
            PriceMicros = row.MicrosFor(category),
            Currency = row.Currency,
            BilledAt = message.DeliveredAt ?? message.ReadAt ?? clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await AlreadyRecordedAsync(e, ct)) throw;
            // A concurrent delivery recorded it first.
        }
    }

    private async Task<bool> AlreadyRecordedAsync(MessageStatusChanged e, CancellationToken ct)
    {
        await using var db = inboxDb.For(e.OrganizationId);
        return await db.Set<MessageCost>().AnyAsync(c => c.MessageId == e.MessageId, ct);
    }
}
