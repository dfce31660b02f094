using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Outcome = InboxApp.Core.Webhooks.WebhookOutcome;
using Result = InboxApp.Core.Webhooks.WebhookResult;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>Applying messages and statuses of one organization's deliveries: prefetch what they touch, change it in memory, commit once.</summary>
public sealed partial class WhatsAppInboundProcessor
{
    /// <summary>The sender of an inbound message: its profile entry, wa_id, BSUID, stable identifier and phone key.</summary>
    private sealed record Sender(WebhookContact? Profile, string? WaId, string? Bsuid, string Identifier, string? PhoneKey);

    private static Sender Identify(InboundMessage inbound, IReadOnlyList<WebhookContact> contacts)
    {
        var profile = contacts.FirstOrDefault(c => (c.WaId is not null && c.WaId == inbound.From) || (c.UserId is not null && c.UserId == inbound.FromUserId))
            ?? (contacts.Count == 1 ? contacts[0] : null);
        var waId = inbound.From ?? profile?.WaId;
        var bsuid = inbound.FromUserId ?? profile?.UserId;
        return new Sender(profile, waId, bsuid, (waId ?? bsuid)!, PhoneKeys.Key(waId));
    }

    /// <summary>Stores the items' new messages and applies their statuses in one commit; returns what each delivery changed.</summary>
    private async Task<Dictionary<int, (int Messages, int Statuses)>> ApplyMessagesAsync(Guid organizationId, List<Item> items, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var events = new List<InboxEvent>();
        var counts = new Dictionary<int, (int Messages, int Statuses)>();
        var started = WebhookTimings.Start();
        await using var db = inboxDb.For(organizationId);

        // Edits and revokes change a stored message; one whose original is not stored yet is stored as that original.
        var incomingIds = items.SelectMany(i => i.Value.Messages.Select(StoredId)).Distinct().ToList();
        var known = incomingIds.Count == 0 ? [] : (await db.Messages.Where(m => incomingIds.Contains(m.WaMessageId!))
            .Select(m => m.WaMessageId!).ToListAsync(ct)).ToHashSet();
        var originals = await ChangedMessagesAsync(db, items, known, ct);
        var fresh = items.SelectMany(i => i.Value.Messages
            .Where(m => !known.Contains(StoredId(m)) && m.SenderIdentifier is not null)
            .Select(m => (Item: i, Sender: Identify(m, i.Value.Contacts)))).ToList();
        // Looked up in these lists, never through DbSet.Local (each access to it runs DetectChanges over everything tracked).
        var (contacts, candidates) = await PreloadAsync(db, fresh.Select(f => (f.Item.PhoneNumberId, f.Sender)).ToList(), now, ct);
        var taken = await IdentifiersInUseAsync(db, items, ct);

        var conversations = new Dictionary<Guid, Conversation>();
        // New messages are inserted after the tracked changes, in the same transaction (see SaveAsync).
        var added = new List<Message>();
        // New and reopened conversations start with the bot when the organization has it on, else open for agents.
        var initialStatus = fresh.Count == 0 ? ConversationStatus.OPEN
            : await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.BotEnabled).FirstOrDefaultAsync(ct)
                ? ConversationStatus.BOT_HANDLING : ConversationStatus.OPEN;
        WebhookTimings.Stop(WebhookPhase.Preload, started);
        started = WebhookTimings.Start();
        foreach (var item in items)
        {
            var stored = 0;
            foreach (var inbound in item.Value.Messages.OrderBy(m => m.Timestamp))
            {
                if (inbound.Action != InboundAction.NEW && originals.TryGetValue(inbound.TargetMessageId!, out var original))
                {
                    if (ApplyChange(original, inbound))
                    {
                        await RefreshPreviewAsync(db, conversations, original, now, ct);
                        events.Add(new ConversationUpdated(organizationId, original.ConversationId));
                    }
                    stored++;
                    continue;
                }
                if (inbound.Action == InboundAction.NEW && originals.TryGetValue(inbound.Id, out var standIn) && standIn.Timestamp is var shownAt
                    && CompleteStandIn(standIn, inbound, now))
                {
                    await RefreshPreviewAsync(db, conversations, standIn, now, ct, shownAt);
                    events.Add(new ConversationUpdated(organizationId, standIn.ConversationId));
                    if (standIn.MediaStatus == MediaStatus.PENDING)
                        events.Add(new MessageMediaChanged(organizationId, standIn.ConversationId, standIn.Id, MediaStatus.PENDING));
                    stored++;
                    continue;
                }
                if (!known.Add(StoredId(inbound)) || inbound.SenderIdentifier is null) continue;
                var contact = ResolveContact(db, contacts, item.PhoneNumberId, inbound, Identify(inbound, item.Value.Contacts), now);
                // The bot answers customers: a conversation the business starts from its WhatsApp Business app is for people.
                var conversation = ResolveConversation(db, candidates, conversations, item.PhoneNumberId, contact, inbound.Timestamp, now,
                    inbound.IsEcho ? ConversationStatus.OPEN : initialStatus, events);
                var message = ToMessage(inbound, conversation.Id, now);
                message.OrganizationId = organizationId;
                added.Add(message);
                originals[message.WaMessageId!] = message;
                stored++;
                if (inbound.Details?.IdentityChange is { } change && ChangeIdentity(contact, change, taken, now))
                    events.Add(new ContactUpdated(organizationId, conversation.Id, contact.Id));
                // The conversation rules live in Conversations: preview, unread count, window, waiting.
                var isReaction = inbound.Type == MessageType.REACTION;
                var fromCustomer = !inbound.IsEcho && inbound.Type is not (MessageType.REACTION or MessageType.SYSTEM);
                if (InboundConversationRules.Apply(conversation, inbound.Timestamp, message.Direction, isReaction ? null : Preview(message), isReaction, fromCustomer,
                    inbound.IsEcho, now))
                    db.Raise(new ConversationAnswered(organizationId, conversation.Id)); // with this save, as the events below
                if (!inbound.IsEcho && inbound.Type != MessageType.SYSTEM)
                    events.Add(new MessageReceived(organizationId, conversation.Id, message.Id, message.MediaStatus == MediaStatus.PENDING));
                else if (message.MediaStatus == MediaStatus.PENDING)
                    events.Add(new MessageMediaChanged(organizationId, conversation.Id, message.Id, MediaStatus.PENDING)); // the downloader's wake-up
                if (inbound.Type == MessageType.REACTION)
                    events.Add(new MessageReactionReceived(organizationId, conversation.Id, message.Id, message.ContextWaMessageId, message.Emoji));
            }
            counts[item.Delivery] = (counts.GetValueOrDefault(item.Delivery).Messages + stored, counts.GetValueOrDefault(item.Delivery).Statuses);
        }

        var targets = await StatusTargetsAsync(db, items.SelectMany(i => i.Value.Statuses).ToList(), ct);
        foreach (var item in items)
        {
            var applied = ApplyStatuses(organizationId, item.Value.Statuses, targets, events);
            counts[item.Delivery] = (counts[item.Delivery].Messages, counts[item.Delivery].Statuses + applied);
        }

        foreach (var conversation in conversations.Values) events.Add(new ConversationUpdated(organizationId, conversation.Id));
        // Raised with this save: durable listeners' outbox rows commit with the messages, the rest is published after the commit.
        foreach (var e in events) db.Raise(e);
        WebhookTimings.Stop(WebhookPhase.Build, started);
        started = WebhookTimings.Start();
        await SaveAsync(db, added, ct);
        WebhookTimings.Stop(WebhookPhase.Save, started);
        return counts;
    }

    /// <summary>
    /// Commits the tracked changes (contacts, conversations, changed messages, outbox rows) and the new messages in one
    /// transaction. On SQLite the rows of the batch's hot path go through statements compiled once per batch instead of one
    /// command per row (EF Core's SQLite provider compiles each row's statement again, with its indexes and triggers): the
    /// conversations' updates (<see cref="PreparedUpdate"/>), the outbox rows and the new messages (<see cref="PreparedInsert"/>);
    /// EF Core saves the rest (new contacts and conversations, changed contacts and messages). Elsewhere EF Core batches
    /// everything. Deferred: on SQLite this locks the main file only, so acknowledgements keep committing to the webhook spool
    /// meanwhile.
    /// </summary>
    private static async Task SaveAsync(InboxDbContext db, List<Message> added, CancellationToken ct)
    {
        if (RowBatch.Supported(db))
        {
            // PostgreSQL: new contacts, conversations and messages, the changed ones and the outbox rows go in one prepared
            // batch (one round trip, in dependency order); EF Core then saves whatever else the batch left tracked, if anything.
            await db.PrepareOutboxAsync(ct);
            await db.InDeferredTransactionAsync(async () =>
            {
                var started = WebhookTimings.Start();
                var outbox = db.TakeOutboxRows();
                db.GuardTenant(); // what SaveChanges does first: new rows get the organization
                var batch = RowBatch.For(db);
                batch.InsertAdded<Contact>();
                batch.UpdateModified<Contact>();
                batch.InsertAdded<Conversation>();
                batch.UpdateModified<Conversation>();
                batch.InsertAdded<Message>();
                batch.UpdateModified<Message>();
                batch.Insert(outbox);
                batch.Insert(added);
                WebhookTimings.Stop(WebhookPhase.SaveTracked, started);
                started = WebhookTimings.Start();
                var written = await batch.ExecuteAsync(ct);
                var saved = await db.SaveChangesAsync(ct);
                WebhookTimings.Stop(WebhookPhase.SaveInsert, started);
                return written + saved;
            }, ct);
            return;
        }
        if (!db.Database.IsSqlite())
        {
            db.Messages.AddRange(added);
            await db.SaveChangesDeferredAsync(ct);
            return;
        }
        // The durable listeners' interest answers (usually cached) before the write lane is taken.
        await db.PrepareOutboxAsync(ct);
        await db.InDeferredTransactionAsync(async () =>
        {
            var started = WebhookTimings.Start();
            var outbox = db.TakeOutboxRows();
            var updated = await PreparedUpdate.UpdateModifiedAsync<Conversation>(db, ct);
            // New contacts and conversations before the messages that refer to them.
            var saved = await db.SaveChangesAsync(ct);
            WebhookTimings.Stop(WebhookPhase.SaveTracked, started);
            started = WebhookTimings.Start();
            await PreparedInsert.InsertAsync(db, outbox, ct);
            await PreparedInsert.InsertAsync(db, added, ct);
            WebhookTimings.Stop(WebhookPhase.SaveInsert, started);
            return updated + saved + outbox.Count + added.Count;
        }, ct);
    }

    /// <summary>
    /// Loads, in three queries, every contact the new messages may belong to (by identifier, BSUID or phone key) and those
    /// contacts' open and recently closed conversations, so resolving them needs no further round trip.
    /// </summary>
    private async Task<(List<Contact> Contacts, List<Conversation> Conversations)> PreloadAsync(InboxDbContext db,
        List<(Guid PhoneNumberId, Sender Sender)> senders, DateTimeOffset now, CancellationToken ct)
    {
        if (senders.Count == 0) return ([], []);
        var numbers = senders.Select(s => s.PhoneNumberId).Distinct().ToList();
        var identifiers = senders.SelectMany(s => new[] { s.Sender.Identifier, s.Sender.WaId, s.Sender.Bsuid }).OfType<string>().Distinct().ToList();
        // By identifier first (unique index); only senders not found that way are looked up by BSUID or phone key.
        var contacts = await db.Contacts.Where(c => numbers.Contains(c.PhoneNumberId) && identifiers.Contains(c.Identifier)).ToListAsync(ct);
        var unmatched = senders.Where(s => !contacts.Any(c => c.PhoneNumberId == s.PhoneNumberId
            && (c.Identifier == s.Sender.Identifier || c.Identifier == s.Sender.WaId || c.Identifier == s.Sender.Bsuid))).ToList();
        var bsuids = unmatched.Select(s => s.Sender.Bsuid).OfType<string>().Distinct().ToList();
        var phoneKeys = unmatched.Select(s => s.Sender.PhoneKey).OfType<string>().Distinct().ToList();
        if (bsuids.Count > 0 || phoneKeys.Count > 0)
        {
            var known = contacts.Select(c => c.Id).ToList();
            contacts.AddRange(await db.Contacts
                .Where(c => numbers.Contains(c.PhoneNumberId) && !known.Contains(c.Id)
                    && ((c.Bsuid != null && bsuids.Contains(c.Bsuid)) || (c.PhoneKey != null && phoneKeys.Contains(c.PhoneKey))))
                .ToListAsync(ct));
        }
        if (contacts.Count == 0) return (contacts, []);
        var contactIds = contacts.Select(c => c.Id).ToList();
        var reopenAfter = InboundConversationRules.ReopenAfter(now, options.Value.ReopenWithinHours);
        var conversations = await db.Conversations
            .Where(c => contactIds.Contains(c.ContactId)
                && (c.Status != ConversationStatus.CLOSED || (c.ResolvedAt != null && c.ResolvedAt > reopenAfter)))
            .ToListAsync(ct);
        return (contacts, conversations);
    }

    /// <summary>Finds the sender's contact among the preloaded and new ones (by identifier or BSUID, then phone key) or adds it.</summary>
    private static Contact ResolveContact(InboxDbContext db, List<Contact> contacts, Guid phoneNumberId, InboundMessage inbound, Sender sender, DateTimeOffset now)
    {
        var (profile, waId, bsuid, identifier, phoneKey) = sender;
        var contact = contacts.FirstOrDefault(c => c.PhoneNumberId == phoneNumberId && (c.Identifier == identifier || (bsuid != null && c.Bsuid == bsuid)));
        if (contact is null && phoneKey is not null)
            contact = contacts.FirstOrDefault(c => c.PhoneNumberId == phoneNumberId && c.PhoneKey == phoneKey);
        if (contact is null)
        {
            contact = new Contact { PhoneNumberId = phoneNumberId, Identifier = identifier, ReplyTo = identifier, CreatedAt = now };
            db.Contacts.Add(contact);
            contacts.Add(contact);
            db.Raise(new ContactCreated(db.TenantId, contact.Id));
        }
        var changed = false;
        Set(contact.WaId, waId ?? contact.WaId, v => contact.WaId = v, ref changed);
        Set(contact.Bsuid, bsuid ?? contact.Bsuid, v => contact.Bsuid = v, ref changed);
        Set(contact.Phone, PhoneKeys.Digits(waId) ?? contact.Phone, v => contact.Phone = v, ref changed);
        Set(contact.PhoneKey, phoneKey ?? contact.PhoneKey, v => contact.PhoneKey = v, ref changed);
        Set(contact.ProfileName, profile?.ProfileName ?? contact.ProfileName, v => contact.ProfileName = v, ref changed);
        Set(contact.Username, profile?.Username ?? contact.Username, v => contact.Username = v, ref changed);
        // Reply to the identifier this webhook gave.
        Set(contact.ReplyTo, inbound.SenderIdentifier!, v => contact.ReplyTo = v!, ref changed);
        // A known contact that sent nothing new is not written again (most messages come from known customers).
        if (changed) contact.UpdatedAt = now;
        return contact;
    }

    private static void Set(string? current, string? value, Action<string?> assign, ref bool changed)
    {
        if (string.Equals(current, value, StringComparison.Ordinal)) return;
        assign(value);
        changed = true;
    }

    /// <summary>The contact's open conversation, else one closed recently enough to reopen, else a new one.</summary>
    private Conversation ResolveConversation(InboxDbContext db, List<Conversation> candidates, Dictionary<Guid, Conversation> touched, Guid phoneNumberId,
        Contact contact, DateTimeOffset messageAt, DateTimeOffset now, ConversationStatus initialStatus, List<InboxEvent> events)
    {
        var conversation = InboundConversationRules.Join(touched.Values, candidates, contact.Id,
            InboundConversationRules.ReopenAfter(now, options.Value.ReopenWithinHours), initialStatus, out var reopened);
        if (reopened) events.Add(new ConversationReopened(db.TenantId, conversation!.Id));
        if (conversation is null)
        {
            conversation = InboundConversationRules.Start(phoneNumberId, contact.Id, initialStatus, messageAt, now);
            db.Conversations.Add(conversation);
            events.Add(new ConversationCreated(db.TenantId, conversation.Id));
        }
        touched[conversation.Id] = conversation;
        return conversation;
    }

    private sealed record StatusTargets(Dictionary<string, Message> ByWamid, Dictionary<Guid, Message> ByOwnId);

    /// <summary>The messages the status updates are about: by wamid, or for a send whose response was lost, by our id in biz_opaque_callback_data.</summary>
    private static async Task<StatusTargets> StatusTargetsAsync(InboxDbContext db, List<StatusUpdate> updates, CancellationToken ct)
    {
        if (updates.Count == 0) return new StatusTargets([], []);
        var ids = updates.Select(u => u.MessageId).Distinct().ToList();
        var byWamid = await db.Messages.Where(m => ids.Contains(m.WaMessageId!)).ToDictionaryAsync(m => m.WaMessageId!, ct);
        var callbackIds = updates.Where(u => !byWamid.ContainsKey(u.MessageId) && Guid.TryParse(u.CallbackData, out _))
            .Select(u => Guid.Parse(u.CallbackData!)).Distinct().ToList();
        var byOwnId = callbackIds.Count == 0 ? [] : await db.Messages.Where(m => callbackIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return new StatusTargets(byWamid, byOwnId);
    }

    private static int ApplyStatuses(Guid organizationId, IReadOnlyList<StatusUpdate> updates, StatusTargets targets, List<InboxEvent> events)
    {
        var applied = 0;
        foreach (var update in updates.OrderBy(u => u.Timestamp))
        {
            if (!targets.ByWamid.TryGetValue(update.MessageId, out var message))
            {
                if (!Guid.TryParse(update.CallbackData, out var ownId) || !targets.ByOwnId.TryGetValue(ownId, out message)) continue;
                message.WaMessageId ??= update.MessageId;
                targets.ByWamid[update.MessageId] = message;
            }
            if (MessageStatusMachine.FromWebhook(update.Status) is not { } status) continue;
            applied++;
            if (update.PricingCategory is not null) message.PricingCategory = update.PricingCategory;
            if (update.Billable is not null) message.Billable = update.Billable;
            if (MessageStatusMachine.Apply(message, status, update.Timestamp, update.ErrorCode, update.ErrorTitle, update.ErrorDetails))
                events.Add(new MessageStatusChanged(organizationId, message.ConversationId, message.Id, message.Status));
        }
        return applied;
    }
}
