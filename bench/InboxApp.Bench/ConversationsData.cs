using System.Diagnostics;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Core.Tags;
using InboxApp.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Bench;

/// <summary>What the generator made, for the queries to aim at.</summary>
public sealed record GeneratedInbox(Guid PhoneNumberId, List<Guid> TeamIds, List<Guid> TagIds, List<string> Categories, Guid SampleConversationId,
    string SampleContactName, string SamplePhoneDigits);

/// <summary>
/// One organization's inbox at scale: contacts, conversations and messages written through EF Core in large batches (one
/// context and one transaction per batch, change detection off), with realistic spreads: 60% closed, 40% unassigned,
/// teams, categories and tags on part of them, a quarter unread, customers waiting on the open ones, 1-19 messages each
/// over the last 180 days. Message texts draw from a small vocabulary ("order" is in about one message in ten); one
/// message in ten thousand contains "zebrafish".
/// </summary>
public static class ConversationsData
{
    private static readonly string[] Words =
    [
        "hello", "please", "order", "delivery", "refund", "payment", "card", "invoice", "address", "package", "late", "tracking", "number",
        "thanks", "help", "account", "password", "login", "price", "discount", "coupon", "size", "color", "exchange", "return", "store",
        "open", "today", "tomorrow", "morning", "afternoon", "question", "problem", "broken", "damaged", "missing", "item", "product",
        "shipping", "cost", "free", "when", "where", "how", "much", "could", "would", "need", "want", "received", "sent", "status", "update",
        "cancel", "subscription", "plan", "upgrade", "support", "agent", "human", "talk", "call", "email", "receipt", "warranty", "repair",
        "schedule", "appointment", "available", "stock", "new", "old", "model", "black", "white", "blue", "small", "large", "medium", "great",
        "good", "bad", "fine", "okay", "sure", "yes", "no", "maybe", "wait", "still", "again", "already", "never", "always", "soon", "now",
    ];

    private static readonly string[] FirstNames = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Felipe", "Gabriela", "Hugo", "Isabel", "João", "Karen", "Lucas",
        "Maria", "Nina", "Otávio", "Paula", "Rafael", "Sofia", "Tiago", "Vera", "William", "Yara", "Zeca", "Alice", "Ben", "Chloe", "David", "Emma"];

    private static readonly string[] LastNames = ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Rodrigues", "Almeida", "Nascimento",
        "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Lopez", "Wilson", "Anderson"];

    public static async Task<GeneratedInbox> GenerateAsync(InboxDb inboxDb, Guid orgId, IReadOnlyList<Guid> agentIds, int conversations, int messages,
        Action<string> log)
    {
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        Guid phoneNumberId;
        var teams = Enumerable.Range(1, 5).Select(i => new Team { Name = $"Team {i}", NormalizedName = $"team {i}", CreatedAt = now, UpdatedAt = now }).ToList();
        var tags = Enumerable.Range(1, 10).Select(i => new Tag { Name = $"tag-{i}", NormalizedName = $"tag-{i}", Color = "#336699", CreatedAt = now, UpdatedAt = now }).ToList();
        var categories = new List<string> { "billing", "delivery", "returns", "sales", "support", "technical", "complaint", "other" };
        await using (var db = inboxDb.For(orgId))
        {
            var account = new WhatsAppAccount { WabaId = "bench-waba", Alias = "Bench", CreatedAt = now, UpdatedAt = now };
            var number = new PhoneNumber
            {
                AccountId = account.Id, MetaPhoneNumberId = "bench-" + Guid.NewGuid().ToString("N")[..12], DisplayPhoneNumber = "+1 555-000-0000",
                RegistrationStatus = RegistrationStatus.REGISTERED, CreatedAt = now, UpdatedAt = now,
            };
            db.WhatsAppAccounts.Add(account);
            db.PhoneNumbers.Add(number);
            db.Teams.AddRange(teams);
            db.Tags.AddRange(tags);
            await db.SaveChangesAsync();
            phoneNumberId = number.Id;
        }

        const int batch = 2_000;
        var perConversation = Math.Max(1, messages / Math.Max(1, conversations));
        var written = 0L;
        Guid sample = Guid.Empty;
        string sampleName = "", samplePhone = "";
        for (var start = 0; start < conversations; start += batch)
        {
            await using var db = inboxDb.For(orgId);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync();
            var count = Math.Min(batch, conversations - start);
            for (var i = 0; i < count; i++)
            {
                var n = start + i;
                var brazil = random.NextDouble() < 0.5;
                // The conversation's number in the last digits keeps every phone unique (random ones collide at 100,000).
                var phone = brazil ? $"55{11 + random.Next(80)}9{10_000_000 + n}" : $"1{random.Next(200, 999)}{1_000_000 + n}";
                var profile = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
                var created = now.AddDays(-180 * random.NextDouble());
                var contact = new Contact
                {
                    OrganizationId = orgId, PhoneNumberId = phoneNumberId, Identifier = phone, WaId = phone, Phone = phone, PhoneKey = PhoneKeys.Key(phone),
                    ProfileName = profile, ReplyTo = phone, CreatedAt = created, UpdatedAt = created,
                    Name = random.NextDouble() < 0.2 ? profile + " " + LastNames[random.Next(LastNames.Length)] : null,
                    Username = random.NextDouble() < 0.1 ? profile.Replace(' ', '_').ToLowerInvariant() + n : null,
                };
                db.Contacts.Add(contact);
                var status = Pick(random, (ConversationStatus.CLOSED, 60), (ConversationStatus.OPEN, 15), (ConversationStatus.HUMAN_HANDLING, 10),
                    (ConversationStatus.WAITING_FOR_CUSTOMER, 8), (ConversationStatus.BOT_HANDLING, 7));
                var conversation = new Conversation
                {
                    OrganizationId = orgId, PhoneNumberId = phoneNumberId, ContactId = contact.Id, Status = status,
                    Origin = Pick(random, (ConversationOrigin.INBOUND, 85), (ConversationOrigin.TEMPLATE, 10), (ConversationOrigin.CAMPAIGN, 5)),
                    AssigneeId = random.NextDouble() < 0.4 ? null : agentIds[random.Next(agentIds.Count)],
                    TeamId = random.NextDouble() < 0.3 ? null : teams[random.Next(teams.Count)].Id,
                    Category = random.NextDouble() < 0.4 ? null : categories[random.Next(categories.Count)],
                    CreatedAt = created,
                };
                var messageCount = Math.Max(1, perConversation + random.Next(-perConversation + 1, perConversation));
                var at = created;
                Message? last = null;
                DateTimeOffset? firstUnanswered = null;
                for (var m = 0; m < messageCount; m++)
                {
                    at = at.AddSeconds(random.Next(5, 1800));
                    var inbound = m == 0 || random.NextDouble() < 0.5;
                    var message = new Message
                    {
                        OrganizationId = orgId, ConversationId = conversation.Id, Direction = inbound ? MessageDirection.INBOUND : MessageDirection.OUTBOUND,
                        Type = MessageType.TEXT, WaMessageId = "wamid.BENCH" + Guid.NewGuid().ToString("N"), Text = Sentence(random),
                        Status = inbound ? MessageStatus.RECEIVED : MessageStatus.READ, Timestamp = at, CreatedAt = at,
                    };
                    db.Messages.Add(message);
                    if (inbound) { conversation.LastCustomerMessageAt = at; firstUnanswered ??= at; }
                    else firstUnanswered = null;
                    last = message;
                }
                written += messageCount;
                conversation.LastMessageAt = at;
                conversation.UpdatedAt = at;
                conversation.LastMessageDirection = last!.Direction;
                conversation.LastMessagePreview = last.Text!.Length > 200 ? last.Text[..200] : last.Text;
                var closed = status == ConversationStatus.CLOSED;
                conversation.ResolvedAt = closed ? at.AddMinutes(30) : null;
                conversation.WaitingSince = closed || last.Direction == MessageDirection.OUTBOUND ? null : firstUnanswered;
                conversation.UnreadCount = !closed && last.Direction == MessageDirection.INBOUND && random.NextDouble() < 0.6 ? random.Next(1, 5) : 0;
                conversation.FirstResponseAt = created.AddMinutes(random.Next(1, 60));
                db.Conversations.Add(conversation);
                var tagCount = random.NextDouble() < 0.65 ? 0 : random.Next(1, 3);
                foreach (var tag in tags.OrderBy(_ => random.Next()).Take(tagCount))
                    db.ConversationTags.Add(new ConversationTag { OrganizationId = orgId, ConversationId = conversation.Id, TagId = tag.Id, CreatedAt = at });
                if (n == conversations / 2) (sample, sampleName, samplePhone) = (conversation.Id, contact.Name ?? profile, phone[^8..]);
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            if ((start / batch) % 10 == 9 || start + batch >= conversations)
                log($"  generated {start + count:N0} conversations, {written:N0} messages, {sw.Elapsed.TotalSeconds:F0} s");
        }
        return new GeneratedInbox(phoneNumberId, teams.Select(t => t.Id).ToList(), tags.Select(t => t.Id).ToList(), categories, sample, sampleName, samplePhone);
    }

    private static string Sentence(Random random)
    {
        var words = new string[random.Next(4, 12)];
        for (var i = 0; i < words.Length; i++) words[i] = Words[random.Next(Words.Length)];
        if (random.Next(10_000) == 0) words[random.Next(words.Length)] = "zebrafish";
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static T Pick<T>(Random random, params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }
}
