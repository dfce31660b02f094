using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Messaging;

/// <summary>
/// The one door for outbound messages. Checks the rules before anything reaches Meta (the 24-hour window, the channel),
/// stores the message as PENDING, updates the conversation, publishes after commit, then hands the message to the
/// <see cref="OutboundDispatcher"/> (rate limits, the channel, error mapping).
/// </summary>
public sealed partial class MessageSender(InboxDb inboxDb, OutboundDispatcher dispatcher, TimeProvider clock)
{
    public const int MaxTextLength = 4096;
    internal const int ConcurrencyRetries = 5;

    /// <summary>Sends a free-form text as the actor (an agent, or an API key). 404 for another organization's conversation.</summary>
    public Task<MessageDto> SendTextAsync(Actor actor, Guid conversationId, string text, Guid? replyTo, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) throw InboxException.Invalid("text", "text must not be empty");
        if (text.Length > MaxTextLength) throw InboxException.Invalid("text", $"text must be at most {MaxTextLength} characters");
        return SendAsync(actor, conversationId, new OutboundDraft(MessageType.TEXT) { Text = text, ReplyTo = replyTo }, ct);
    }

    /// <summary>
    /// Sends a FAILED or UNKNOWN outbound message again (an explicit decision by an admin: an UNKNOWN one may then arrive
    /// twice). Refused when discarded, when the window has closed, or within 12 hours of a marketing-cap failure (131049).
    /// </summary>
    public async Task<MessageDto> RetryAsync(Actor actor, Guid messageId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var org = actor.Org;
        var now = clock.GetUtcNow();
        Message message;
        await using (var db = inboxDb.For(org))
        {
            message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.Direction == MessageDirection.OUTBOUND, ct)
                ?? throw InboxException.NotFound("Message");
            if (message.DiscardedAt is not null) throw InboxException.Conflict("This message was discarded", MessagingErrors.NotRetryable);
            if (message.Status is not (MessageStatus.FAILED or MessageStatus.UNKNOWN))
                throw InboxException.Conflict($"Only failed or unknown messages can be retried; this one is {message.Status}", MessagingErrors.NotRetryable);
            var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == message.ConversationId, ct);
            if (message.Type != MessageType.TEMPLATE) EnsureWindowOpen(conversation, now);
            await EnsureChannelAsync(db, conversation.PhoneNumberId, ct);
            if (message.ErrorCode == ChannelException.MarketingCapCode && message.FailedAt is { } failedAt && now - failedAt < TimeSpan.FromHours(12))
                throw InboxException.Conflict("Meta's marketing cap (131049): retry no sooner than 12 hours after the failure", MessagingErrors.RetryTooSoon);

            var previous = message.Status;
            var reset = await db.ChangeRaisingAsync(() => db.Messages.Where(m => m.Id == messageId && m.Status == previous && m.DiscardedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.PENDING)
                    .SetProperty(m => m.WaMessageId, (string?)null)
                    // Media we hold is uploaded again (a 131053 may have come from the earlier upload).
                    .SetProperty(m => m.MediaId, m => m.MediaPath != null ? null : m.MediaId)
                    .SetProperty(m => m.ErrorCode, (string?)null)
                    .SetProperty(m => m.ErrorTitle, (string?)null)
                    .SetProperty(m => m.ErrorDetails, (string?)null)
                    .SetProperty(m => m.FailedAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.SentAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.DeliveredAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.ReadAt, (DateTimeOffset?)null), ct),
                n => n == 0 ? [] : [new MessageStatusChanged(org, message.ConversationId, messageId, MessageStatus.PENDING)], ct);
            if (reset == 0) throw InboxException.Conflict("The message changed meanwhile; reload and try again");
        }
        await dispatcher.DispatchAsync(org, messageId, CancellationToken.None);
        await using var read = inboxDb.For(org);
        return await read.MessageDtoAsync(messageId, ct);
    }

    /// <summary>The 24-hour rule in one place: free-form messages only while the customer-service window is open.</summary>
    public static void EnsureWindowOpen(Conversation conversation, DateTimeOffset now)
    {
        if (conversation.IsWindowOpen(now)) return;
        throw new InboxException(409, MessagingErrors.WindowClosed, conversation.LastCustomerMessageAt is null
            ? "The customer has not written yet: only template messages can start this conversation"
            : "More than 24 hours have passed since the customer's last message: only template messages can be sent until they reply");
    }

    private static async Task EnsureChannelAsync(InboxDbContext db, Guid phoneNumberId, CancellationToken ct)
    {
        var number = await db.PhoneNumbers.AsNoTracking().Where(p => p.Id == phoneNumberId)
            .Select(p => new { p.IsActive, AccountStatus = p.Account!.Status }).FirstOrDefaultAsync(ct);
        if (number is null || !number.IsActive || number.AccountStatus != WhatsAppAccountStatus.CONNECTED)
            throw InboxException.Conflict("This conversation's WhatsApp number is disconnected or inactive", MessagingErrors.ChannelUnavailable);
    }

    internal static void Touch(Conversation conversation, Message message, Actor actor, DateTimeOffset now)
    {
        conversation.LastMessagePreview = PreviewOf(message);
        conversation.LastMessageDirection = MessageDirection.OUTBOUND;
        if (message.Timestamp > conversation.LastMessageAt) conversation.LastMessageAt = message.Timestamp;
        // Answered: the customer is no longer waiting.
        conversation.WaitingSince = null;
        // The first reply by a person (not an API key or integration) is the first response.
        if (actor.UserId is not null) conversation.FirstResponseAt ??= now;
        conversation.UpdatedAt = now;
        conversation.Version = Guid.NewGuid();
    }

    /// <summary>Saves, retrying the conversation's changes on a concurrency conflict (an inbound message may update it meanwhile).</summary>
    private static async Task SaveWithConversationAsync(InboxDbContext db, Conversation conversation, Action<Conversation> apply, CancellationToken ct)
    {
        apply(conversation);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConcurrencyRetries)
            {
                await db.Entry(conversation).ReloadAsync(ct);
                apply(conversation);
            }
        }
    }
}
