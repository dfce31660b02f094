using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>
/// Gives the demo organization a sandbox number and a handful of realistic conversations (unanswered, answered and read,
/// one outside the 24-hour window, one with a failed reply, a BSUID-only customer, a reaction), written directly at
/// start-up (the webhook pipeline is not running yet). Idempotent: skipped once the organization has a sandbox account.
/// </summary>
public static class DemoInboxSeeder
{
    private sealed record Line(bool FromCustomer, string Text, TimeSpan Ago, MessageStatus Status = MessageStatus.READ, int? ErrorCode = null);

    private sealed record Customer(string Name, string? WaId, string? Bsuid, string? Username, string AgentEmail, Line[] Lines,
        (double Lat, double Lng, string Name, string Address)? Location = null, string? ReactionToLastReply = null);

    private static readonly Customer[] Customers =
    [
        new("Maria Gomez", "5491155551234", null, null, "agent1@acme.test",
        [
            new(true, "Hola! My order #4821 was supposed to arrive yesterday 😕", TimeSpan.FromMinutes(14)),
            new(true, "The tracking page hasn't changed since Monday", TimeSpan.FromMinutes(13)),
            new(true, "Can someone check what's going on?", TimeSpan.FromMinutes(6)),
        ]),
        new("James Carter", "14155550123", null, null, "agent1@acme.test",
        [
            new(true, "Hi, I was charged twice for my subscription this month", TimeSpan.FromHours(3)),
            new(false, "Hi James, sorry about that! I can see both charges. I've refunded the duplicate; it shows up in 3–5 business days.", TimeSpan.FromHours(2.9)),
            new(true, "Great, thanks for the quick help!", TimeSpan.FromHours(2.8)),
            new(false, "You're welcome. Anything else I can do for you?", TimeSpan.FromHours(2.7), MessageStatus.DELIVERED),
        ]),
        new("Priya Sharma", "919812345678", null, null, "agent2@acme.test",
        [
            new(true, "Hello, what's your return policy for shoes that were worn once?", TimeSpan.FromMinutes(50)),
            new(false, "Hi Priya! Worn items can be returned within 30 days if they're in good condition. Want me to start a return?", TimeSpan.FromMinutes(45), MessageStatus.FAILED, 131026),
            new(true, "Hello? Anyone there?", TimeSpan.FromMinutes(20)),
        ]),
        new("Lukas Becker", "4915112345678", null, null, "agent2@acme.test",
        [
            new(true, "Do you ship to Austria?", TimeSpan.FromHours(52)),
            new(false, "Hi Lukas, yes we do! Shipping to Austria takes 3–4 days and costs €6.90.", TimeSpan.FromHours(51)),
            new(true, "Perfect, thank you", TimeSpan.FromHours(50)),
        ]),
        new("Aiko Tanaka", "819012345678", null, null, "agent1@acme.test",
        [
            new(true, "Is this the closest store to me?", TimeSpan.FromMinutes(95)),
            new(false, "Yes, that's our Shibuya store. It's open 10:00–20:00 today.", TimeSpan.FromMinutes(90), MessageStatus.DELIVERED),
        ], Location: (35.6595, 139.7005, "Acme Shibuya", "2-21-1 Shibuya, Tokyo")),
        new("Sam Rivera", null, "US.1349120865530274", "sam.rivera", "agent1@acme.test",
        [
            new(true, "Is the store open on Sunday?", TimeSpan.FromMinutes(3)),
        ]),
        new("Chloé Martin", "33612345678", null, null, "agent2@acme.test",
        [
            new(true, "My package arrived but the box is damaged", TimeSpan.FromHours(5)),
            new(false, "Oh no! Could you send a photo of the item? If it's damaged we'll send a replacement right away.", TimeSpan.FromHours(4.9)),
            new(true, "The item itself looks fine, just the box", TimeSpan.FromHours(4.5)),
            new(false, "Glad to hear it! Thanks for letting us know, Chloé.", TimeSpan.FromHours(4.4)),
        ], ReactionToLastReply: "👍"),
    ];

    public static async Task EnsureAsync(InboxDb inboxDb, Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        if (await db.WhatsAppAccounts.AnyAsync(a => a.IsSandbox, ct)) return;
        var orgName = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(ct);
        var (account, number) = SandboxService.NewNumber(orgName, "Demo sandbox", now);
        db.WhatsAppAccounts.Add(account);
        db.PhoneNumbers.Add(number);
        var agents = Bootstrap.BootstrapService.DemoUserIds((await db.Users.Where(u => u.OrganizationId == organizationId)
            .Select(u => new { u.Email, u.Id }).ToListAsync(ct)).Select(u => (u.Email, u.Id)));
        foreach (var customer in Customers) Add(db, number.Id, customer, agents.GetValueOrDefault(customer.AgentEmail), now);
        await db.SaveChangesAsync(ct);
    }

    private static void Add(InboxDbContext db, Guid numberId, Customer customer, Guid agentId, DateTimeOffset now)
    {
        var identifier = customer.WaId ?? customer.Bsuid!;
        var first = now - customer.Lines.Max(l => l.Ago);
        var contact = new Contact
        {
            PhoneNumberId = numberId, Identifier = identifier, ReplyTo = identifier, WaId = customer.WaId, Bsuid = customer.Bsuid,
            Phone = customer.WaId, PhoneKey = PhoneKeys.Key(customer.WaId), ProfileName = customer.Name, Username = customer.Username,
            CreatedAt = first, UpdatedAt = now,
        };
        var conversation = new Conversation
        {
            PhoneNumberId = numberId, ContactId = contact.Id, Status = ConversationStatus.OPEN, Origin = ConversationOrigin.INBOUND,
            CreatedAt = first, UpdatedAt = now, LastMessageAt = first,
        };
        db.Contacts.Add(contact);
        db.Conversations.Add(conversation);

        var messages = new List<Message>();
        foreach (var line in customer.Lines.OrderByDescending(l => l.Ago))
        {
            var at = now - line.Ago;
            var message = new Message
            {
                ConversationId = conversation.Id,
                Direction = line.FromCustomer ? MessageDirection.INBOUND : MessageDirection.OUTBOUND,
                Type = MessageType.TEXT,
                WaMessageId = "wamid.DEMO" + Guid.NewGuid().ToString("N"),
                Text = line.Text,
                Status = line.FromCustomer ? MessageStatus.RECEIVED : line.Status,
                Timestamp = at,
                CreatedAt = at,
                SentById = line.FromCustomer ? null : agentId,
            };
            if (!line.FromCustomer) Settle(message, line, at);
            messages.Add(message);
        }
        if (customer.Location is { } place)
        {
            var at = messages[0].Timestamp.AddSeconds(-20);
            messages.Insert(0, new Message
            {
                ConversationId = conversation.Id, Direction = MessageDirection.INBOUND, Type = MessageType.LOCATION,
                WaMessageId = "wamid.DEMO" + Guid.NewGuid().ToString("N"), Latitude = place.Lat, Longitude = place.Lng,
                LocationName = place.Name, LocationAddress = place.Address, Status = MessageStatus.RECEIVED, Timestamp = at, CreatedAt = at,
            });
        }
        if (customer.ReactionToLastReply is { } emoji && messages.LastOrDefault(m => m.Direction == MessageDirection.OUTBOUND) is { } reply)
        {
            var at = reply.Timestamp.AddMinutes(2);
            messages.Add(new Message
            {
                ConversationId = conversation.Id, Direction = MessageDirection.INBOUND, Type = MessageType.REACTION,
                WaMessageId = "wamid.DEMO" + Guid.NewGuid().ToString("N"), ContextWaMessageId = reply.WaMessageId, Emoji = emoji,
                Status = MessageStatus.RECEIVED, Timestamp = at, CreatedAt = at,
            });
        }
        db.Messages.AddRange(messages);

        var visible = messages.Where(m => m.Type != MessageType.REACTION).ToList();
        var last = visible[^1];
        conversation.LastMessageAt = last.Timestamp;
        conversation.LastMessagePreview = WhatsAppInboundProcessor.Preview(last);
        conversation.LastMessageDirection = last.Direction;
        conversation.LastCustomerMessageAt = visible.Where(m => m.Direction == MessageDirection.INBOUND).Max(m => m.Timestamp);
        conversation.FirstResponseAt = visible.FirstOrDefault(m => m.Direction == MessageDirection.OUTBOUND)?.Timestamp;
        var unanswered = visible.AsEnumerable().Reverse().TakeWhile(m => m.Direction == MessageDirection.INBOUND).ToList();
        conversation.UnreadCount = unanswered.Count;
        conversation.WaitingSince = unanswered.Count == 0 ? null : unanswered[^1].Timestamp;
        if (conversation.FirstResponseAt is not null && agentId != Guid.Empty)
        {
            conversation.AssigneeId = agentId;
            conversation.Status = ConversationStatus.HUMAN_HANDLING;
        }
    }

    private static void Settle(Message message, Line line, DateTimeOffset at)
    {
        if (line.ErrorCode is { } code)
        {
            message.ErrorCode = code.ToString();
            message.ErrorTitle = GraphErrorTitles.For(code, "Message failed");
            message.ErrorDetails = "Message failed to send because the recipient's phone could not be reached (demo data).";
            message.FailedAt = at.AddSeconds(2);
            return;
        }
        message.SentAt = at.AddSeconds(1);
        if (line.Status is MessageStatus.DELIVERED or MessageStatus.READ) message.DeliveredAt = at.AddSeconds(2);
        if (line.Status == MessageStatus.READ) message.ReadAt = at.AddSeconds(30);
    }
}
