using System.Text.Json.Nodes;
using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Storage;
using InboxApp.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>
/// Plays the customer on sandbox numbers: builds WhatsApp-shaped webhook deliveries and stores them through the
/// <see cref="WebhookIngestor"/>, so they are processed exactly like Meta's traffic, then waits until the webhook worker
/// has handled them. Admins only; sandbox numbers only.
/// </summary>
public sealed partial class SandboxSimulator(InboxDb inboxDb, WebhookIngestor ingestor, TimeProvider clock, IOptions<SandboxOptions> options,
    MediaStore store, IOptions<MediaDownloadOptions> mediaOptions)
{
    public const int MaxMessages = 20;
    public const int MaxBatch = 50;

    public static readonly string[] TemplateEvents =
        ["APPROVED", "REJECTED", "PENDING", "PAUSED", "DISABLED", "FLAGGED", "IN_APPEAL", "ARCHIVED", "DELETED", "LIMIT_EXCEEDED", "LOCKED"];

    public async Task<SimulatedConversationDto> SimulateConversationAsync(Actor actor, SimulatedConversation request, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (request.Messages.Count is 0 or > MaxMessages) throw InboxException.Invalid("messages", $"messages must hold 1 to {MaxMessages} items");
        PhoneNumber number;
        await using (var db = inboxDb.For(actor.Org)) number = await SandboxService.ResolveNumberAsync(db, request.PhoneNumberId, ct);

        var waId = PhoneKeys.Digits(request.Contact.Phone);
        var userId = string.IsNullOrWhiteSpace(request.Contact.UserId) ? null : request.Contact.UserId.Trim();
        if (waId is null && userId is null) waId = "1555" + Random.Shared.Next(0, 10_000_000).ToString("D7");
        var now = clock.GetUtcNow();
        var wamids = new List<string>();
        var messages = new JsonArray();
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var wamid = SandboxPayloads.NewWamid();
            wamids.Add(wamid);
            messages.Add(SandboxPayloads.Message(wamid, waId, waId is null ? userId : null, now.AddSeconds(i - request.Messages.Count + 1), request.Messages[i]));
        }
        var contact = SandboxPayloads.Contact(waId, userId, Clean(request.Contact.Name), Clean(request.Contact.Username));
        var deliveryId = await InjectAsync(SandboxPayloads.Envelope(number.Account!.WabaId, "messages",
            SandboxPayloads.MessagesValue(number, new JsonArray(contact), messages)), ct);

        await using var read = inboxDb.For(actor.Org);
        var stored = await read.Messages.AsNoTracking().Where(m => wamids.Contains(m.WaMessageId!))
            .Select(m => new { m.Id, m.WaMessageId, m.ConversationId }).ToListAsync(ct);
        if (stored.Count == 0) throw NotProcessed();
        var conversationId = (stored.FirstOrDefault(m => m.WaMessageId == wamids[^1]) ?? stored[0]).ConversationId;
        var contactId = await read.Conversations.Where(c => c.Id == conversationId).Select(c => c.ContactId).FirstAsync(ct);
        var ids = wamids.Select(w => stored.FirstOrDefault(s => s.WaMessageId == w)?.Id).OfType<Guid>().ToList();
        return new SimulatedConversationDto(conversationId, contactId, number.Id, deliveryId, ids);
    }

    public async Task<IReadOnlyList<SimulatedConversationDto>> SimulateBatchAsync(Actor actor, IReadOnlyList<SimulatedConversation> conversations, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (conversations.Count is 0 or > MaxBatch) throw InboxException.Invalid("conversations", $"conversations must hold 1 to {MaxBatch} items");
        var results = new List<SimulatedConversationDto>();
        foreach (var conversation in conversations) results.Add(await SimulateConversationAsync(actor, conversation, ct));
        return results;
    }

    /// <summary>A message from the customer of an existing sandbox conversation.</summary>
    public async Task<SimulatedMessageDto> SimulateMessageAsync(Actor actor, Guid conversationId, SimulatedContent content, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        PhoneNumber number;
        Contact contact;
        await using (var db = inboxDb.For(actor.Org))
        {
            var conversation = await db.Conversations.AsNoTracking().Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == conversationId, ct)
                ?? throw InboxException.NotFound("Conversation");
            number = await SandboxService.ResolveNumberAsync(db, conversation.PhoneNumberId, ct);
            contact = conversation.Contact!;
            if (content.Type == "reaction")
            {
                // The API names our message id; WhatsApp names the wamid.
                if (!Guid.TryParse(content.ReactToWaMessageId, out var target)) throw InboxException.Invalid("messageId", "messageId must be a message id");
                var wamid = await db.Messages.Where(m => m.Id == target && m.ConversationId == conversationId).Select(m => m.WaMessageId).FirstOrDefaultAsync(ct)
                    ?? throw InboxException.Invalid("messageId", "messageId must be a message of this conversation that reached WhatsApp");
                content = content with { ReactToWaMessageId = wamid };
            }
            else if (content.Type == "interactive" && Guid.TryParse(content.ReactToWaMessageId, out var asked))
            {
                // A reply to one of our interactive messages: the option must be one it offered; the webhook names it as context.
                var offered = await db.Messages.AsNoTracking()
                    .FirstOrDefaultAsync(m => m.Id == asked && m.ConversationId == conversationId && m.Direction == Conversations.MessageDirection.OUTBOUND, ct);
                if (offered?.WaMessageId is null || SandboxReplyOptions.From(offered) is not { } options)
                    throw InboxException.Invalid("messageId", "messageId must be an interactive message of this conversation that reached WhatsApp");
                var option = options.Options.FirstOrDefault(o => o.Id == content.ButtonId || (content.ButtonId is null && o.Title == content.ButtonTitle))
                    ?? throw InboxException.Invalid("buttonId", "The reply must be one of the options of that message: " + string.Join(", ", options.Options.Select(o => o.Title)));
                content = content with
                {
                    ButtonId = option.Id, ButtonTitle = option.Title, ReactToWaMessageId = null, ContextWaMessageId = offered.WaMessageId,
                    ListReply = options.Kind == "list",
                };
            }
        }
        var from = contact.WaId;
        var newWamid = SandboxPayloads.NewWamid();
        var message = SandboxPayloads.Message(newWamid, from, from is null ? contact.Bsuid ?? contact.Identifier : null, clock.GetUtcNow(), content);
        var profile = SandboxPayloads.Contact(contact.WaId, contact.Bsuid, contact.ProfileName, contact.Username);
        var deliveryId = await InjectAsync(SandboxPayloads.Envelope(number.Account!.WabaId, "messages",
            SandboxPayloads.MessagesValue(number, new JsonArray(profile), new JsonArray(message))), ct);
        await using var read = inboxDb.For(actor.Org);
        var stored = await read.Messages.AsNoTracking().Where(m => m.WaMessageId == newWamid).Select(m => new { m.Id, m.ConversationId }).FirstOrDefaultAsync(ct)
            ?? throw NotProcessed();
        return new SimulatedMessageDto(stored.ConversationId, stored.Id, newWamid, deliveryId);
    }

    /// <summary>A <c>message_template_status_update</c> delivery for the sandbox number's account; stored and processed like Meta's.</summary>
    public async Task<SimulatedTemplateStatusDto> SimulateTemplateStatusAsync(Actor actor, Guid? phoneNumberId, string templateName, string templateEvent,
        string? language, string? reason, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (!TemplateEvents.Contains(templateEvent)) throw InboxException.Invalid("event", "event must be one of " + string.Join(", ", TemplateEvents));
        PhoneNumber number;
        await using (var db = inboxDb.For(actor.Org)) number = await SandboxService.ResolveNumberAsync(db, phoneNumberId, ct);
        var value = SandboxPayloads.TemplateStatus(templateName, templateEvent, language ?? "en_US", reason, Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999));
        var deliveryId = await InjectAsync(SandboxPayloads.Envelope(number.Account!.WabaId, "message_template_status_update", value), ct);
        await using var system = inboxDb.System();
        // Routed to the organization that simulated it, so it shows in its event log.
        await system.WebhookDeliveries.Where(d => d.Id == deliveryId && d.OrganizationId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.OrganizationId, actor.Org), ct);
        var status = await system.WebhookDeliveries.Where(d => d.Id == deliveryId).Select(d => d.Status).FirstAsync(ct);
        return new SimulatedTemplateStatusDto(deliveryId, status.ToString(), templateName, templateEvent);
    }

    /// <summary>Stores the delivery (no signature: it is made here) and waits until the webhook worker has handled it.</summary>
    private async Task<Guid> InjectAsync(string payload, CancellationToken ct)
    {
        var id = await ingestor.StoreAsync(payload, ct);
        var deadline = clock.GetUtcNow().AddSeconds(options.Value.SimulationTimeoutSeconds);
        while (true)
        {
            await using (var db = inboxDb.System())
            {
                var status = await db.WebhookDeliveries.Where(d => d.Id == id).Select(d => d.Status).FirstAsync(ct);
                if (status is not (WebhookDeliveryStatus.PENDING or WebhookDeliveryStatus.PROCESSING)) return id;
            }
            if (clock.GetUtcNow() > deadline) throw NotProcessed();
            await Task.Delay(TimeSpan.FromMilliseconds(20), clock, ct);
        }
    }

    private static InboxException NotProcessed() =>
        new(503, "SIMULATION_NOT_PROCESSED", "The simulated delivery was stored but has not been processed yet; check the webhook event log");

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
