using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.PublicApi;

/// <summary>
/// Sends a message from one number of the organization to a recipient named by phone number or contact identifier (wa_id
/// or BSUID), through the one send pipeline: <see cref="MessageSender"/> for text, location, contacts and interactive,
/// <see cref="MediaSendService"/> for files, <see cref="TemplateService"/> for templates and <see cref="ReactionService"/>
/// for reactions. A template finds or creates the contact and an open conversation (as <c>send-to-phone</c> does); any
/// other type needs the customer's open 24-hour window, so it never creates one and answers WINDOW_CLOSED instead.
/// </summary>
public sealed class PublicMessagingService(
    InboxDb inboxDb, MessageSender sender, MediaSendService media, MediaLinkFetcher links, TemplateService templates, ReactionService reactions,
    TimeProvider clock)
{
    /// <summary>The longest contact identifier accepted in <c>to</c> (the contacts table's identifier length).</summary>
    public const int MaxRecipientLength = 128;

    public async Task<PublicMessage> SendAsync(Actor actor, Guid phoneId, string to, PublicOutgoing message, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var template = message.Type == PublicMessageTypes.Template;
        var conversationId = await ConversationForAsync(actor, phoneId, to, createIfMissing: template, template ? message.Template : null, ct);
        MessageDto sent;
        try
        {
            sent = await SendInAsync(actor, conversationId, message, ct);
        }
        catch (InboxException e) when (e.StatusCode == 400 && e.Details is { Count: > 0 } details)
        {
            // The senders name fields as the inbox API has them; here they sit inside the type's object.
            throw new InboxException(400, e.Code, e.Message, details.ToDictionary(d => FieldOf(message.Type, d.Key), d => d.Value));
        }
        return await PublicReads.MessageAsync(inboxDb, actor.Org, sent.Id, ct);
    }

    /// <summary>A sender's field name as this request has it: <c>file</c> is the media's <c>data</c>, the rest sit in the type's object.</summary>
    private static string FieldOf(string type, string field) => (type, field) switch
    {
        (_, "replyTo" or "to" or "type") => field,
        (PublicMessageTypes.Text, "text") => field,
        (_, "file") when PublicMessageTypes.Media.Contains(type) => $"{type}.data",
        _ when field == type || field.StartsWith(type + ".", StringComparison.Ordinal) || field.StartsWith(type + "[", StringComparison.Ordinal) => field,
        _ => $"{type}.{field}",
    };

    private async Task<MessageDto> SendInAsync(Actor actor, Guid conversationId, PublicOutgoing message, CancellationToken ct) =>
        message.Type switch
        {
            PublicMessageTypes.Text => await sender.SendTextAsync(actor, conversationId, message.Text!, message.ReplyTo, ct),
            PublicMessageTypes.Location => await sender.SendLocationAsync(actor, conversationId, message.Location!, message.ReplyTo, ct),
            PublicMessageTypes.Contacts => await sender.SendContactsAsync(actor, conversationId, message.Contacts!, message.ReplyTo, ct),
            PublicMessageTypes.Interactive => await sender.SendInteractiveAsync(actor, conversationId, message.Interactive!, message.ReplyTo, ct),
            PublicMessageTypes.Template => await templates.SendAsync(actor, message.Template!.Name!, conversationId, message.Template.Language,
                message.Template.Parameters, ct),
            PublicMessageTypes.Reaction => await ReactAsync(actor, conversationId, message.Reaction!, ct),
            _ when PublicMessageTypes.Media.Contains(message.Type) => await SendMediaAsync(actor, conversationId, message, ct),
            _ => throw InboxException.Invalid("type", "type must be one of " + string.Join(", ", PublicMessageTypes.All)),
        };

    private async Task<MessageDto> SendMediaAsync(Actor actor, Guid conversationId, PublicOutgoing message, CancellationToken ct)
    {
        var file = message.Media!;
        if (!string.IsNullOrEmpty(file.Link)) return await SendLinkedMediaAsync(actor, conversationId, message, file, ct);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(file.Data ?? "");
        }
        catch (FormatException)
        {
            throw InboxException.Invalid("file", "data must be the file's bytes, base64-encoded");
        }
        using var stream = new MemoryStream(bytes, writable: false);
        return await media.SendAsync(actor, conversationId,
            new MediaUpload(stream, bytes.Length, file.MimeType, file.FileName, file.Caption, message.ReplyTo, message.Type), ct);
    }

    /// <summary>
    /// A file by link: downloaded through the SSRF-guarded fetcher, then sent and stored like an upload (the inbox shows it).
    /// The link's own content type comes before <c>mimeType</c>; every refusal (address, size, type, content) names <c>{type}.link</c>.
    /// </summary>
    private async Task<MessageDto> SendLinkedMediaAsync(Actor actor, Guid conversationId, PublicOutgoing message, PublicMedia file, CancellationToken ct)
    {
        var field = message.Type + ".link";
        // The window and the number's state first: a message that cannot go out fetches nothing.
        var kind = OutboundMediaRules.ParseKind(message.Type)!.Value;
        await sender.CheckCanSendAsync(actor, conversationId, freeForm: true, message.ReplyTo, ct, kind);
        using var linked = await links.OpenAsync(field, file.Link!, kind, ct);
        try
        {
            return await media.SendAsync(actor, conversationId, new MediaUpload(linked.Content, linked.Length, linked.ContentType ?? file.MimeType,
                file.FileName ?? linked.FileName, file.Caption, message.ReplyTo, message.Type), ct);
        }
        catch (InboxException e) when (e.StatusCode is 400 or 413 && e.Details is { } details && details.ContainsKey("file"))
        {
            var text = details["file"];
            throw new InboxException(400, e.StatusCode == 413 ? ErrorCodes.ValidationError : e.Code, e.Message.Replace("this file", "the linked file", StringComparison.Ordinal),
                new Dictionary<string, string[]> { [field] = text });
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw MediaLinkFetcher.Failed(field, e);
        }
    }

    /// <summary>A reaction to a message of this very conversation (another conversation's message is not found).</summary>
    private async Task<MessageDto> ReactAsync(Actor actor, Guid conversationId, PublicReaction reaction, CancellationToken ct)
    {
        await using (var db = inboxDb.For(actor.Org))
        {
            if (!await db.Messages.AnyAsync(m => m.Id == reaction.MessageId && m.ConversationId == conversationId, ct))
                throw InboxException.Invalid("reaction.messageId", "reaction.messageId must name a message of the conversation with this recipient");
        }
        return (await reactions.ReactAsync(actor, reaction.MessageId!.Value, reaction.Emoji, ct)).Reaction;
    }

    /// <summary>
    /// The conversation of the number with the recipient: the contact by identifier, wa_id, BSUID or phone key, then its
    /// latest open conversation (for templates a new one when it has none; for other types its latest conversation, whose
    /// window the sender checks). A phone number is normalized to E.164 digits; anything else is taken as a BSUID.
    /// </summary>
    private async Task<Guid> ConversationForAsync(Actor actor, Guid phoneId, string to, bool createIfMissing, PublicTemplate? template, CancellationToken ct)
    {
        var recipient = Recipient.Parse(to);
        await using var db = inboxDb.For(actor.Org);
        if (!await db.PhoneNumbers.AnyAsync(p => p.Id == phoneId, ct)) throw InboxException.NotFound("Phone number");
        var contacts = db.Contacts.Where(c => c.PhoneNumberId == phoneId);
        var contact = recipient.Phone is { } digits
            ? await contacts.Where(c => c.Identifier == digits || c.WaId == digits || (recipient.PhoneKey != null && c.PhoneKey == recipient.PhoneKey))
                .OrderByDescending(c => c.UpdatedAt).FirstOrDefaultAsync(ct)
            : await contacts.Where(c => c.Identifier == recipient.Value || c.Bsuid == recipient.Value).OrderByDescending(c => c.UpdatedAt).FirstOrDefaultAsync(ct);
        var conversation = contact is null ? null
            : await db.Conversations.AsNoTracking().Where(c => c.ContactId == contact.Id)
                .OrderBy(c => c.Status == ConversationStatus.CLOSED).ThenByDescending(c => c.LastMessageAt).FirstOrDefaultAsync(ct);
        if (conversation is not null && (conversation.Status != ConversationStatus.CLOSED || !createIfMissing)) return conversation.Id;
        if (!createIfMissing)
            throw InboxException.Conflict("The customer has not written yet: only template messages can start this conversation", MessagingErrors.WindowClosed);

        // A template that cannot be sent must not leave an empty contact and conversation behind.
        if (template is not null) await EnsureSendableAsync(db, phoneId, template, ct);
        var now = clock.GetUtcNow();
        if (contact is null)
        {
            contact = new Contact
            {
                PhoneNumberId = phoneId, Identifier = recipient.Value, WaId = recipient.Phone, Bsuid = recipient.Phone is null ? recipient.Value : null,
                ReplyTo = recipient.Value, Phone = recipient.Phone, PhoneKey = recipient.PhoneKey, CreatedAt = now, UpdatedAt = now,
            };
            db.Contacts.Add(contact);
            db.Raise(new ContactCreated(db.TenantId, contact.Id));
        }
        var created = new Conversation
        {
            PhoneNumberId = phoneId, ContactId = contact.Id, Status = ConversationStatus.WAITING_FOR_CUSTOMER, Origin = ConversationOrigin.TEMPLATE,
            AssigneeId = actor.UserId, CreatedAt = now, UpdatedAt = now, LastMessageAt = now,
        };
        db.Conversations.Add(created);
        db.Raise(new ConversationCreated(db.TenantId, created.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw InboxException.Conflict("The contact was created meanwhile; send again");
        }
        return created.Id;
    }

    /// <summary>
    /// The number's account has the template (in the language, when given) and one of them is approved: the checks
    /// <see cref="TemplateService"/> makes again when it sends, made here before anything is created.
    /// </summary>
    private static async Task EnsureSendableAsync(InboxDbContext db, Guid phoneId, PublicTemplate template, CancellationToken ct)
    {
        var accountId = await db.PhoneNumbers.Where(p => p.Id == phoneId).Select(p => p.AccountId).FirstAsync(ct);
        var statuses = await db.Set<MessageTemplate>()
            .Where(t => t.AccountId == accountId && t.Name == template.Name && t.Status != TemplateStatus.REMOVED && (template.Language == null || t.Language == template.Language))
            .Select(t => t.Status).ToListAsync(ct);
        if (statuses.Count == 0)
            throw InboxException.NotFound(template.Language is null ? $"Template {template.Name}" : $"Template {template.Name} in {template.Language}");
        if (!statuses.Contains(TemplateStatus.APPROVED))
            throw InboxException.Conflict($"The template {template.Name} is {statuses[0]}: only approved templates can be sent", TemplateErrors.NotApproved);
    }

    /// <summary><c>to</c>: a phone number (digits, with or without <c>+</c>) or a contact identifier such as a BSUID (<c>US.1349…</c>).</summary>
    private sealed record Recipient(string Value, string? Phone, string? PhoneKey)
    {
        public static Recipient Parse(string to)
        {
            var value = to.Trim();
            if (value.Length is 0 or > MaxRecipientLength) throw InboxException.Invalid("to", $"to must be a phone number or a contact identifier of at most {MaxRecipientLength} characters");
            if (value.TrimStart('+').All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')'))
            {
                var digits = PhoneKeys.E164(value)?.TrimStart('+')
                    ?? throw InboxException.Invalid("to", "to must be a phone number with its country code, such as 5491155551234, or a contact identifier");
                return new Recipient(digits, digits, PhoneKeys.Key(digits));
            }
            if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':'))
                throw InboxException.Invalid("to", "to must be a phone number or a contact identifier (letters, digits, '.', '_', '-', ':')");
            return new Recipient(value, null, null);
        }
    }
}
