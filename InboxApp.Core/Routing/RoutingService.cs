using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Routing;

/// <summary>
/// Routing rules: supervisors and admins read them, admins change them. Priority 1 is evaluated first; a new rule goes
/// last. Every change renews <see cref="RoutingSettings.RulesVersion"/> so compiled copies are rebuilt.
/// </summary>
public sealed partial class RoutingService(InboxDb inboxDb, ConversationRouter router, TimeProvider clock)
{
    public async Task<IReadOnlyList<RoutingRuleDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var rules = await db.Set<RoutingRule>().AsNoTracking().OrderBy(r => r.Priority).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        var teams = await TeamNamesAsync(db, ct);
        return rules.Select(r => ToDto(r, teams)).ToList();
    }

    public async Task<RoutingRuleDto> CreateAsync(Actor actor, RoutingRuleInput input, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var name = Name(input.Name);
        var conditions = RoutingConditions.Validate(input.Conditions);
        var teamId = input.TeamId ?? throw InboxException.Invalid("teamId", "teamId is required");
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        await EnsureTeamAsync(db, teamId, ct);
        var count = await db.Set<RoutingRule>().CountAsync(ct);
        if (count >= RoutingLimits.MaxRules) throw InboxException.Invalid("body", $"An organization has at most {RoutingLimits.MaxRules} routing rules");
        var last = await db.Set<RoutingRule>().MaxAsync(r => (int?)r.Priority, ct) ?? 0;
        var rule = new RoutingRule
        {
            Name = name,
            TeamId = teamId,
            MatchType = CheckMatchType(input.MatchType ?? RuleMatchType.ANY),
            ConditionsJson = RoutingConditions.ToJson(conditions),
            IsActive = input.IsActive ?? true,
            Priority = last + 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(rule);
        await TouchRulesAsync(db, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(rule, await TeamNamesAsync(db, ct));
    }

    public async Task<RoutingRuleDto> UpdateAsync(Actor actor, Guid id, RoutingRuleInput input, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var rule = await db.Set<RoutingRule>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw InboxException.NotFound("Routing rule");
        if (input.Name is not null) rule.Name = Name(input.Name);
        if (input.Conditions is not null) rule.ConditionsJson = RoutingConditions.ToJson(RoutingConditions.Validate(input.Conditions));
        if (input.MatchType is { } matchType) rule.MatchType = CheckMatchType(matchType);
        if (input.IsActive is { } active) rule.IsActive = active;
        if (input.TeamId is { } teamId)
        {
            await EnsureTeamAsync(db, teamId, ct);
            rule.TeamId = teamId;
        }
        rule.UpdatedAt = clock.GetUtcNow();
        await TouchRulesAsync(db, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(rule, await TeamNamesAsync(db, ct));
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var rule = await db.Set<RoutingRule>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw InboxException.NotFound("Routing rule");
        db.Remove(rule);
        await TouchRulesAsync(db, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets the priorities to the order given; <paramref name="orderedIds"/> must name every rule once.</summary>
    public async Task<IReadOnlyList<RoutingRuleDto>> ReorderAsync(Actor actor, IReadOnlyList<Guid>? orderedIds, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (orderedIds is null || orderedIds.Count == 0) throw InboxException.Invalid("orderedIds", "orderedIds is required");
        if (orderedIds.Distinct().Count() != orderedIds.Count) throw InboxException.Invalid("orderedIds", "orderedIds names a rule twice");
        await using var db = inboxDb.For(actor.Org);
        var rules = await db.Set<RoutingRule>().ToListAsync(ct);
        var byId = rules.ToDictionary(r => r.Id);
        if (orderedIds.Any(id => !byId.ContainsKey(id))) throw InboxException.NotFound("Routing rule");
        if (orderedIds.Count != rules.Count) throw InboxException.Invalid("orderedIds", "orderedIds must name every rule of the organization");
        var now = clock.GetUtcNow();
        for (var i = 0; i < orderedIds.Count; i++)
        {
            var rule = byId[orderedIds[i]];
            if (rule.Priority == i + 1) continue;
            rule.Priority = i + 1;
            rule.UpdatedAt = now;
        }
        await TouchRulesAsync(db, ct);
        await db.SaveChangesAsync(ct);
        var teams = await TeamNamesAsync(db, ct);
        return rules.OrderBy(r => r.Priority).Select(r => ToDto(r, teams)).ToList();
    }

    /// <summary>The active rules, before the rule being edited (or all of them for a new rule), that would take some of the same conversations.</summary>
    public async Task<ConflictReportDto> CheckConflictsAsync(Actor actor, Guid? teamId, string? conditionsJson, RuleMatchType? matchType, Guid? excludeRuleId,
        CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        if (teamId is null) throw InboxException.Invalid("teamId", "teamId is required");
        var conditions = RoutingConditions.Validate(RoutingConditions.ParseQuery(conditionsJson));
        CheckMatchType(matchType ?? RuleMatchType.ANY);
        await using var db = inboxDb.For(actor.Org);
        await EnsureTeamAsync(db, teamId.Value, ct);
        var rules = await db.Set<RoutingRule>().AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Priority).ToListAsync(ct);
        if (excludeRuleId is { } excluded)
        {
            var edited = rules.FirstOrDefault(r => r.Id == excluded);
            if (edited is null && !await db.Set<RoutingRule>().AnyAsync(r => r.Id == excluded, ct)) throw InboxException.NotFound("Routing rule");
            rules = edited is null ? rules : rules.Where(r => r.Priority < edited.Priority).ToList();
        }
        var conflicts = new List<RuleConflictDto>();
        foreach (var rule in rules)
        {
            var theirs = RoutingConditions.Parse(rule.ConditionsJson);
            var why = conditions.SelectMany(mine => theirs.Select(other => RoutingConditions.Overlap(mine, other))).FirstOrDefault(r => r is not null);
            if (why is null) continue;
            var sameTeam = rule.TeamId == teamId;
            conflicts.Add(new RuleConflictDto(rule.Id, rule.Name, rule.Priority, rule.TeamId,
                $"\"{rule.Name}\" comes first and {why}{(sameTeam ? " (same team)" : "")}"));
        }
        return new ConflictReportDto(conflicts.Count > 0, conflicts);
    }

    /// <summary>Which rule would win for a sample message, and why; nothing is saved.</summary>
    public async Task<RoutingTestResultDto> TestAsync(Actor actor, RoutingTestInput input, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        if (input.Text is { Length: > 4096 }) throw InboxException.Invalid("text", "text must be at most 4096 characters");
        await using var db = inboxDb.For(actor.Org);
        var settings = await RoutingSettingsStore.LoadAsync(db, ct);
        var inside = RoutingSettingsStore.Schedule(settings)?.Clock().IsOpen(input.At ?? clock.GetUtcNow()) ?? true;
        var phoneNumberId = input.PhoneNumberId ?? Guid.Empty;
        var digits = phoneNumberId == Guid.Empty ? null
            : PhoneKeys.Digits(await db.PhoneNumbers.Where(p => p.Id == phoneNumberId).Select(p => p.DisplayPhoneNumber).FirstOrDefaultAsync(ct));
        var country = PhoneKeys.Country(input.ContactPhone);
        var context = new RoutingContext
        {
            Messages = [(RoutingEngine.Lower(input.Text), input.MessageType ?? Messaging.MessageType.TEXT)],
            ContactTags = new HashSet<string>(input.ContactTags ?? [], StringComparer.OrdinalIgnoreCase),
            Attributes = new Dictionary<string, string>(input.ContactAttributes ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),
            Country = country,
            PhoneNumberId = phoneNumberId,
            PhoneNumberDigits = digits,
            InsideBusinessHours = inside,
        };
        var verdict = await router.DecideAsync(db, settings, context, ct);
        var teams = await TeamNamesAsync(db, ct);
        if (verdict.Rule is { } rule)
            return new RoutingTestResultDto(rule.Id, rule.Name, rule.TeamId, teams.GetValueOrDefault(rule.TeamId),
                $"Rule \"{rule.Name}\" (priority {rule.Priority}) wins: {verdict.Reason}", inside, country);
        if (settings.DefaultTeamId is { } fallback)
            return new RoutingTestResultDto(null, null, fallback, teams.GetValueOrDefault(fallback), "No rule matches: the default team gets it", inside, country);
        return new RoutingTestResultDto(null, null, null, null, "No rule matches and no default team is set: it stays unrouted", inside, country);
    }

    private static RoutingRuleDto ToDto(RoutingRule r, IReadOnlyDictionary<Guid, string> teams) =>
        new(r.Id, r.Name, r.TeamId, teams.GetValueOrDefault(r.TeamId), r.MatchType, RoutingConditions.Parse(r.ConditionsJson), r.IsActive, r.Priority,
            r.CreatedAt, r.UpdatedAt);

    private static async Task<Dictionary<Guid, string>> TeamNamesAsync(InboxDbContext db, CancellationToken ct) =>
        await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

    private static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw InboxException.Invalid("name", "name is required");
        if (trimmed.Length > RoutingLimits.MaxNameLength) throw InboxException.Invalid("name", $"name must be at most {RoutingLimits.MaxNameLength} characters");
        return trimmed;
    }

    private static RuleMatchType CheckMatchType(RuleMatchType type) =>
        Enum.IsDefined(type) ? type : throw InboxException.Invalid("matchType", "matchType must be ANY or ALL");

    /// <summary>404 for a team of another organization (or none); 400 for an inactive one.</summary>
    internal static async Task EnsureTeamAsync(InboxDbContext db, Guid teamId, CancellationToken ct)
    {
        var active = await db.Teams.Where(t => t.Id == teamId).Select(t => (bool?)t.IsActive).FirstOrDefaultAsync(ct) ?? throw InboxException.NotFound("Team");
        if (!active) throw InboxException.Invalid("teamId", "That team is inactive");
    }

    private static async Task TouchRulesAsync(InboxDbContext db, CancellationToken ct)
    {
        var settings = await RoutingSettingsStore.ForUpdateAsync(db, ct);
        settings.RulesVersion = Guid.NewGuid();
    }
}
