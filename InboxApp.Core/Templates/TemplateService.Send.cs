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

/// <summary>
/// What a batch of sends of one template from one number shares, read once (a campaign's batch): the number with its
/// account (checked active and connected when read), the approved template and its components, and the template's stored
/// header example uploaded at most once for the batch.
/// </summary>
public sealed class TemplateSendBatch
{
    internal TemplateSendBatch(PhoneNumber number, MessageTemplate template, IReadOnlyList<TemplateComponentSpec> components)
    {
        Number = number;
        Template = template;
        Components = components;
    }

    public PhoneNumber Number { get; }
    internal MessageTemplate Template { get; }
    internal IReadOnlyList<TemplateComponentSpec> Components { get; }
    internal Lazy<Task<string?>>? StoredMedia { get; set; }

    /// <summary>
    /// The caller reserves each send's slot in the number's rate itself (<see cref="SendThrottle.ReserveNumber"/>) before
    /// it claims the send, so the dispatch does not take a second one (a campaign: nothing is claimed or stored long before
    /// it goes out).
    /// </summary>
    public bool NumberPacedByCaller { get; set; }

    /// <summary>
    /// With <see cref="NumberPacedByCaller"/>: what a stored send waits for before it is tried again after 130429 (given the
    /// attempt refused), instead of the dispatcher's fixed back-off and a new slot of the number (a campaign: its window).
    /// </summary>
    public Func<int, CancellationToken, Task>? ThroughputRetry { get; set; }
}

public sealed partial class TemplateService
{
    /// <summary>
    /// Reads once what sends of the approved template <paramref name="name"/> from the number share. 404 for a number or
    /// template that is not there, 409 <see cref="TemplateErrors.NotApproved"/> unless approved, 409
    /// <see cref="MessagingErrors.ChannelUnavailable"/> for an inactive number or a disconnected account.
    /// </summary>
    public async Task<TemplateSendBatch> PrepareBatchAsync(Actor actor, string name, Guid phoneNumberId, string? language, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        if (actor.Link is not null) throw InboxException.NotFound("Phone number");
        await using var db = inboxDb.For(actor.Org);
        var number = await db.PhoneNumbers.AsNoTracking().Include(p => p.Account).FirstOrDefaultAsync(p => p.Id == phoneNumberId, ct)
            ?? throw InboxException.NotFound("Phone number");
        var template = await PickAsync(db, number.AccountId, name, language, ct);
        if (!number.IsActive || number.Account!.Status != WhatsAppAccountStatus.CONNECTED)
            throw InboxException.Conflict("This conversation's WhatsApp number is disconnected or inactive", MessagingErrors.ChannelUnavailable);
        return new TemplateSendBatch(number, template, TemplateJson.Parse(template.ComponentsJson));
    }

    /// <summary>
    /// Finds, for each phone, the contact on the batch's number and its open conversation, creating the missing ones
    /// (origin TEMPLATE, events raised) in one transaction. Phones that are not phone numbers are left out of the answer.
    /// The keys of the answer are the phones as given.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SendTarget>> OpenConversationsAsync(Actor actor, TemplateSendBatch batch, IReadOnlyCollection<string> phones,
        CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        var wanted = new Dictionary<string, (string Digits, string? Key)>(StringComparer.Ordinal);
        foreach (var phone in phones)
        {
            if (PhoneKeys.E164(phone)?.TrimStart('+') is { } digits) wanted[phone] = (digits, PhoneKeys.Key(digits));
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await OpenConversationsOnceAsync(actor, batch.Number.Id, wanted, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A contact or conversation was created meanwhile (an inbound message): read again, it is found this time.
            }
            catch (DbUpdateException)
            {
                throw InboxException.Conflict("The contact was created meanwhile; send again");
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, SendTarget>> OpenConversationsOnceAsync(Actor actor, Guid numberId,
        Dictionary<string, (string Digits, string? Key)> wanted, CancellationToken ct)
    {
        var answer = new Dictionary<string, SendTarget>(StringComparer.Ordinal);
        if (wanted.Count == 0) return answer;
        await using var db = inboxDb.For(actor.Org);
        var identifiers = wanted.Values.Select(w => w.Digits).Distinct().ToList();
        var keys = wanted.Values.Where(w => w.Key != null).Select(w => w.Key!).Distinct().ToList();
        var found = await db.Contacts.Where(c => c.PhoneNumberId == numberId && (identifiers.Contains(c.Identifier) || (c.PhoneKey != null && keys.Contains(c.PhoneKey))))
            .ToListAsync(ct);
        var byIdentifier = found.GroupBy(c => c.Identifier).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byKey = found.Where(c => c.PhoneKey != null).GroupBy(c => c.PhoneKey!).ToDictionary(g => g.Key, g => g.OrderBy(c => c.CreatedAt).First(), StringComparer.Ordinal);
        var contactIds = found.Select(c => c.Id).ToList();
        var open = (await db.Conversations.Where(c => contactIds.Contains(c.ContactId) && c.Status != ConversationStatus.CLOSED).ToListAsync(ct))
            .GroupBy(c => c.ContactId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.LastMessageAt).First());
        var now = clock.GetUtcNow();
        var created = new Dictionary<string, Contact>(StringComparer.Ordinal);
        var opened = false; // a new contact always gets a new conversation
        foreach (var (phone, (digits, key)) in wanted)
        {
            var contact = byIdentifier.GetValueOrDefault(digits) ?? (key != null ? byKey.GetValueOrDefault(key) : null) ?? created.GetValueOrDefault(digits);
            if (contact is null)
            {
                contact = new Contact
                {
                    OrganizationId = actor.Org, PhoneNumberId = numberId, Identifier = digits, WaId = digits, ReplyTo = digits, Phone = digits, PhoneKey = key, CreatedAt = now, UpdatedAt = now,
                };
                db.Contacts.Add(contact);
                db.Raise(new ContactCreated(db.TenantId, contact.Id));
                created[digits] = contact;
            }
            if (!open.TryGetValue(contact.Id, out var conversation))
            {
                conversation = new Conversation
                {
                    OrganizationId = actor.Org, PhoneNumberId = numberId, ContactId = contact.Id, Status = ConversationStatus.WAITING_FOR_CUSTOMER, Origin = ConversationOrigin.TEMPLATE,
                    AssigneeId = actor.UserId, CreatedAt = now, UpdatedAt = now, LastMessageAt = now,
                };
                db.Conversations.Add(conversation);
                db.Raise(new ConversationCreated(db.TenantId, conversation.Id));
                open[contact.Id] = conversation;
                opened = true;
            }
            answer[phone] = new SendTarget(conversation.Id, contact.Id, contact.ReplyTo);
        }
        if (opened && RowBatch.Supported(db)) await SaveOpenedBatchedAsync(db, ct);
        else if (opened && db.Database.IsSqlite()) await SaveOpenedPreparedAsync(db, ct);
        else await db.SaveChangesAsync(ct);
        return answer;
    }

    /// <summary>
    /// SQLite: a batch's new contacts and conversations and their outbox rows each through one statement compiled once
    /// (<see cref="PreparedInsert"/>), in one transaction. EF Core's SQLite provider built and compiled one command per row
    /// (200 contacts, 200 conversations and their outbox rows per campaign batch: 50–60 ms in SQLite's write lane, a fifth of
    /// its time at 1,000 sends/s). Everything that does not need the database (the tenant guard, the NUL characters, the
    /// events' outbox rows and the interest answers they need) is done before the lane is taken. A unique index conflict (an
    /// inbound message created the contact meanwhile) rolls it back as a <see cref="DbUpdateException"/>, which
    /// <see cref="OpenConversationsAsync"/> answers by reading again.
    /// </summary>
    private static async Task SaveOpenedPreparedAsync(InboxDbContext db, CancellationToken ct)
    {
        var outbox = await db.PrepareOwnWritesAsync(ct); // the events wait for the transaction's commit (and are dropped if it rolls back)
        var contacts = db.ChangeTracker.Entries<Contact>().Where(e => e.State == EntityState.Added).ToList();
        var conversations = db.ChangeTracker.Entries<Conversation>().Where(e => e.State == EntityState.Added).ToList();
        await db.InDeferredTransactionAsync(async () =>
        {
            try
            {
                await PreparedInsert.InsertAsync(db, contacts.Select(e => e.Entity).ToList(), ct);
                await PreparedInsert.InsertAsync(db, conversations.Select(e => e.Entity).ToList(), ct);
                await PreparedInsert.InsertAsync(db, outbox, ct);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT
            {
                throw new DbUpdateException("A contact or conversation was created meanwhile", e);
            }
            foreach (var entry in contacts) entry.State = EntityState.Unchanged;
            foreach (var entry in conversations) entry.State = EntityState.Unchanged;
            return db.NothingToSave() ? 0 : await db.SaveChangesAsync(ct);
        }, ct);
    }

    /// <summary>
    /// PostgreSQL: a batch's new contacts and conversations and their outbox rows in one prepared <see cref="RowBatch"/> in one
    /// transaction (EF Core's save built a command per row: 200 contacts and 200 conversations per campaign batch). A unique
    /// index conflict (an inbound message created the contact meanwhile) rolls it back as a <see cref="DbUpdateException"/>,
    /// which <see cref="OpenConversationsAsync"/> answers by reading again.
    /// </summary>
    private static async Task SaveOpenedBatchedAsync(InboxDbContext db, CancellationToken ct)
    {
        await db.PrepareOutboxAsync(ct);
        await db.InDeferredTransactionAsync(async () =>
        {
            var outbox = db.TakeOutboxRows();
            // The new rows are inserted with their current values (they carry their organization): no change detection.
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                db.GuardTenant(); // what SaveChanges does first
                var batch = RowBatch.For(db);
                batch.InsertAdded<Contact>();
                batch.InsertAdded<Conversation>();
                batch.Insert(outbox);
                await batch.ExecuteAsync(ct);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
            {
                throw new DbUpdateException("A contact or conversation was created meanwhile", e);
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = detect;
            }
            return db.NothingToSave() ? 0 : await db.SaveChangesAsync(ct);
        }, ct);
    }

    /// <summary>
    /// Sends the batch's template to a conversation found or opened by <see cref="OpenConversationsAsync"/>, with
    /// <paramref name="messageId"/> (recorded by the caller before the send). Answers the dispatch's outcome.
    /// </summary>
    public async Task<DispatchOutcome> SendPreparedAsync(Actor actor, TemplateSendBatch batch, SendTarget target, IReadOnlyDictionary<string, string?>? parameters,
        Guid messageId, CancellationToken ct = default)
    {
        var item = await RenderPreparedAsync(actor, batch, target, parameters, messageId);
        return await sender.SendTemplateToAsync(actor, batch.Number, target, item.Content, item.Text, messageId, ct, batch.NumberPacedByCaller);
    }

    /// <summary>
    /// The batch's template rendered for one recipient (the send content and the text the thread shows), checked as a send
    /// checks it: 400 for values that do not fit. Nothing is stored.
    /// </summary>
    public async Task<OutboundTemplate> RenderPreparedAsync(Actor actor, TemplateSendBatch batch, SendTarget target, IReadOnlyDictionary<string, string?>? parameters,
        Guid messageId)
    {
        actor.Require(UserRole.AGENT);
        var values = TemplateRenderer.Normalize(parameters);
        string? storedMedia = null;
        if (!values.ContainsKey("header.media") && batch.Template.HeaderMediaPath is not null)
        {
            lock (batch)
            {
                batch.StoredMedia ??= new Lazy<Task<string?>>(() => StoredHeaderMediaIdAsync(actor.Org, batch.Template, batch.Number, batch.Components, CancellationToken.None));
            }
            storedMedia = await batch.StoredMedia.Value;
        }
        var content = TemplateRenderer.SendContent(batch.Template.Name, batch.Template.Language, batch.Template.ParameterFormat, batch.Components, values, storedMedia);
        OutboundValidation.Template(content);
        var text = TemplateRenderer.Render(batch.Components, values).ToMessageText();
        return new OutboundTemplate(messageId, target, content, text);
    }

    /// <summary>
    /// Adds the rendered templates of a chunk of the batch's sends to the caller's context (<see cref="MessageSender.AddTemplatesAsync"/>):
    /// one read of their conversations, the messages and the touched conversations saved by the caller in one save.
    /// </summary>
    internal Task<StoredTemplates> AddPreparedAsync(Data.InboxDbContext db, Actor actor, TemplateSendBatch batch, IReadOnlyList<OutboundTemplate> items, CancellationToken ct)
    {
        actor.Require(UserRole.AGENT);
        return sender.AddTemplatesAsync(db, actor, batch.Number, items, ct);
    }

    /// <summary>Dispatches a message stored by <see cref="AddPreparedAsync"/>: the wamid of an accepted send is answered, for the caller to record.</summary>
    internal Task<DispatchOutcome> DispatchPreparedAsync(Actor actor, TemplateSendBatch batch, Message message, SendTarget target) =>
        sender.DispatchStoredAsync(actor, message, batch.Number, target, batch.NumberPacedByCaller, batch.ThroughputRetry);
}
