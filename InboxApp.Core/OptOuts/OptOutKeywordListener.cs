using System.Security.Cryptography;
using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.OptOuts;

/// <summary>
/// A customer who writes an opt-out keyword (the whole message, see <see cref="OptOutKeywords"/>) goes on the suppression
/// list and gets the confirmation once; a re-subscribe keyword takes them off and confirms. Durable and idempotent: the
/// list row remembers the message that changed it, and the confirmation's id is derived from that message, so a second
/// delivery of the event neither changes the list again nor sends a second confirmation; a second STOP from a customer
/// already on the list changes nothing and sends nothing.
/// </summary>
public sealed class OptOutKeywordListener(InboxDb inboxDb, MessageSender sender, TimeProvider clock, ILogger<OptOutKeywordListener> logger)
    : IDurableBatchListener<MessageReceived>, IDurableListenerInterest
{
    /// <summary>Interested in an organization's messages while its keywords are on (the default); <see cref="OptOutService"/> tells of changes.</summary>
    public async Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var settings = await OptOutSettingsStore.LoadAsync(db, ct);
        var on = settings.KeywordsEnabled && (settings.StopKeywords.Count > 0 || settings.StartKeywords.Count > 0);
        return _ => on;
    }

    /// <summary>
    /// A batch reads its messages' texts in one query per organization (and the settings once, if any text can be a keyword);
    /// only the messages that are one of the organization's keywords go through <see cref="HandleAsync"/>. Almost every
    /// message is not: then that one query is all.
    /// </summary>
    public async Task HandleBatchAsync(IReadOnlyList<MessageReceived> events, CancellationToken ct)
    {
        foreach (var organization in events.GroupBy(e => e.OrganizationId))
        {
            List<MessageReceived> keywords = [];
            await using (var db = inboxDb.For(organization.Key))
            {
                var ids = organization.Select(e => e.MessageId).Distinct().ToList();
                var words = new Dictionary<Guid, string>();
                foreach (var chunk in ids.Chunk(500))
                {
                    var messages = await db.Messages.AsNoTracking().Where(m => chunk.Contains(m.Id) && m.Direction == MessageDirection.INBOUND)
                        .Select(m => new { m.Id, m.Type, m.Text, m.ReplyOptionTitle }).ToListAsync(ct);
                    foreach (var m in messages)
                        if (OptOutKeywords.Normalize(KeywordText(m.Type, m.Text, m.ReplyOptionTitle)) is { } word) words[m.Id] = word;
                }
                if (words.Count == 0) continue;
                var settings = await OptOutSettingsStore.LoadAsync(db, ct);
                if (!settings.KeywordsEnabled) continue;
                var match = OptOutKeywords.MatchSet(settings.StopKeywords.Concat(settings.StartKeywords));
                keywords.AddRange(organization.Where(e => words.TryGetValue(e.MessageId, out var word) && match.Contains(word)));
            }
            // In the order they were written: a STOP then a START of one customer end subscribed, as one at a time would.
            foreach (var e in keywords) await HandleAsync(e, ct);
        }
    }

    /// <summary>The text a message is matched on: a text's body, a button's or interactive reply's title; none for other types.</summary>
    private static string? KeywordText(MessageType type, string? text, string? replyOptionTitle) => type switch
    {
        MessageType.TEXT => text,
        // A template's quick-reply button ("Stop promotions" renamed STOP) or an interactive reply.
        MessageType.BUTTON or MessageType.INTERACTIVE => replyOptionTitle ?? text,
        _ => null,
    };

    public async Task HandleAsync(MessageReceived e, CancellationToken ct)
    {
        string? reply;
        bool optOut;
        await using (var db = inboxDb.For(e.OrganizationId))
        {
            var message = await db.Messages.AsNoTracking().Where(m => m.Id == e.MessageId)
                .Select(m => new { m.Direction, m.Type, m.Text, m.ReplyOptionTitle }).FirstOrDefaultAsync(ct);
            if (message is null || message.Direction != MessageDirection.INBOUND) return;
            if (OptOutKeywords.Normalize(KeywordText(message.Type, message.Text, message.ReplyOptionTitle)) is not { } word) return;
            var settings = await OptOutSettingsStore.LoadAsync(db, ct);
            if (!settings.KeywordsEnabled) return;
            if (OptOutKeywords.MatchSet(settings.StopKeywords).Contains(word)) optOut = true;
            else if (OptOutKeywords.MatchSet(settings.StartKeywords).Contains(word)) optOut = false;
            else return;

            var contact = await db.Conversations.AsNoTracking().Where(c => c.Id == e.ConversationId)
                .Join(db.Contacts, c => c.ContactId, k => k.Id, (c, k) => new { k.Id, k.PhoneKey, k.Phone, k.WaId }).FirstOrDefaultAsync(ct);
            var e164 = PhoneKeys.E164(contact?.Phone ?? contact?.WaId);
            var key = contact?.PhoneKey ?? PhoneKeys.Key(e164);
            if (contact is null || key is null || e164 is null)
            {
                logger.LogInformation("Opt-out keyword in conversation {ConversationId} ignored: the contact has no phone number", e.ConversationId);
                return;
            }

            var row = await db.Set<OptOut>().FirstOrDefaultAsync(o => o.PhoneKey == key, ct);
            if (optOut)
            {
                if (row is { IsActive: true } && row.MessageId != e.MessageId) return; // on the list already: nothing again
                if (row is not { IsActive: true })
                {
                    OptOutService.Activate(db, row, key, e164[1..], contact.Id, OptOutSource.KEYWORD, word, e.MessageId, null, null, clock.GetUtcNow());
                    await db.SaveChangesAsync(ct); // a concurrent delivery fails on the unique key and is retried, then finds the row
                }
                reply = settings.OptOutReply;
            }
            else
            {
                if (row is null || (!row.IsActive && row.RemovedByMessageId != e.MessageId)) return; // not on the list
                if (row.IsActive)
                {
                    row.RemovedAt = clock.GetUtcNow();
                    row.RemovedById = null;
                    row.RemovedByMessageId = e.MessageId;
                    await db.SaveChangesAsync(ct);
                }
                reply = settings.OptInReply;
            }
            if (string.IsNullOrWhiteSpace(reply)) return;
            var confirmationId = ConfirmationId(e.MessageId, optOut);
            if (await db.Messages.AnyAsync(m => m.Id == confirmationId, ct)) return; // confirmed before
        }

        try
        {
            // The customer just wrote: the window is open. A concurrent delivery inserting the same id fails and is retried.
            await sender.SendAsync(new Actor(null, e.OrganizationId, UserRole.ADMIN), e.ConversationId,
                new OutboundDraft(MessageType.TEXT) { Id = ConfirmationId(e.MessageId, optOut), Text = reply }, ct);
        }
        catch (InboxException ex)
        {
            logger.LogInformation("The opt-out confirmation for {ConversationId} was not sent: {Reason}", e.ConversationId, ex.Message);
        }
    }

    /// <summary>The confirmation's message id, derived from the keyword's message: the same event never confirms twice.</summary>
    public static Guid ConfirmationId(Guid keywordMessageId, bool optOut)
    {
        Span<byte> input = stackalloc byte[17];
        keywordMessageId.TryWriteBytes(input);
        input[16] = optOut ? (byte)1 : (byte)2;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return new Guid(hash[..16]);
    }
}
