using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>Inbound items that change what is stored: edits, revokes, and a customer's changed number or BSUID.</summary>
public sealed partial class WhatsAppInboundProcessor
{
    private const int MaxEarlierTexts = 5;

    /// <summary>The wamid an item is stored under: its own, or for an edit or revoke, the original's.</summary>
    private static string StoredId(InboundMessage m) => m.Action == InboundAction.NEW ? m.Id : m.TargetMessageId!;

    /// <summary>The stored originals of the items' edits and revokes, by wamid (tracked, to be changed); one query, only when there are any.</summary>
    private static async Task<Dictionary<string, Message>> ChangedMessagesAsync(InboxDbContext db, List<Item> items, HashSet<string> known, CancellationToken ct)
    {
        var ids = items.SelectMany(i => i.Value.Messages).Where(m => m.Action != InboundAction.NEW && known.Contains(m.TargetMessageId!))
            .Select(m => m.TargetMessageId!).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Messages.Where(m => ids.Contains(m.WaMessageId!)).ToDictionaryAsync(m => m.WaMessageId!, ct);
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
    private static async Task RefreshPreviewAsync(InboxDbContext db, Dictionary<Guid, Conversations.Conversation> touched, Message changed, DateTimeOffset now, CancellationToken ct)
    {
        if (changed.Type == MessageType.REACTION) return;
        var conversation = touched.GetValueOrDefault(changed.ConversationId) ?? await db.Conversations.FindAsync([changed.ConversationId], ct);
        if (conversation is null || changed.Timestamp < conversation.LastMessageAt) return;
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
