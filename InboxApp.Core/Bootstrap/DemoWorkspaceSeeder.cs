using InboxApp.Core.Data;
using InboxApp.Core.QuickReplies;
using InboxApp.Core.Tags;
using InboxApp.Core.Teams;
using InboxApp.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Bootstrap;

/// <summary>
/// Gives the demo organization a few quick replies, tags (some on the demo conversations), teams (with the demo agents) and
/// approved message templates on its sandbox account (to answer a conversation whose 24-hour window has closed),
/// so those features can be tried at once. Idempotent per kind: each kind is seeded only while the organization has none of
/// it, so a restart adds nothing twice and what an admin deleted or renamed stays as they left it once the kind exists.
/// </summary>
public static class DemoWorkspaceSeeder
{
    private static readonly (string Shortcut, string Title, string Text, string Category)[] QuickReplies =
    [
        ("greeting", "Greeting", "Hi {{contact.name}}, thanks for contacting {{organization.name}}! How can I help you today?", "Openers"),
        ("tracking", "Where is my order", "Hi {{contact.name}}, I'm checking your order now. Could you send me the order number so I can look up the tracking?", "Orders"),
        ("refund", "Refund issued", "I've issued your refund; it shows up on your statement in 3 to 5 business days.", "Billing"),
        ("hours", "Opening hours", "Our stores are open Monday to Saturday 10:00–20:00 and Sunday 11:00–18:00.", "Stores"),
        ("thanks", "Thanks and goodbye", "Thanks for reaching out, {{contact.name}}! This is {{agent.name}}; write any time if you need anything else.", "Closers"),
    ];

    /// <summary>Tag name, palette colour, and the demo customers (by WhatsApp id) whose conversations carry it.</summary>
    private static readonly (string Name, string Color, string[] Customers)[] Tags =
    [
        ("Shipping", "Blue", ["5491155551234", "4915112345678"]),
        ("Billing", "Amber", ["14155550123"]),
        ("Returns", "Purple", ["919812345678", "33612345678"]),
        ("VIP", "Red", ["14155550123"]),
    ];

    /// <summary>Team name, description, and its members by demo e-mail (the first is the lead).</summary>
    private static readonly (string Name, string Description, string[] Members)[] Teams =
    [
        ("Orders & shipping", "Tracking, delays and deliveries", ["agent1@acme.test", "supervisor@acme.test"]),
        ("Billing & returns", "Charges, refunds and returns", ["agent2@acme.test", "supervisor@acme.test"]),
    ];

    /// <summary>Approved templates of the sandbox account: name, category, components in Meta's shape.</summary>
    private static readonly (string Name, TemplateCategory Category, TemplateComponentSpec[] Components)[] Templates =
    [
        ("order_update", TemplateCategory.UTILITY,
        [
            new("HEADER", "TEXT", "Order update"),
            new("BODY", Text: "Hi {{1}}, your order {{2}} is on its way. Reply here if you have any questions.",
                Example: new TemplateExample(BodyText: [["Ana", "#10234"]])),
            new("FOOTER", Text: "Acme Store"),
            new("BUTTONS", Buttons: [new TemplateButton("QUICK_REPLY", "Thanks"), new TemplateButton("QUICK_REPLY", "I need help")]),
        ]),
        ("follow_up", TemplateCategory.UTILITY,
        [
            new("BODY", Text: "Hello {{1}}, we are following up on your recent conversation with us. Is there anything else we can help with?",
                Example: new TemplateExample(BodyText: [["Ana"]])),
        ]),
    ];

    public static async Task EnsureAsync(InboxDb inboxDb, Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        var users = BootstrapService.DemoUserIds((await db.Users.Where(u => u.OrganizationId == organizationId)
            .Select(u => new { u.Email, u.Id }).ToListAsync(ct)).Select(u => (u.Email, u.Id)));
        var admin = users.GetValueOrDefault("admin@acme.test");

        if (!await db.QuickReplies.AnyAsync(ct))
        {
            foreach (var (shortcut, title, text, category) in QuickReplies)
            {
                db.QuickReplies.Add(new QuickReply
                {
                    Shortcut = shortcut, Title = title, Text = QuickReplyRules.Text(text), Category = category,
                    CreatedById = admin == Guid.Empty ? null : admin, CreatedAt = now, UpdatedAt = now,
                });
            }
        }

        if (!await db.Tags.AnyAsync(ct))
        {
            var conversations = await db.Conversations.Where(c => c.Contact!.WaId != null)
                .Select(c => new { c.Id, c.Contact!.WaId }).ToListAsync(ct);
            foreach (var (name, colorName, customers) in Tags)
            {
                var tag = new Tag
                {
                    Name = name, NormalizedName = TagRules.Normalize(name), Color = TagPalette.Colors.First(c => c.Name == colorName).Hex,
                    CreatedAt = now, UpdatedAt = now,
                };
                db.Tags.Add(tag);
                foreach (var conversation in conversations.Where(c => customers.Contains(c.WaId)))
                    db.ConversationTags.Add(new ConversationTag { ConversationId = conversation.Id, TagId = tag.Id, CreatedAt = now });
            }
        }

        if (!await db.Teams.AnyAsync(ct))
        {
            foreach (var (name, description, members) in Teams)
            {
                var team = new Team { Name = name, NormalizedName = TeamRules.Normalize(name), Description = description, CreatedAt = now, UpdatedAt = now };
                db.Teams.Add(team);
                for (var i = 0; i < members.Length; i++)
                {
                    if (users.GetValueOrDefault(members[i]) is var userId && userId == Guid.Empty) continue;
                    db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = userId, Role = i == 0 ? TeamRole.LEAD : TeamRole.MEMBER, CreatedAt = now });
                }
            }
        }

        var sandboxAccount = await db.WhatsAppAccounts.Where(a => a.IsSandbox).OrderBy(a => a.CreatedAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (sandboxAccount is { } accountId && !await db.Set<MessageTemplate>().AnyAsync(ct))
        {
            foreach (var (name, category, components) in Templates)
            {
                db.Add(new MessageTemplate
                {
                    AccountId = accountId, Name = name, Language = "en_US", Category = category, ComponentsJson = TemplateJson.Serialize(components),
                    ParameterFormat = TemplateLint.FormatOf(components), Status = TemplateStatus.APPROVED, QualityScore = "GREEN",
                    MetaTemplateId = Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    CreatedById = admin == Guid.Empty ? null : admin, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
