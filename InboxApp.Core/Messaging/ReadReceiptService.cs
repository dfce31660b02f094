using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Messaging;

public enum ReadReceiptOutcome
{
    /// <summary>The receipt went to the channel (Meta, or recorded only for a sandbox number).</summary>
    SENT,
    /// <summary>The newest inbound message already had its receipt: nothing sent again.</summary>
    ALREADY_SENT,
    /// <summary>No inbound message to mark (or no such conversation in the organization).</summary>
    NOTHING_TO_MARK,
    /// <summary>The channel refused or could not be reached; logged, and a later call tries again.</summary>
    FAILED,
}

/// <summary>
/// Blue ticks for the customer: when an agent reads a conversation, its newest inbound message is marked read at WhatsApp
/// (<c>{"status":"read","message_id":…}</c>, with <c>typing_indicator</c> when the agent is about to answer). Best effort
/// (a failure is logged, never thrown) and at most once per inbound message: the receipt is recorded as the inbound
/// message's <see cref="Message.ReadAt"/>, claimed before sending and released if the channel fails.
/// </summary>
public sealed class ReadReceiptService(InboxDb inboxDb, ChannelSenders senders, IChannelAccountAlerts alerts, TimeProvider clock, ILogger<ReadReceiptService> logger)
{
    public async Task<ReadReceiptOutcome> MarkConversationReadAsync(Guid organizationId, Guid conversationId, bool typing, CancellationToken ct = default)
    {
        await using var db = inboxDb.For(organizationId);
        var newest = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.INBOUND && m.WaMessageId != null && m.Type != MessageType.REACTION)
            .OrderByDescending(m => m.Timestamp).ThenByDescending(m => m.CreatedAt)
            .Select(m => new { m.Id, m.WaMessageId, m.ReadAt }).FirstOrDefaultAsync(ct);
        if (newest is null) return ReadReceiptOutcome.NOTHING_TO_MARK;
        if (newest.ReadAt is not null) return ReadReceiptOutcome.ALREADY_SENT;

        var claimedAt = clock.GetUtcNow();
        var claimed = await db.Messages.Where(m => m.Id == newest.Id && m.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, claimedAt), ct);
        if (claimed == 0) return ReadReceiptOutcome.ALREADY_SENT;

        var phoneNumberId = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.PhoneNumberId).FirstAsync(ct);
        var number = await db.PhoneNumbers.AsNoTracking().Include(p => p.Account).FirstAsync(p => p.Id == phoneNumberId, ct);
        try
        {
            await senders.For(number.Kind).MarkReadAsync(number, number.Account!, newest.WaMessageId!, typing, ct);
            return ReadReceiptOutcome.SENT;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Read receipt for message {MessageId} of conversation {ConversationId} failed", newest.Id, conversationId);
            await db.Messages.Where(m => m.Id == newest.Id && m.ReadAt == claimedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, (DateTimeOffset?)null), CancellationToken.None);
            if (e is ChannelException { IsTokenProblem: true } g)
                await alerts.TokenRefusedAsync(organizationId, number.AccountId, number.Account!.Alias, g.Message, CancellationToken.None);
            return ReadReceiptOutcome.FAILED;
        }
    }
}
