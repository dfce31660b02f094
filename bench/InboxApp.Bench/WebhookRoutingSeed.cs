using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using InboxApp.Core.Routing;
using InboxApp.Core.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Bench;

/// <summary>
/// Routing configured for the webhooks scenario (issue 15: routing's effect on webhook processing). With
/// <c>BENCH_ROUTING_RULES</c>=N (N &gt; 0) the bench organization gets N active rules (the <c>routing</c> scenario's mix,
/// which the bench's messages never match: every rule is evaluated), a default team in round-robin with
/// <c>BENCH_ROUTING_AGENTS</c> (default 5) agents online in this process and room for every conversation, so each new
/// conversation is decided against all rules, falls to the default team, joins its queue and is assigned. Without it the
/// organization has no routing settings: routing only records "no rule matched" per new conversation.
/// </summary>
public static class WebhookRoutingSeed
{
    public static async Task ApplyAsync(IServiceProvider services, Guid org)
    {
        var ruleCount = int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUTING_RULES"), out var r) ? r : 0;
        if (ruleCount <= 0)
        {
            if (Environment.GetEnvironmentVariable("BENCH_ROUTING_RULES") is not null) Console.WriteLine("webhooks: routing off: no rules, no default team");
            return;
        }
        var agentCount = int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUTING_AGENTS"), out var a) && a > 0 ? a : 5;
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var team = new Team { Name = "Bench support", NormalizedName = TeamRules.Normalize("Bench support"), CreatedAt = now, UpdatedAt = now };
        var agents = Enumerable.Range(0, agentCount).Select(i => new User
        {
            OrganizationId = org, Email = $"agent-{i}-{org:N}@bench.test", NormalizedEmail = User.Normalize($"agent-{i}-{org:N}@bench.test"),
            Name = $"Bench agent {i}", PasswordHash = "not-a-usable-hash", CreatedAt = now, UpdatedAt = now,
        }).ToList();
        await using (var db = services.GetRequiredService<InboxDb>().For(org))
        {
            db.Add(team);
            db.AddRange(agents);
            db.AddRange(agents.Select(u => new TeamMember { TeamId = team.Id, UserId = u.Id, CreatedAt = now }));
            db.Add(new TeamRouting { TeamId = team.Id, Mode = AssignmentMode.ROUND_ROBIN, DefaultCapacity = RoutingLimits.MaxCapacity, UpdatedAt = now });
            db.AddRange(Enumerable.Range(0, ruleCount).Select(i => new RoutingRule
            {
                Name = $"Rule {i}", TeamId = team.Id, Priority = i + 1, MatchType = i % 7 == 0 ? RuleMatchType.ALL : RuleMatchType.ANY,
                ConditionsJson = RoutingConditions.ToJson(RoutingConditions.Validate(RoutingScenario.Conditions(i, random))), CreatedAt = now, UpdatedAt = now,
            }));
            db.Add(new RoutingSettings { OrganizationId = org, DefaultTeamId = team.Id, UpdatedAt = now });
            await db.SaveChangesAsync();
        }
        var presence = services.GetRequiredService<PresenceTracker>();
        foreach (var agent in agents) presence.Connect("bench-" + agent.Id.ToString("N"), org, agent.Id, agent.Name, OnlineStatus.OFFLINE);
        Console.WriteLine($"webhooks: routing on: {ruleCount} active rules (none matches), default team in round-robin with {agentCount} online agents");
    }

    /// <summary>
    /// With <c>BENCH_ROUTING_RULES</c> set (0 included): waits, at most a minute, until every conversation has been
    /// routed (routing runs in the outbox worker, after the webhook's transaction) and prints how long that took after the
    /// deliveries drained, and how many conversations were assigned.
    /// </summary>
    public static async Task ReportAsync(IServiceProvider services)
    {
        if (Environment.GetEnvironmentVariable("BENCH_ROUTING_RULES") is null) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var deadline = TimeSpan.FromMinutes(1);
        int conversations, routed;
        while (true)
        {
            await using var db = services.GetRequiredService<InboxDb>().System();
            conversations = await db.Conversations.CountAsync();
            routed = await db.Set<ConversationRouting>().CountAsync(x => x.RoutedAt != null);
            if (routed >= conversations || clock.Elapsed > deadline) break;
            await Task.Delay(200);
        }
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        await using (var db = services.GetRequiredService<InboxDb>().System())
        {
            var assigned = await db.Conversations.CountAsync(c => c.AssigneeId != null);
            Console.WriteLine($"  routing: {routed} of {conversations} conversations routed {clock.Elapsed.TotalSeconds:F1} s after the deliveries drained"
                + $"{(routed < conversations ? " (gave up)" : "")}; {assigned} assigned; CPU meanwhile {cpu.TotalSeconds:F1} s (the outbox's other listeners included)");
        }
    }
}
