using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Routing;

public enum RuleMatchType { ANY, ALL }

public enum AssignmentMode { MANUAL, ROUND_ROBIN, LEAST_BUSY }

/// <summary>One routing rule: when its conditions match (any or all of them) its team gets the conversation. Lower priority wins.</summary>
public class RoutingRule : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public Guid TeamId { get; set; }
    public RuleMatchType MatchType { get; set; } = RuleMatchType.ANY;
    /// <summary>The conditions as a JSON array of <see cref="RoutingCondition"/>.</summary>
    public string ConditionsJson { get; set; } = "[]";
    public bool IsActive { get; set; } = true;
    /// <summary>1 is evaluated first.</summary>
    public int Priority { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An organization's routing settings (one row, made on first write): default team, hours, replies, idle agents.</summary>
public class RoutingSettings : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid? DefaultTeamId { get; set; }
    /// <summary>The organization's business hours as a JSON <see cref="WeeklySchedule"/>; null: never set (always open).</summary>
    public string? BusinessHoursJson { get; set; }
    public bool OffHoursEnabled { get; set; }
    public string? OffHoursMessage { get; set; }
    public bool MaintenanceEnabled { get; set; }
    public string? MaintenanceMessage { get; set; }
    public bool IdleAgentEnabled { get; set; }
    public int IdleAgentMinutes { get; set; } = 15;
    /// <summary>Renewed by every change of the rules: nodes reload their compiled copy when it differs.</summary>
    public Guid RulesVersion { get; set; } = Guid.NewGuid();
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>How a team hands out its conversations, its members' capacities and its own working hours.</summary>
public class TeamRouting : ITenantOwned
{
    public Guid TeamId { get; set; }
    public Guid OrganizationId { get; set; }
    public AssignmentMode Mode { get; set; } = AssignmentMode.MANUAL;
    /// <summary>Open conversations a member holds at most, unless their own capacity says otherwise.</summary>
    public int DefaultCapacity { get; set; } = 5;
    /// <summary>Per-member capacities as a JSON object of user id to number.</summary>
    public string MemberCapacitiesJson { get; set; } = "{}";
    /// <summary>The team's working hours as a JSON <see cref="WeeklySchedule"/>; null: the organization's hours apply.</summary>
    public string? ScheduleJson { get; set; }
    /// <summary>Round-robin's position: the member who got the last conversation.</summary>
    public Guid? LastAssignedUserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What routing decided for one conversation, its place in a team's queue and the replies routing sent.</summary>
public class ConversationRouting : ITenantOwned
{
    public Guid ConversationId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? RuleId { get; set; }
    public string? RuleName { get; set; }
    /// <summary>Why: which rule matched and on what, the default team, maintenance.</summary>
    public string Decision { get; set; } = "";
    public DateTimeOffset? RoutedAt { get; set; }
    /// <summary>Waiting in the team's queue since (arrival order); null when not queued.</summary>
    public DateTimeOffset? QueuedAt { get; set; }
    public Guid? AssignedToId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    /// <summary>The opening time that ends the closed period the off-hours reply was sent for (once per closed period).</summary>
    public DateTimeOffset? OffHoursReplyFor { get; set; }
    public DateTimeOffset? MaintenanceRepliedAt { get; set; }
    /// <summary>The last agent the idle-agent check took the conversation from, and when.</summary>
    public Guid? IdleReturnedFromId { get; set; }
    public DateTimeOffset? IdleReturnedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> b)
    {
        b.Property(r => r.Name).HasMaxLength(RoutingLimits.MaxNameLength);
        b.Property(r => r.ConditionsJson).HasMaxLength(64_000);
        b.HasIndex(r => new { r.OrganizationId, r.Priority });
    }
}

public sealed class RoutingSettingsConfiguration : IEntityTypeConfiguration<RoutingSettings>
{
    public void Configure(EntityTypeBuilder<RoutingSettings> b)
    {
        b.HasKey(s => s.OrganizationId);
        b.Property(s => s.BusinessHoursJson).HasMaxLength(16_000);
        b.Property(s => s.OffHoursMessage).HasMaxLength(RoutingLimits.MaxReplyLength);
        b.Property(s => s.MaintenanceMessage).HasMaxLength(RoutingLimits.MaxReplyLength);
        b.HasIndex(s => s.IdleAgentEnabled);
    }
}

public sealed class TeamRoutingConfiguration : IEntityTypeConfiguration<TeamRouting>
{
    public void Configure(EntityTypeBuilder<TeamRouting> b)
    {
        b.HasKey(t => t.TeamId);
        b.Property(t => t.MemberCapacitiesJson).HasMaxLength(64_000);
        b.Property(t => t.ScheduleJson).HasMaxLength(16_000);
        b.HasIndex(t => t.OrganizationId);
    }
}

public sealed class ConversationRoutingConfiguration : IEntityTypeConfiguration<ConversationRouting>
{
    public void Configure(EntityTypeBuilder<ConversationRouting> b)
    {
        b.HasKey(r => r.ConversationId);
        b.Property(r => r.RuleName).HasMaxLength(RoutingLimits.MaxNameLength);
        b.Property(r => r.Decision).HasMaxLength(1000);
        b.HasIndex(r => new { r.OrganizationId, r.TeamId, r.QueuedAt });
    }
}

public static class RoutingLimits
{
    public const int MaxNameLength = 100;
    public const int MaxReplyLength = 1000;
    public const int MaxConditions = 20;
    public const int MaxValues = 50;
    public const int MaxValueLength = 200;
    public const int MaxPatternLength = 500;
    public const int MaxRules = 2000;
    public const int MaxCapacity = 10_000;
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);
}
