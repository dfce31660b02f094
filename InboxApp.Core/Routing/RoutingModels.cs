namespace InboxApp.Core.Routing;

public sealed record RoutingRuleDto(Guid Id, string Name, Guid TeamId, string? TeamName, RuleMatchType MatchType, IReadOnlyList<RoutingCondition> Conditions,
    bool IsActive, int Priority, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record RoutingRuleInput(string? Name, Guid? TeamId, RuleMatchType? MatchType, IReadOnlyList<RoutingCondition?>? Conditions, bool? IsActive);

/// <summary>An existing rule that would take some of the same conversations first, and why.</summary>
public sealed record RuleConflictDto(Guid RuleId, string Name, int Priority, Guid TeamId, string Reason);

public sealed record ConflictReportDto(bool HasConflicts, IReadOnlyList<RuleConflictDto> Conflicts);

public sealed record DefaultTeamDto(Guid? TeamId, string? TeamName);

public sealed record OffHoursDto(bool OffHoursAutoReply, string? Message);

public sealed record MaintenanceDto(bool MaintenanceMode, string? Message);

public sealed record IdleAgentDto(bool IsEnabled, int Minutes);

public sealed record RunNowDto(int Moved);

public sealed record IdleRunDto(int Returned);

/// <summary>A conversation idle-agent detection took from the caller: which, the customer's name, when.</summary>
public sealed record IdleReturnDto(Guid ConversationId, string ContactName, DateTimeOffset ReturnedAt);

/// <summary>A message to try the rules on: which rule would win, and why (nothing is saved).</summary>
public sealed record RoutingTestInput(string? Text, Messaging.MessageType? MessageType, string? ContactPhone, IReadOnlyList<string>? ContactTags,
    IReadOnlyDictionary<string, string>? ContactAttributes, Guid? PhoneNumberId, DateTimeOffset? At);

public sealed record RoutingTestResultDto(Guid? RuleId, string? RuleName, Guid? TeamId, string? TeamName, string Explanation, bool InsideBusinessHours, string? Country);

/// <summary>Routing's record on one conversation (the side panel), with its place in the team's queue.</summary>
public sealed record ConversationRoutingDto(Guid ConversationId, Guid? TeamId, string? TeamName, Guid? RuleId, string? RuleName, string Decision,
    DateTimeOffset? RoutedAt, DateTimeOffset? QueuedAt, int? QueuePosition, Guid? AssignedToId, DateTimeOffset? AssignedAt, DateTimeOffset? IdleReturnedAt);

public sealed record ScheduleStatusDto(bool IsEnabled, bool IsOpen, DateTimeOffset? NextChangeAt, string Timezone, string Source);

public sealed record MemberCapacityDto(Guid UserId, string Name, int Capacity, int OpenConversations, Identity.OnlineStatus OnlineStatus);

public sealed record TeamAssignmentDto(Guid TeamId, AssignmentMode Mode, int DefaultCapacity, IReadOnlyList<MemberCapacityDto> Members);

public sealed record MemberCapacityInput(Guid UserId, int Capacity);

public sealed record TeamAssignmentInput(AssignmentMode? Mode, int? DefaultCapacity, IReadOnlyList<MemberCapacityInput>? Members);

public sealed record QueueEntryDto(int Position, Guid ConversationId, string ContactName, string? LastMessagePreview, DateTimeOffset QueuedAt, double WaitingSeconds);

public sealed record TeamQueueDto(Guid TeamId, string TeamName, AssignmentMode Mode, int Waiting, int OnlineAgents, IReadOnlyList<QueueEntryDto> Entries);
