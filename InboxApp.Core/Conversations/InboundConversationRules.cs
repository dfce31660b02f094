namespace InboxApp.Core.Conversations;

/// <summary>
/// What a customer's new message does to the conversations (the rules belong to Conversations; the webhook processor applies
/// them to what it loaded for a batch): which conversation it joins (the contact's open one, else one closed recently enough
/// to reopen, else a new one) and how that conversation changes (the newest message's preview, unread count, the
/// customer-service window, who waits for an answer). Pure functions over loaded entities: no queries, no saves.
/// </summary>
public static class InboundConversationRules
{
    /// <summary>The moment before which a closed conversation is no longer reopened by a new message.</summary>
    public static DateTimeOffset ReopenAfter(DateTimeOffset now, int reopenWithinHours) => now.AddHours(-reopenWithinHours);

    /// <summary>
    /// The conversation a message of <paramref name="contactId"/> joins: one this batch already touched, else the contact's
    /// newest open one, else the most recently resolved one closed after <paramref name="reopenAfter"/> (then
    /// <paramref name="reopened"/> is true and it has been reopened with <paramref name="status"/>); null when a new one starts.
    /// </summary>
    public static Conversation? Join(IEnumerable<Conversation> touched, IReadOnlyList<Conversation> candidates, Guid contactId, DateTimeOffset reopenAfter,
        ConversationStatus status, out bool reopened)
    {
        reopened = false;
        var conversation = touched.FirstOrDefault(c => c.ContactId == contactId)
            ?? candidates.Where(c => c.ContactId == contactId && c.Status != ConversationStatus.CLOSED).OrderByDescending(c => c.LastMessageAt).FirstOrDefault();
        if (conversation is not null) return conversation;
        conversation = candidates
            .Where(c => c.ContactId == contactId && c.Status == ConversationStatus.CLOSED && c.ResolvedAt != null && c.ResolvedAt > reopenAfter)
            .OrderByDescending(c => c.ResolvedAt).FirstOrDefault();
        if (conversation is null) return null;
        conversation.Status = status;
        conversation.ResolvedAt = null;
        reopened = true;
        return conversation;
    }

    /// <summary>A new inbound conversation; its last message time is the first message's own (a message sent earlier but delivered later is older).</summary>
    public static Conversation Start(Guid phoneNumberId, Guid contactId, ConversationStatus status, DateTimeOffset messageAt, DateTimeOffset now) => new()
    {
        PhoneNumberId = phoneNumberId,
        ContactId = contactId,
        Status = status,
        Origin = ConversationOrigin.INBOUND,
        CreatedAt = now,
        LastMessageAt = messageAt,
    };

    /// <summary>
    /// A new message in the conversation. The preview follows the newest message (deliveries arrive in any order; reactions
    /// are not previews). A customer's message (<paramref name="fromCustomer"/>) opens the window, counts as unread and
    /// waits for an answer (and a conversation waiting for the customer is open again); an echo (the business answered
    /// from its WhatsApp Business app) ends the wait it answers. Answers whether the message answered a conversation that was
    /// waiting for the customer (the caller raises <see cref="ConversationAnswered"/>).
    /// </summary>
    public static bool Apply(Conversation conversation, DateTimeOffset messageAt, MessageDirection direction, string? preview, bool isReaction, bool fromCustomer,
        bool isEcho, DateTimeOffset now)
    {
        var answered = false;
        if (!isReaction && messageAt >= conversation.LastMessageAt)
        {
            conversation.LastMessagePreview = preview;
            conversation.LastMessageDirection = direction;
            conversation.LastMessageAt = messageAt;
        }
        if (fromCustomer)
        {
            if (conversation.LastCustomerMessageAt is null || messageAt > conversation.LastCustomerMessageAt) conversation.LastCustomerMessageAt = messageAt;
            conversation.UnreadCount++;
            if (conversation.WaitingSince is null || messageAt < conversation.WaitingSince) conversation.WaitingSince = messageAt;
            if (conversation.Status == ConversationStatus.WAITING_FOR_CUSTOMER)
            {
                conversation.Status = ConversationStatus.OPEN;
                answered = true;
            }
        }
        else if (isEcho && conversation.WaitingSince is not null && conversation.WaitingSince <= messageAt)
            conversation.WaitingSince = null;
        conversation.UpdatedAt = now;
        conversation.Version = Guid.NewGuid();
        return answered;
    }
}
