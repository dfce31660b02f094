using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Templates;

/// <summary>A template sent to a phone number: the conversation it went to (found or created) and the message.</summary>
public sealed record TemplateSendResult(Guid ConversationId, Guid ContactId, bool ConversationCreated, MessageDto Message);

/// <summary>Sending an approved template, through <see cref="MessageSender"/> (checks, limits, error mapping, statuses).</summary>
public sealed partial class TemplateService
{
    /// <summary>
    /// Sends the approved template <paramref name="name"/> of the conversation's WhatsApp account. Without a language the
    /// name's only (approved) language is used. The message keeps the rendered text, so the thread shows what the customer sees.
    /// </summary>
    public async Task<MessageDto> SendAsync(Actor actor, string name, Guid conversationId, string? language, IReadOnlyDictionary<string, string?>? parameters,
        CancellationToken ct = default, Guid? messageId = null)
    {
        SharedInboxLinks.SharedLinkGate.Require(actor, SharedInboxLinks.SharedLinkPermission.SendTemplates);
        MessageTemplate template;
        PhoneNumber number;
        await using (var db = inboxDb.For(actor.Org))
        {
            var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct) ?? throw InboxException.NotFound("Conversation");
            await SharedInboxLinks.SharedLinkGate.EnsureAsync(db, actor, SharedInboxLinks.SharedLinkPermission.SendTemplates, conversation.PhoneNumberId, clock.GetUtcNow(), ct);
            number = await db.PhoneNumbers.AsNoTracking().Include(p => p.Account).FirstAsync(p => p.Id == conversation.PhoneNumberId, ct);
            template = await PickAsync(db, number.AccountId, name, language, ct);
        }
        var values = TemplateRenderer.Normalize(parameters);
        var components = TemplateJson.Parse(template.ComponentsJson);
        var storedMedia = !values.ContainsKey("header.media") ? await StoredHeaderMediaIdAsync(actor.Org, template, number, components, ct) : null;
        var content = TemplateRenderer.SendContent(template.Name, template.Language, template.ParameterFormat, components, values, storedMedia);
        var text = TemplateRenderer.Render(components, values).ToMessageText();
        return await sender.SendTemplateAsync(actor, conversationId, content, text, ct, messageId);
    }

    /// <summary>
    /// Sends to a phone number: the contact and an open conversation on the number are found, or created (origin TEMPLATE).
    /// The number is the given one, else the first of the organization whose account has the template approved.
    /// </summary>
    public async Task<TemplateSendResult> SendToPhoneAsync(Actor actor, string name, string? phone, Guid? phoneNumberId, string? language,
        IReadOnlyDictionary<string, string?>? parameters, CancellationToken ct = default, Guid? messageId = null)
    {
        actor.Require(UserRole.AGENT);
        var digits = PhoneKeys.E164(phone)?.TrimStart('+') ?? throw InboxException.Invalid("phone", "phone must be a phone number with its country code, such as +14155550123");
        var key = PhoneKeys.Key(digits);
        Guid conversationId, contactId;
        var createdConversation = false;
        await using (var db = inboxDb.For(actor.Org))
        {
            Guid numberId;
            if (phoneNumberId is { } given)
            {
                numberId = await db.PhoneNumbers.Where(p => p.Id == given).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) ?? throw InboxException.NotFound("Phone number");
                var accountId = await db.PhoneNumbers.Where(p => p.Id == given).Select(p => p.AccountId).FirstAsync(ct);
                await PickAsync(db, accountId, name, language, ct);
            }
            else
            {
                var accounts = await db.Set<MessageTemplate>().Where(t => t.Name == name && t.Status == TemplateStatus.APPROVED && (language == null || t.Language == language))
                    .Select(t => t.AccountId).Distinct().ToListAsync(ct);
                numberId = await db.PhoneNumbers.Where(p => accounts.Contains(p.AccountId) && p.IsActive && p.Account!.Status == WhatsAppAccountStatus.CONNECTED)
                    .OrderBy(p => p.CreatedAt).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct)
                    ?? throw InboxException.NotFound($"Approved template {name}");
            }
            var now = clock.GetUtcNow();
            var contact = await db.Contacts.FirstOrDefaultAsync(c => c.PhoneNumberId == numberId && (c.Identifier == digits || (key != null && c.PhoneKey == key)), ct);
            if (contact is null)
            {
                contact = new Contact
                {
                    PhoneNumberId = numberId, Identifier = digits, WaId = digits, ReplyTo = digits, Phone = digits, PhoneKey = key, CreatedAt = now, UpdatedAt = now,
                };
                db.Contacts.Add(contact);
                db.Raise(new ContactCreated(db.TenantId, contact.Id));
            }
            var conversation = await db.Conversations.Where(c => c.ContactId == contact.Id && c.Status != ConversationStatus.CLOSED)
                .OrderByDescending(c => c.LastMessageAt).FirstOrDefaultAsync(ct);
            if (conversation is null)
            {
                conversation = new Conversation
                {
                    PhoneNumberId = numberId, ContactId = contact.Id, Status = ConversationStatus.WAITING_FOR_CUSTOMER, Origin = ConversationOrigin.TEMPLATE,
                    AssigneeId = actor.UserId, CreatedAt = now, UpdatedAt = now, LastMessageAt = now,
                };
                db.Conversations.Add(conversation);
                db.Raise(new ConversationCreated(db.TenantId, conversation.Id));
                createdConversation = true;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw InboxException.Conflict("The contact was created meanwhile; send again");
            }
            conversationId = conversation.Id;
            contactId = contact.Id;
        }
        var message = await SendAsync(actor, name, conversationId, language, parameters, ct, messageId);
        return new TemplateSendResult(conversationId, contactId, createdConversation, message);
    }

    /// <summary>The live template of that name for the account: the given language, or the only (approved) one; 409 unless APPROVED.</summary>
    private static async Task<MessageTemplate> PickAsync(InboxDbContext db, Guid accountId, string name, string? language, CancellationToken ct)
    {
        var candidates = await db.Set<MessageTemplate>().AsNoTracking()
            .Where(t => t.AccountId == accountId && t.Name == name && t.Status != TemplateStatus.REMOVED && (language == null || t.Language == language))
            .ToListAsync(ct);
        if (candidates.Count == 0) throw InboxException.NotFound(language is null ? $"Template {name}" : $"Template {name} in {language}");
        var template = candidates.Count == 1 ? candidates[0]
            : candidates.Where(t => t.Status == TemplateStatus.APPROVED).ToList() is { Count: 1 } approved ? approved[0]
            : throw InboxException.Invalid("language", $"language is required: {name} exists in {string.Join(", ", candidates.Select(t => t.Language).Order())}");
        if (template.Status != TemplateStatus.APPROVED)
            throw InboxException.Conflict($"The template {name} ({template.Language}) is {template.Status}: only approved templates can be sent", TemplateErrors.NotApproved);
        return template;
    }

    /// <summary>A media header without a given link or id: the template's stored example is uploaded through the number's channel.</summary>
    private async Task<string?> StoredHeaderMediaIdAsync(Guid org, MessageTemplate template, PhoneNumber number, IReadOnlyList<TemplateComponentSpec> components,
        CancellationToken ct)
    {
        if (template.HeaderMediaPath is null || components.Find("HEADER")?.HeaderFormat is not ("IMAGE" or "VIDEO" or "DOCUMENT")) return null;
        var bytes = await store.ReadTemplateMediaAsync(org, template.HeaderMediaPath, ct);
        if (bytes is null) return null;
        try
        {
            return await senders.For(number.Kind).UploadMediaAsync(number, number.Account!, bytes, template.HeaderMediaMimeType ?? "application/octet-stream",
                template.HeaderMediaFileName ?? "header", ct);
        }
        catch (Channels.WhatsApp.GraphApiException e)
        {
            throw MetaFailure(e);
        }
    }
}
