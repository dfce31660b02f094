using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Outcome = InboxApp.Core.Webhooks.WebhookOutcome;
using Result = InboxApp.Core.Webhooks.WebhookResult;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>Inbound items that change what is stored: edits, revokes, and a customer's changed number or BSUID.</summary>
public sealed partial class WhatsAppInboundProcessor
{
    private const int MaxEarlierTexts = 5;

    /// <summary>The wamid an item is stored under: its own, or for an edit or revoke, the original's.</summary>
    private static string StoredId(InboundMessage m) => m.Action == InboundAction.NEW ? m.Id : m.TargetMessageId!;

    /// <summary>
    /// The stored messages the items change, by wamid (tracked): the originals of their edits and revokes, and stand-ins that
    /// an edit or revoke stored before the original the items bring. One query, only when there are any (rare).
    /// </summary>
    private static async Task<Dictionary<string, Message>> ChangedMessagesAsync(InboxDbContext db, List<Item> items, HashSet<string> known, CancellationToken ct)
    {
        var inbound = items.SelectMany(i => i.Value.Messages).ToList();
        var targets = inbound.Where(m => m.Action != InboundAction.NEW && known.Contains(m.TargetMessageId!)).Select(m => m.TargetMessageId!).Distinct().ToList();
        var late = inbound.Where(m => m.Action == InboundAction.NEW && known.Contains(m.Id)).Select(m => m.Id).Distinct().ToList();
        var found = targets.Count == 0 ? [] : await db.Messages.Where(m => targets.Contains(m.WaMessageId!)).ToDictionaryAsync(m => m.WaMessageId!, ct);
        if (late.Count == 0) return found;
        // A stand-in was edited or revoked (that is how it was stored); redeliveries of ordinary messages mostly were not.
        foreach (var standIn in await db.Messages.Where(m => late.Contains(m.WaMessageId!) && (m.RevokedAt != null || m.EditedAt != null)).ToListAsync(ct))
            found.TryAdd(standIn.WaMessageId!, standIn);
        return found;
    }

    /// <summary>
    /// The original of an edit or revoke that arrived first: its content fills the stand-in, which stays edited or deleted
    /// for the customer. An edit keeps its text; the original's text becomes the earliest of the earlier texts. False when
    /// <paramref name="stored"/> is no stand-in (the inbound message is a redelivery).
    /// </summary>
    private static bool CompleteStandIn(Message stored, InboundMessage inbound, DateTimeOffset now)
    {
        if (stored.Details?.StandIn is null || inbound.Action != InboundAction.NEW) return false;
        var standIn = stored.Details;
        var (editedText, editedCaption) = (stored.Text, stored.Caption);
        var original = ToMessage(inbound, stored.ConversationId, now);
        stored.Type = original.Type;
        stored.Text = original.Text;
        stored.Caption = original.Caption;
        stored.MediaId = original.MediaId;
        stored.MimeType = original.MimeType;
        stored.FileName = original.FileName;
        stored.MediaSha256 = original.MediaSha256;
        stored.MediaStatus = original.MediaStatus;
        stored.Latitude = original.Latitude;
        stored.Longitude = original.Longitude;
        stored.LocationName = original.LocationName;
        stored.LocationAddress = original.LocationAddress;
        stored.ReplyOptionId = original.ReplyOptionId;
        stored.ReplyOptionTitle = original.ReplyOptionTitle;
        stored.ContextWaMessageId = original.ContextWaMessageId;
        stored.Emoji = original.Emoji;
        stored.RawJson = original.RawJson;
        stored.Timestamp = original.Timestamp;
        var details = (original.Details ?? new MessageDetails()) with { EarlierTexts = standIn.EarlierTexts };
        if (stored.EditedAt is not null)
        {
            var captioned = stored.Type is MessageType.IMAGE or MessageType.VIDEO or MessageType.DOCUMENT;
            var before = captioned ? stored.Caption : stored.Text;
            if (captioned) stored.Caption = editedCaption ?? editedText;
            else stored.Text = editedText ?? editedCaption;
            var replacedAt = standIn.EarlierTexts is { Count: > 0 } earlier ? earlier[0].Until : stored.EditedAt.Value;
            details = details with { EarlierTexts = [new EarlierText(before, replacedAt), .. (standIn.EarlierTexts ?? [])] };
        }
        stored.Details = details.IsEmpty ? null : details;
        return true;
    }

    /// <summary>
    /// Applies an edit or revoke to its original; false when it changes nothing (a redelivery, or an edit older than the last
    /// one applied). An edit keeps the text agents saw in <see cref="MessageDetails.EarlierTexts"/>; a revoke keeps the text.
    /// </summary>
    private static bool ApplyChange(Message original, InboundMessage change)
    {
        if (change.Action == InboundAction.REVOKE)
        {
            if (original.RevokedAt is not null) return false;
            original.RevokedAt = change.Timestamp;
            return true;
        }
        if (original.EditedAt is { } edited && change.Timestamp <= edited) return false;
        var captioned = original.Type is MessageType.IMAGE or MessageType.VIDEO or MessageType.DOCUMENT;
        var before = captioned ? original.Caption : original.Text;
        var after = Truncate(change.Text ?? change.Caption, captioned ? 2048 : 8192);
        if (after is null || after == before) return false;
        var details = original.Details ?? new MessageDetails();
        // The last few versions (a message can be edited again and again within WhatsApp's 15 minutes).
        original.Details = details with { EarlierTexts = [.. (details.EarlierTexts ?? []).TakeLast(MaxEarlierTexts - 1), new EarlierText(before, change.Timestamp)] };
        if (captioned) original.Caption = after;
        else original.Text = after;
        original.EditedAt = change.Timestamp;
        return true;
    }

    /// <summary>When the changed message is the conversation's newest, the inbox list shows its new text (edits are rare: one lookup each).</summary>
    /// <param name="shownAt">The time the message was listed at, when it changed (a stand-in takes its original's time).</param>
    private static async Task RefreshPreviewAsync(InboxDbContext db, Dictionary<Guid, Conversations.Conversation> touched, Message changed, DateTimeOffset now,
        CancellationToken ct, DateTimeOffset? shownAt = null)
    {
        if (changed.Type == MessageType.REACTION) return;
        var conversation = touched.GetValueOrDefault(changed.ConversationId) ?? await db.Conversations.FindAsync([changed.ConversationId], ct);
        if (conversation is null || (shownAt ?? changed.Timestamp) < conversation.LastMessageAt) return;
        conversation.LastMessagePreview = Preview(changed);
        conversation.UpdatedAt = now;
        conversation.Version = Guid.NewGuid();
    }

    /// <summary>Identifiers a changed number or BSUID would move to that another contact already holds (per phone number).</summary>
    private static async Task<HashSet<(Guid PhoneNumberId, string Identifier)>> IdentifiersInUseAsync(InboxDbContext db, List<Item> items, CancellationToken ct)
    {
        var targets = items.SelectMany(i => i.Value.Messages).Select(m => m.Details?.IdentityChange?.To).OfType<string>().Distinct().ToList();
        if (targets.Count == 0) return [];
        var rows = await db.Contacts.Where(c => targets.Contains(c.Identifier)).Select(c => new { c.PhoneNumberId, c.Identifier }).ToListAsync(ct);
        return rows.Select(r => (r.PhoneNumberId, r.Identifier)).ToHashSet();
    }

    /// <summary>
    /// <c>user_changed_number</c>: the same contact now has the new number (and replies go there); <c>user_changed_user_id</c>:
    /// the same contact now has the new BSUID. The identifier moves too unless another contact already holds it.
    /// </summary>
    private static bool ChangeIdentity(Contact contact, IdentityChange change, HashSet<(Guid, string)> taken, DateTimeOffset now)
    {
        var to = change.To!;
        if (to.Length > (change.Kind == "user_changed_number" ? 32 : 128)) return false;
        var oldIdentifier = contact.Identifier;
        if (change.Kind == "user_changed_number")
        {
            var oldWaId = contact.WaId;
            contact.WaId = to;
            contact.Phone = PhoneKeys.Digits(to) ?? contact.Phone;
            contact.PhoneKey = PhoneKeys.Key(to) ?? contact.PhoneKey;
            contact.ReplyTo = to;
            if ((oldIdentifier == oldWaId || oldIdentifier == change.From) && taken.Add((contact.PhoneNumberId, to))) contact.Identifier = to;
        }
        else
        {
            var oldBsuid = contact.Bsuid;
            contact.Bsuid = to;
            if (contact.ReplyTo == oldBsuid || contact.ReplyTo == change.From) contact.ReplyTo = to;
            if ((oldIdentifier == oldBsuid || oldIdentifier == change.From) && taken.Add((contact.PhoneNumberId, to))) contact.Identifier = to;
        }
        contact.UpdatedAt = now;
        return true;
    }
}
