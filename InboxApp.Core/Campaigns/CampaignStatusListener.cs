using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Moves campaign recipients along with their messages' status webhooks (SENT, DELIVERED, READ, FAILED with Meta's error;
/// an UNKNOWN one is settled by them) and to REPLIED when the customer writes in the conversation. Durable; every write is
/// conditional on the states it may leave, so applying an event twice, or late, never moves a recipient back.
/// </summary>
public sealed class CampaignStatusListener(InboxDb inboxDb, TimeProvider clock) : IDurableListener<MessageStatusChanged>, IDurableListener<MessageReceived>,
    IDurableListenerInterest
{
    /// <summary>
    /// Interested in an organization that has campaigns (<see cref="CampaignService.CreateAsync"/> tells when it gets its
    /// first): its messages' statuses the handler acts on, and its customers' messages. Without campaigns there is no
    /// recipient to move. A campaign deleted later keeps the answer until the TTL, which only writes rows that change nothing.
    /// </summary>
    public async Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var any = await db.Set<Campaign>().AnyAsync(ct);
        return e => any && e switch
        {
            MessageStatusChanged s => s.Status is MessageStatus.SENT or MessageStatus.DELIVERED or MessageStatus.READ or MessageStatus.FAILED,
            _ => true,
        };
    }

    private static readonly CampaignRecipientStatus[] BeforeSent = [CampaignRecipientStatus.SENDING, CampaignRecipientStatus.UNKNOWN];

    public async Task HandleAsync(MessageStatusChanged e, CancellationToken ct)
    {
        if (e.Status is not (MessageStatus.SENT or MessageStatus.DELIVERED or MessageStatus.READ or MessageStatus.FAILED)) return;
        await using var db = inboxDb.For(e.OrganizationId);
        var set = db.Set<CampaignRecipient>();
        var id = e.MessageId;
        if (!await set.AnyAsync(r => r.MessageId == id, ct)) return; // not a campaign's message
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.WaMessageId, m.ConversationId, m.ErrorCode, m.ErrorTitle, m.SentAt, m.DeliveredAt, m.ReadAt, m.FailedAt }).FirstOrDefaultAsync(ct);
        if (message is null) return;
        var now = clock.GetUtcNow();
        CampaignRecipientStatus[] from;
        CampaignRecipientStatus to;
        switch (e.Status)
        {
            case MessageStatus.SENT: (from, to) = (BeforeSent, CampaignRecipientStatus.SENT); break;
            case MessageStatus.DELIVERED: (from, to) = ([.. BeforeSent, CampaignRecipientStatus.SENT], CampaignRecipientStatus.DELIVERED); break;
            case MessageStatus.READ: (from, to) = ([.. BeforeSent, CampaignRecipientStatus.SENT, CampaignRecipientStatus.DELIVERED], CampaignRecipientStatus.READ); break;
            default:
                // A failure the sender has not seen (Meta reports most of them by webhook after accepting the message).
                var code = message.ErrorCode;
                var title = message.ErrorTitle is { Length: > 500 } t ? t[..500] : message.ErrorTitle;
                await set.Where(r => r.MessageId == id && (r.Status == CampaignRecipientStatus.UNKNOWN || r.Status == CampaignRecipientStatus.SENT))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, CampaignRecipientStatus.FAILED).SetProperty(r => r.FailedAt, message.FailedAt ?? now)
                        .SetProperty(r => r.ErrorCode, code).SetProperty(r => r.ErrorTitle, title).SetProperty(r => r.UpdatedAt, now), ct);
                await TouchAsync(db, e.OrganizationId, id, ct);
                return;
        }
        var wamid = message.WaMessageId;
        var conversationId = message.ConversationId;
        await set.Where(r => r.MessageId == id && from.Contains(r.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.WaMessageId, r => r.WaMessageId ?? wamid)
                .SetProperty(r => r.ConversationId, r => r.ConversationId ?? conversationId)
                .SetProperty(r => r.SentAt, r => r.SentAt ?? message.SentAt ?? now)
                .SetProperty(r => r.DeliveredAt, r => to >= CampaignRecipientStatus.DELIVERED ? r.DeliveredAt ?? message.DeliveredAt ?? now : r.DeliveredAt)
                .SetProperty(r => r.ReadAt, r => to == CampaignRecipientStatus.READ ? r.ReadAt ?? message.ReadAt ?? now : r.ReadAt)
                .SetProperty(r => r.UpdatedAt, now), ct);
        await TouchAsync(db, e.OrganizationId, id, ct);
    }

    public async Task HandleAsync(MessageReceived e, CancellationToken ct)
    {
        await using var db = inboxDb.For(e.OrganizationId);
        var conversationId = e.ConversationId;
        var now = clock.GetUtcNow();
        var campaigns = await db.Set<CampaignRecipient>()
            .Where(r => r.ConversationId == conversationId && (r.Status == CampaignRecipientStatus.SENT || r.Status == CampaignRecipientStatus.DELIVERED
                || r.Status == CampaignRecipientStatus.READ)).Select(r => r.CampaignId).Distinct().ToListAsync(ct);
        if (campaigns.Count == 0) return;
        await db.ChangeRaisingAsync(() => db.Set<CampaignRecipient>()
                .Where(r => r.ConversationId == conversationId && (r.Status == CampaignRecipientStatus.SENT || r.Status == CampaignRecipientStatus.DELIVERED
                    || r.Status == CampaignRecipientStatus.READ))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, CampaignRecipientStatus.REPLIED).SetProperty(r => r.RepliedAt, now).SetProperty(r => r.UpdatedAt, now), ct),
            n => n == 0 ? [] : campaigns.Select(c => new CampaignUpdated(e.OrganizationId, c, CampaignUpdated.Progress)), ct);
    }

    /// <summary>Tells live pages (at most one event per status webhook of a campaign's message).</summary>
    private static async Task TouchAsync(InboxDbContext db, Guid org, Guid messageId, CancellationToken ct)
    {
        var campaignId = await db.Set<CampaignRecipient>().Where(r => r.MessageId == messageId).Select(r => (Guid?)r.CampaignId).FirstOrDefaultAsync(ct);
        if (campaignId is not { } id) return;
        db.Raise(new CampaignUpdated(org, id, CampaignUpdated.Progress));
        await db.SaveChangesAsync(ct);
    }
}
