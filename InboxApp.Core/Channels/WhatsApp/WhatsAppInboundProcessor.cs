using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Core.Realtime;
using InboxApp.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>
/// Turns one stored webhook delivery into contacts, conversations, messages and status changes. Idempotent: messages are
/// keyed on their wamid (skipped when already stored), statuses are applied monotonically, so a redelivered or replayed
/// delivery changes nothing. Events are published after each organization's changes are committed.
/// </summary>
public sealed class WhatsAppInboundProcessor(InboxDb inboxDb, IInboxEventBus bus, TimeProvider clock, IOptions<WhatsAppOptions> options, MediaDownloadSignal mediaSignal)
{
    public sealed record Outcome(WebhookDeliveryStatus Status, Guid? OrganizationId, string? Kinds, int Messages, int Statuses, string? Error);

    public async Task<Outcome> ProcessAsync(string payload, CancellationToken ct = default)
    {
        ParsedWebhook parsed;
        try
        {
            parsed = WhatsAppWebhookParser.Parse(payload);
        }
        catch (MalformedWebhookException e)
        {
            return new Outcome(WebhookDeliveryStatus.MALFORMED, null, null, 0, 0, e.Message);
        }
        var kinds = Kinds(parsed);
        if (parsed.Object != "whatsapp_business_account")
            return new Outcome(WebhookDeliveryStatus.MALFORMED, null, kinds, 0, 0, $"Unexpected object '{parsed.Object}'");

        Guid? organizationId = null;
        int messages = 0, statuses = 0;
        var unroutable = new List<string>();
        foreach (var change in parsed.Changes)
        {
            if (change.Messages is { } value)
            {
                var number = await FindNumberAsync(value.PhoneNumberId, ct);
                if (number is null)
                {
                    unroutable.Add(value.PhoneNumberId);
                    continue;
                }
                organizationId ??= number.Value.OrganizationId;
                var (m, s) = await ApplyMessagesAsync(number.Value.OrganizationId, number.Value.Id, value, ct);
                messages += m;
                statuses += s;
            }
            else if (change.Field == "phone_number_quality_update")
            {
                organizationId ??= await ApplyQualityUpdateAsync(change, ct);
            }
        }

        if (unroutable.Count > 0 && organizationId is null)
            return new Outcome(WebhookDeliveryStatus.UNROUTABLE, null, kinds, 0, 0, "Unknown phone number id: " + string.Join(", ", unroutable.Distinct()));
        var note = unroutable.Count > 0 ? "Skipped changes for unknown phone number id: " + string.Join(", ", unroutable.Distinct()) : null;
        return new Outcome(WebhookDeliveryStatus.PROCESSED, organizationId, kinds, messages, statuses, note);
    }

    /// <summary>What a delivery holds, for the event log: <c>messages</c> and <c>statuses</c> for a messages change, else the change's field.</summary>
    private static string Kinds(ParsedWebhook parsed)
    {
        var kinds = new List<string>();
        foreach (var change in parsed.Changes)
        {
            if (change.Messages is not { } value)
            {
                kinds.Add(change.Field);
                continue;
            }
            if (value.Messages.Count > 0 || value.Statuses.Count == 0) kinds.Add("messages");
            if (value.Statuses.Count > 0) kinds.Add("statuses");
        }
        return string.Join(",", kinds.Distinct());
    }

    private async Task<(Guid Id, Guid OrganizationId)?> FindNumberAsync(string metaPhoneNumberId, CancellationToken ct)
    {
        await using var db = inboxDb.System();
        var row = await db.PhoneNumbers.AsNoTracking()
            .Where(p => p.MetaPhoneNumberId == metaPhoneNumberId && p.IsActive)
            .Select(p => new { p.Id, p.OrganizationId })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Id, row.OrganizationId);
    }

    private async Task<(int Messages, int Statuses)> ApplyMessagesAsync(Guid organizationId, Guid phoneNumberId, MessagesValue value, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var events = new List<InboxEvent>();
        await using var db = inboxDb.For(organizationId);

        var incomingIds = value.Messages.Select(m => m.Id).ToList();
        var known = incomingIds.Count == 0 ? [] : (await db.Messages.Where(m => m.WaMessageId != null && incomingIds.Contains(m.WaMessageId))
            .Select(m => m.WaMessageId!).ToListAsync(ct)).ToHashSet();

        var stored = 0;
        var conversations = new Dictionary<Guid, Conversation>();
        foreach (var inbound in value.Messages.OrderBy(m => m.Timestamp))
        {
            if (!known.Add(inbound.Id) || inbound.SenderIdentifier is null) continue;
            var contact = await ResolveContactAsync(db, phoneNumberId, inbound, value.Contacts, now, ct);
            var conversation = await ResolveConversationAsync(db, conversations, phoneNumberId, contact, now, events, ct);
            var message = ToMessage(inbound, conversation.Id, now);
            db.Messages.Add(message);
            stored++;
            if (inbound.Type != MessageType.REACTION)
            {
                conversation.LastMessagePreview = Preview(message);
                conversation.LastMessageDirection = MessageDirection.INBOUND;
                if (inbound.Timestamp > conversation.LastMessageAt) conversation.LastMessageAt = inbound.Timestamp;
                if (conversation.LastCustomerMessageAt is null || inbound.Timestamp > conversation.LastCustomerMessageAt)
                    conversation.LastCustomerMessageAt = inbound.Timestamp;
                conversation.UnreadCount++;
                if (conversation.Status == ConversationStatus.WAITING_FOR_CUSTOMER) conversation.Status = ConversationStatus.OPEN;
            }
            conversation.UpdatedAt = now;
            conversation.Version = Guid.NewGuid();
            events.Add(new MessageReceived(organizationId, conversation.Id, message.Id));
        }

        var applied = await ApplyStatusesAsync(db, organizationId, value.Statuses, events, ct);
        await db.SaveChangesAsync(ct);
        foreach (var conversation in conversations.Values) events.Add(new ConversationUpdated(organizationId, conversation.Id));
        foreach (var e in events) bus.Publish(e);
        if (db.Messages.Local.Any(m => m.MediaStatus == MediaStatus.PENDING)) mediaSignal.Notify();
        return (stored, applied);
    }

    private static async Task<Contact> ResolveContactAsync(InboxDbContext db, Guid phoneNumberId, InboundMessage inbound,
        IReadOnlyList<WebhookContact> contacts, DateTimeOffset now, CancellationToken ct)
    {
        var profile = contacts.FirstOrDefault(c => (c.WaId is not null && c.WaId == inbound.From) || (c.UserId is not null && c.UserId == inbound.FromUserId))
            ?? (contacts.Count == 1 ? contacts[0] : null);
        var waId = inbound.From ?? profile?.WaId;
        var bsuid = inbound.FromUserId ?? profile?.UserId;
        var identifier = waId ?? bsuid!;
        var phoneKey = PhoneKeys.Key(waId);

        var contact = db.Contacts.Local.FirstOrDefault(c => c.PhoneNumberId == phoneNumberId && (c.Identifier == identifier || (bsuid != null && c.Bsuid == bsuid)))
            ?? await db.Contacts.FirstOrDefaultAsync(c => c.PhoneNumberId == phoneNumberId && (c.Identifier == identifier || (bsuid != null && c.Bsuid == bsuid)), ct);
        if (contact is null && phoneKey is not null)
            contact = db.Contacts.Local.FirstOrDefault(c => c.PhoneNumberId == phoneNumberId && c.PhoneKey == phoneKey)
                ?? await db.Contacts.FirstOrDefaultAsync(c => c.PhoneNumberId == phoneNumberId && c.PhoneKey == phoneKey, ct);
        if (contact is null)
        {
            contact = new Contact { PhoneNumberId = phoneNumberId, Identifier = identifier, ReplyTo = identifier, CreatedAt = now };
            db.Contacts.Add(contact);
        }
        contact.WaId = waId ?? contact.WaId;
        contact.Bsuid = bsuid ?? contact.Bsuid;
        contact.Phone = PhoneKeys.Digits(waId) ?? contact.Phone;
        contact.PhoneKey = phoneKey ?? contact.PhoneKey;
        contact.ProfileName = profile?.ProfileName ?? contact.ProfileName;
        contact.Username = profile?.Username ?? contact.Username;
        // Reply to the identifier this webhook gave.
        contact.ReplyTo = inbound.SenderIdentifier!;
        contact.UpdatedAt = now;
        return contact;
    }

    private async Task<Conversation> ResolveConversationAsync(InboxDbContext db, Dictionary<Guid, Conversation> touched, Guid phoneNumberId,
        Contact contact, DateTimeOffset now, List<InboxEvent> events, CancellationToken ct)
    {
        var conversation = touched.Values.FirstOrDefault(c => c.ContactId == contact.Id);
        if (conversation is not null) return conversation;

        conversation = await db.Conversations
            .Where(c => c.ContactId == contact.Id && c.Status != ConversationStatus.CLOSED)
            .OrderByDescending(c => c.LastMessageAt).FirstOrDefaultAsync(ct);
        if (conversation is null)
        {
            var reopenAfter = now.AddHours(-options.Value.ReopenWithinHours);
            conversation = await db.Conversations
                .Where(c => c.ContactId == contact.Id && c.Status == ConversationStatus.CLOSED && c.ResolvedAt != null && c.ResolvedAt > reopenAfter)
                .OrderByDescending(c => c.ResolvedAt).FirstOrDefaultAsync(ct);
            if (conversation is not null)
            {
                conversation.Status = ConversationStatus.OPEN;
                conversation.ResolvedAt = null;
            }
        }
        if (conversation is null)
        {
            conversation = new Conversation
            {
                PhoneNumberId = phoneNumberId,
                ContactId = contact.Id,
                Status = ConversationStatus.OPEN,
                Origin = ConversationOrigin.INBOUND,
                CreatedAt = now,
                LastMessageAt = now,
            };
            db.Conversations.Add(conversation);
            events.Add(new ConversationCreated(db.TenantId, conversation.Id));
        }
        touched[conversation.Id] = conversation;
        return conversation;
    }

    private static async Task<int> ApplyStatusesAsync(InboxDbContext db, Guid organizationId, IReadOnlyList<StatusUpdate> updates, List<InboxEvent> events, CancellationToken ct)
    {
        if (updates.Count == 0) return 0;
        var ids = updates.Select(u => u.MessageId).Distinct().ToList();
        var byWamid = await db.Messages.Where(m => m.WaMessageId != null && ids.Contains(m.WaMessageId)).ToDictionaryAsync(m => m.WaMessageId!, ct);
        // A send whose response was lost has no wamid yet: our message id travels in biz_opaque_callback_data.
        var callbackIds = updates.Where(u => !byWamid.ContainsKey(u.MessageId) && Guid.TryParse(u.CallbackData, out _))
            .Select(u => Guid.Parse(u.CallbackData!)).Distinct().ToList();
        var byOwnId = callbackIds.Count == 0 ? [] : await db.Messages.Where(m => callbackIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);

        var applied = 0;
        foreach (var update in updates.OrderBy(u => u.Timestamp))
        {
            if (!byWamid.TryGetValue(update.MessageId, out var message))
            {
                if (!Guid.TryParse(update.CallbackData, out var ownId) || !byOwnId.TryGetValue(ownId, out message)) continue;
                message.WaMessageId ??= update.MessageId;
                byWamid[update.MessageId] = message;
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

    private async Task<Guid?> ApplyQualityUpdateAsync(ParsedChange change, CancellationToken ct)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(change.RawValueJson);
        var root = doc.RootElement;
        var display = root.TryGetProperty("display_phone_number", out var d) ? d.GetString() : null;
        var digits = PhoneKeys.Digits(display);
        if (digits is null) return null;
        await using var db = inboxDb.System();
        var numbers = await db.PhoneNumbers.Where(p => p.IsActive).ToListAsync(ct);
        var number = numbers.FirstOrDefault(p => PhoneKeys.Digits(p.DisplayPhoneNumber) == digits);
        if (number is null) return null;
        if (root.TryGetProperty("event", out var ev) && ev.GetString() is { } quality and not "ONBOARDING")
            number.QualityRating = quality switch { "DOWNGRADE" or "FLAGGED" => "FLAGGED", "UPGRADE" or "UNFLAGGED" => "GREEN", _ => quality };
        if (root.TryGetProperty("current_limit", out var limit) && limit.GetString() is { } tier) number.MessagingLimitTier = tier;
        number.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return number.OrganizationId;
    }

    private static Message ToMessage(InboundMessage m, Guid conversationId, DateTimeOffset now) => new()
    {
        ConversationId = conversationId,
        Direction = MessageDirection.INBOUND,
        Type = m.Type,
        WaMessageId = m.Id,
        Text = Truncate(m.Text, 8192),
        Caption = Truncate(m.Caption, 2048),
        MediaId = m.MediaId,
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
        Status = MessageStatus.RECEIVED,
        RawJson = Truncate(m.RawJson, 65536),
        Timestamp = m.Timestamp,
        CreatedAt = now,
    };

    public static string Preview(Message m)
    {
        var text = m.Type switch
        {
            MessageType.TEXT or MessageType.INTERACTIVE or MessageType.BUTTON or MessageType.SYSTEM or MessageType.ORDER or MessageType.CONTACTS or MessageType.REFERRAL => m.Text,
            MessageType.IMAGE => "📷 " + (m.Caption ?? "Photo"),
            MessageType.VIDEO => "🎥 " + (m.Caption ?? "Video"),
            MessageType.AUDIO => "🎤 Audio",
            MessageType.DOCUMENT => "📄 " + (m.FileName ?? m.Caption ?? "Document"),
            MessageType.STICKER => "Sticker",
            MessageType.LOCATION => "📍 " + (m.LocationName ?? "Location"),
            _ => "Unsupported message",
        };
        return Truncate(text ?? m.Type.ToString().ToLowerInvariant(), 200)!;
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
