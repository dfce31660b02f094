using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using InboxApp.Core.SharedInboxLinks;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Messaging;

/// <summary>
/// An outbound message before it is stored: its type and the fields of that type. <see cref="ContentJson"/> holds the
/// Cloud API object of the types built from structured content (location, contacts, interactive, template, reaction);
/// it is kept as the message's raw JSON and sent as is.
/// </summary>
public sealed record OutboundDraft(MessageType Type)
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string? Text { get; init; }
    public string? Caption { get; init; }
    public string? MimeType { get; init; }
    public string? FileName { get; init; }
    public long? MediaSize { get; init; }
    public string? MediaPath { get; init; }
    public LocationContent? Location { get; init; }
    public string? Emoji { get; init; }
    /// <summary>The message quoted (a message of the same conversation).</summary>
    public Guid? ReplyTo { get; init; }
    /// <summary>For reactions: the wamid of the message reacted to.</summary>
    public string? ReactsTo { get; init; }
    public string? ContentJson { get; init; }

    /// <summary>Free-form messages need the 24-hour window; templates do not.</summary>
    public bool IsFreeForm => Type != MessageType.TEMPLATE;
}

/// <summary>A conversation a batch caller already found or opened: its id, its contact and the contact's WhatsApp address.</summary>
public sealed record SendTarget(Guid ConversationId, Guid ContactId, string To);

public sealed partial class MessageSender
{
    public Task<MessageDto> SendLocationAsync(Actor actor, Guid conversationId, LocationContent location, Guid? replyTo, CancellationToken ct = default)
    {
        OutboundValidation.Location(location);
        return SendAsync(actor, conversationId, new OutboundDraft(MessageType.LOCATION)
        {
            Location = location, ReplyTo = replyTo, ContentJson = MessageContentJson.Location(location).ToJsonString(),
        }, ct);
    }

    public Task<MessageDto> SendContactsAsync(Actor actor, Guid conversationId, IReadOnlyList<ContactCard> contacts, Guid? replyTo, CancellationToken ct = default)
    {
        OutboundValidation.Contacts(contacts);
        var names = string.Join(", ", contacts.Select(c => c.Name!.FormattedName!.Trim()));
        return SendAsync(actor, conversationId, new OutboundDraft(MessageType.CONTACTS)
        {
            Text = "👤 " + (names.Length > 1000 ? names[..1000] : names), ReplyTo = replyTo, ContentJson = MessageContentJson.Contacts(contacts).ToJsonString(),
        }, ct);
    }

    public Task<MessageDto> SendInteractiveAsync(Actor actor, Guid conversationId, InteractiveContent interactive, Guid? replyTo, CancellationToken ct = default)
    {
        OutboundValidation.Interactive(interactive);
        return SendAsync(actor, conversationId, new OutboundDraft(MessageType.INTERACTIVE)
        {
            Text = interactive.Buttons?.Body ?? interactive.List!.Body, ReplyTo = replyTo, ContentJson = MessageContentJson.Interactive(interactive).ToJsonString(),
        }, ct);
    }

    /// <summary>
    /// Sends an approved template: allowed outside the 24-hour window (Meta checks that the template exists and is approved,
    /// and answers 132000-series errors otherwise, kept on the message). <paramref name="renderedText"/> is what the customer
    /// reads (the template with its values filled, from the Templates feature); without it the message shows the template's name.
    /// </summary>
    /// <param name="messageId">The id the message gets (a caller that records it before sending, such as a campaign, can find it after a crash).</param>
    public Task<MessageDto> SendTemplateAsync(Actor actor, Guid conversationId, TemplateContent template, string? renderedText = null, CancellationToken ct = default,
        Guid? messageId = null)
    {
        OutboundValidation.Template(template);
        return SendAsync(actor, conversationId, new OutboundDraft(MessageType.TEMPLATE)
        {
            Id = messageId ?? Guid.CreateVersion7(),
            Text = string.IsNullOrWhiteSpace(renderedText) ? template.Name : renderedText, ContentJson = MessageContentJson.Template(template).ToJsonString(),
        }, ct);
    }

    /// <summary>
    /// The checks a send makes before anything is stored (conversation of the organization, window, channel, quoted message),
    /// for callers that must do work first (a media file is stored before its message row).
    /// </summary>
    public async Task CheckCanSendAsync(Actor actor, Guid conversationId, bool freeForm, Guid? replyTo, CancellationToken ct = default,
        MessageType type = MessageType.TEXT)
    {
        SharedLinkGate.Require(actor, SharedLinkGate.ForType(type));
        await using var db = inboxDb.For(actor.Org);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct) ?? throw InboxException.NotFound("Conversation");
        await SharedLinkGate.EnsureAsync(db, actor, SharedLinkGate.ForType(type), conversation.PhoneNumberId, clock.GetUtcNow(), ct);
        if (freeForm) EnsureWindowOpen(conversation, clock.GetUtcNow());
        await EnsureChannelAsync(db, conversation.PhoneNumberId, ct);
        if (replyTo is { } quoted) await QuotedWamidAsync(db, conversationId, quoted, ct);
    }

    /// <summary>
    /// The one pipeline for every type: checks, stores PENDING, updates the conversation (not for reactions), publishes
    /// after commit, dispatches (throttle, channel, error mapping) and answers the message as it stands.
    /// </summary>
    public async Task<MessageDto> SendAsync(Actor actor, Guid conversationId, OutboundDraft draft, CancellationToken ct = default)
    {
        // A shared inbox link needs the permission of the type, on its own number, while it is live.
        var permission = SharedLinkGate.ForType(draft.Type);
        SharedLinkGate.Require(actor, permission);
        var org = actor.Org;
        Message message;
        var touched = draft.Type != MessageType.REACTION;
        await using (var db = inboxDb.For(org))
        {
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct) ?? throw InboxException.NotFound("Conversation");
            var now = clock.GetUtcNow();
            await SharedLinkGate.EnsureAsync(db, actor, permission, conversation.PhoneNumberId, now, ct);
            if (draft.IsFreeForm) EnsureWindowOpen(conversation, now);
            await EnsureChannelAsync(db, conversation.PhoneNumberId, ct);
            var context = draft.ReplyTo is { } quoted ? await QuotedWamidAsync(db, conversationId, quoted, ct) : draft.ReactsTo;
            message = NewMessage(draft, conversationId, context, actor, now);
            db.Messages.Add(message);
            if (actor.Link is { } link) SharedLinkActivities.Record(db, link, "message.sent", conversationId, message.Id, now);
            db.Raise(new MessageSent(org, conversationId, message.Id));
            if (touched) db.Raise(new ConversationUpdated(org, conversationId));
            if (touched) await SaveWithConversationAsync(db, conversation, c => Touch(c, message, actor, now), ct);
            else await db.SaveChangesAsync(ct);
        }

        // The row exists: the dispatch must run to its end even if the caller goes away.
        await dispatcher.DispatchAsync(org, message.Id, CancellationToken.None);
        await using var read = inboxDb.For(org);
        return await read.MessageDtoAsync(message.Id, ct);
    }

    private static Message NewMessage(OutboundDraft draft, Guid conversationId, string? context, Actor actor, DateTimeOffset now) => new()
    {
        Id = draft.Id,
        ConversationId = conversationId,
        Direction = MessageDirection.OUTBOUND,
        Type = draft.Type,
        Text = draft.Text,
        Caption = draft.Caption,
        MimeType = draft.MimeType,
        FileName = draft.FileName,
        MediaSize = draft.MediaSize,
        MediaPath = draft.MediaPath,
        // Our own file: shown in the thread at once (MessageDto.MediaUrl), uploaded to Meta when dispatched.
        MediaStatus = draft.MediaPath is null ? MediaStatus.NONE : MediaStatus.DOWNLOADED,
        Latitude = draft.Location?.Latitude,
        Longitude = draft.Location?.Longitude,
        LocationName = draft.Location?.Name,
        LocationAddress = draft.Location?.Address,
        Emoji = draft.Emoji,
        ContextWaMessageId = context,
        RawJson = draft.ContentJson,
        Status = MessageStatus.PENDING,
        Timestamp = now,
        CreatedAt = now,
        SentById = actor.UserId,
        SentByLinkId = actor.Link?.LinkId,
    };

    /// <summary>
    /// Sends an approved template to a conversation a batch caller (a campaign) has just found or opened, with the number
    /// (and its account) it read once for the batch and checked usable: stores the message PENDING and touches the
    /// conversation in one transaction (events raised as by <see cref="SendAsync"/>), then dispatches without reading
    /// message, conversation, contact or number again. Answers the dispatch's outcome, not a re-read of the message.
    /// Not for shared inbox links (their gate is per send).
    /// </summary>
    /// <param name="numberSlotTaken">The caller reserved the send's slot in the number's rate before it claimed the send
    /// (<see cref="SendThrottle.ReserveNumber"/>): the dispatch does not take another.</param>
    internal async Task<DispatchOutcome> SendTemplateToAsync(Actor actor, PhoneNumber number, SendTarget target, TemplateContent template, string? renderedText,
        Guid messageId, CancellationToken ct, bool numberSlotTaken = false)
    {
        if (actor.Link is not null) throw InboxException.NotFound("Conversation");
        OutboundValidation.Template(template);
        var org = actor.Org;
        var draft = new OutboundDraft(MessageType.TEMPLATE)
        {
            Id = messageId,
            Text = string.IsNullOrWhiteSpace(renderedText) ? template.Name : renderedText, ContentJson = MessageContentJson.Template(template).ToJsonString(),
        };
        Message message;
        await using (var db = inboxDb.For(org))
        {
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == target.ConversationId, ct);
            if (conversation is null || conversation.PhoneNumberId != number.Id) throw InboxException.NotFound("Conversation");
            var now = clock.GetUtcNow();
            message = NewMessage(draft, conversation.Id, null, actor, now);
            db.Messages.Add(message);
            db.Raise(new MessageSent(org, conversation.Id, message.Id));
            db.Raise(new ConversationUpdated(org, conversation.Id));
            await SaveWithConversationAsync(db, conversation, c => Touch(c, message, actor, now), ct);
        }
        // The row exists: the dispatch must run to its end even if the caller goes away.
        return await dispatcher.DispatchAsync(message, new OutboundSend(org, message.Id, target.ConversationId, number, number.Account!, target.To, [], null),
            CancellationToken.None, numberSlotTaken);
    }

    private static async Task<string> QuotedWamidAsync(Data.InboxDbContext db, Guid conversationId, Guid quoted, CancellationToken ct)
    {
        var target = await db.Messages.Where(m => m.Id == quoted && m.ConversationId == conversationId)
            .Select(m => new { m.WaMessageId }).FirstOrDefaultAsync(ct)
            ?? throw InboxException.Invalid("replyTo", "replyTo must be a message of this conversation");
        return target.WaMessageId ?? throw InboxException.Invalid("replyTo", "That message never reached WhatsApp, so it cannot be quoted");
    }

    /// <summary>The conversation list's preview of an outbound message (templates by name).</summary>
    private static string PreviewOf(Message message) => message.Type switch
    {
        // The rendered template can be long and spread over lines: one line, within the preview's 200 characters.
        MessageType.TEMPLATE => Cut("📋 " + string.Join(' ', (message.Text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), 200),
        _ => MessagePreview.Of(message),
    };

    private static string Cut(string s, int max)
    {
        if (s.Length <= max) return s;
        var end = max - 1;
        if (char.IsHighSurrogate(s[end - 1])) end--; // never half an emoji
        return s[..end] + "…";
    }
}
