using System.Collections.Concurrent;
using System.Text.Json;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Routing;

/// <summary>An active rule ready to evaluate.</summary>
public sealed record CompiledRule(Guid Id, string Name, Guid TeamId, int Priority, RuleMatchType MatchType, IReadOnlyList<CompiledCondition> Conditions)
{
    /// <summary>Why the rule matches the context, or null when it does not.</summary>
    public string? Match(RoutingContext context)
    {
        if (MatchType == RuleMatchType.ANY)
        {
            foreach (var c in Conditions)
                if (c.Match(context) is { } why) return why;
            return null;
        }
        var reasons = new List<string>(Conditions.Count);
        foreach (var c in Conditions)
        {
            if (c.Match(context) is not { } why) return null;
            reasons.Add(why);
        }
        return string.Join(" and ", reasons);
    }
}

/// <summary>The winning rule (null: none matched) and why, in a sentence.</summary>
public sealed record RoutingVerdict(CompiledRule? Rule, string? Reason);

/// <summary>
/// The routing decision: the first active rule by priority whose conditions match wins. Keeps each organization's rules
/// compiled in memory (patterns built once) and reloads them when <see cref="RoutingSettings.RulesVersion"/> changed, so
/// a change on another node is seen at the next decision.
/// </summary>
public sealed class RoutingEngine
{
    private const int MaxMessages = 20;
    private readonly ConcurrentDictionary<Guid, (Guid Version, IReadOnlyList<CompiledRule> Rules)> compiled = new();

    /// <summary>The organization's active rules in priority order, compiled (from memory when <paramref name="version"/> is current).</summary>
    public async Task<IReadOnlyList<CompiledRule>> RulesAsync(InboxDbContext db, Guid version, CancellationToken ct)
    {
        var org = db.TenantId;
        if (compiled.TryGetValue(org, out var cached) && cached.Version == version) return cached.Rules;
        var rows = await db.Set<RoutingRule>().AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Priority).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        var rules = rows.Select(Compile).ToList();
        compiled[org] = (version, rules);
        return rules;
    }

    public static CompiledRule Compile(RoutingRule r) =>
        new(r.Id, r.Name, r.TeamId, r.Priority, r.MatchType, RoutingConditions.Parse(r.ConditionsJson).Select(RoutingConditions.Compile).ToList());

    /// <summary>The first rule that matches, skipping rules whose team cannot take conversations.</summary>
    public static RoutingVerdict Decide(IReadOnlyList<CompiledRule> rules, RoutingContext context, Func<Guid, bool>? teamOpen = null)
    {
        foreach (var rule in rules)
        {
            if (teamOpen is not null && !teamOpen(rule.TeamId)) continue;
            if (rule.Match(context) is { } why) return new RoutingVerdict(rule, why);
        }
        return new RoutingVerdict(null, null);
    }

    /// <summary>Gathers what the conditions look at for one conversation: its customer messages (first first), contact, number, hours.</summary>
    public static async Task<RoutingContext> ContextAsync(InboxDbContext db, Conversation conversation, bool insideBusinessHours, CancellationToken ct)
    {
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Direction == MessageDirection.INBOUND && m.Type != MessageType.REACTION && m.Type != MessageType.SYSTEM)
            .OrderBy(m => m.Timestamp).ThenBy(m => m.CreatedAt)
            .Select(m => new { m.Text, m.Caption, m.ReplyOptionTitle, m.Type }).Take(MaxMessages).ToListAsync(ct);
        var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == conversation.ContactId)
            .Select(c => new { c.Phone, c.WaId, c.AttributesJson }).FirstOrDefaultAsync(ct);
        var tags = await db.ConversationTags.AsNoTracking()
            .Where(t => db.Conversations.Any(c => c.Id == t.ConversationId && c.ContactId == conversation.ContactId))
            .Select(t => t.Tag!.Name).Distinct().ToListAsync(ct);
        var number = await db.PhoneNumbers.AsNoTracking().Where(p => p.Id == conversation.PhoneNumberId).Select(p => p.DisplayPhoneNumber).FirstOrDefaultAsync(ct);
        return new RoutingContext
        {
            Messages = messages.Select(m => (Lower(m.Text ?? m.Caption ?? m.ReplyOptionTitle), m.Type)).ToList(),
            ContactTags = new HashSet<string>(tags, StringComparer.OrdinalIgnoreCase),
            Attributes = Attributes(contact?.AttributesJson),
            Country = PhoneKeys.Country(contact?.Phone ?? contact?.WaId),
            PhoneNumberId = conversation.PhoneNumberId,
            PhoneNumberDigits = PhoneKeys.Digits(number),
            InsideBusinessHours = insideBusinessHours,
        };
    }

    public static string? Lower(string? text) => text?.ToLowerInvariant();

    /// <summary>The contact's attributes as text (numbers and booleans as written in JSON).</summary>
    public static Dictionary<string, string> Attributes(string? json)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(json)) return result;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return result;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var value = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                    _ => null,
                };
                if (value is not null) result[p.Name] = value;
            }
        }
        catch (JsonException)
        {
        }
        return result;
    }
}
