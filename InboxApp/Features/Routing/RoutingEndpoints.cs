using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Routing;

public sealed record CreateRoutingRuleRequest(
    [property: Required, StringLength(RoutingLimits.MaxNameLength)] string? Name,
    [property: Required] Guid? TeamId,
    RuleMatchType? MatchType,
    [property: Required] List<RoutingCondition?>? Conditions,
    bool? IsActive);

public sealed record UpdateRoutingRuleRequest(
    [property: StringLength(RoutingLimits.MaxNameLength, MinimumLength = 1)] string? Name,
    Guid? TeamId,
    RuleMatchType? MatchType,
    List<RoutingCondition?>? Conditions,
    bool? IsActive);

public sealed record ReorderRoutingRulesRequest([property: Required] List<Guid>? OrderedIds);

public sealed record DefaultTeamRequest(Guid? TeamId);

public sealed record OffHoursRequest(bool? OffHoursAutoReply, [property: StringLength(RoutingLimits.MaxReplyLength)] string? Message);

public sealed record MaintenanceRequest(bool? MaintenanceMode, [property: StringLength(RoutingLimits.MaxReplyLength)] string? Message);

public sealed record IdleAgentRequest(bool? IsEnabled, [property: Range(1, 1440)] int? Minutes);

/// <summary>
/// <c>/routing-rules</c>: rules and the organization's routing settings (supervisors read, admins change), the
/// "test this message" check; <c>/teams/{id}/schedule|assignment|queue</c>; <c>/conversations/{id}/re-route|routing</c>.
/// </summary>
public static class RoutingEndpoints
{
    public static RouteGroupBuilder MapRoutingEndpoints(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/routing-rules").WithTags("Routing").RequireAuthorization(AuthSetup.ApiPolicy);
        rules.MapGet("", List).WithSummary("List all routing rules ordered by priority")
            .WithDescription("Every rule of the organization, priority 1 first (supervisors and admins).");
        rules.MapPost("", Create).WithSummary("Create a routing rule (admin only)")
            .WithDescription("Adds a rule at the lowest priority. Conditions: KEYWORDS, REGEX, CONTACT_TAG, CONTACT_ATTRIBUTE, COUNTRY, PHONE_NUMBER, MESSAGE_TYPE, BUSINESS_HOURS.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Team not found");
        rules.MapPatch("/{id:guid}", Update).WithSummary("Update a routing rule (admin only)")
            .WithDescription("Changes the fields sent; absent fields stay as they are.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Team not found");
        rules.MapDelete("/{id:guid}", Delete).WithSummary("Delete a routing rule (admin only)")
            .WithDescription("Removes the rule; conversations it routed keep their team and record.");
        rules.MapPost("/reorder", Reorder).WithSummary("Reorder routing rules by priority (admin only)")
            .WithDescription("orderedIds names every rule once, highest priority first.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Routing rule not found");
        rules.MapGet("/check-conflicts", CheckConflicts).WithSummary("Preview conflicts for a routing rule without saving")
            .WithDescription("The active rules evaluated before this one (all of them for a new rule) that would take some of the same conversations. conditions is a JSON-encoded array.")
            .WithQuery("teamId", "Required: the team the rule sends conversations to (an active team of the organization).")
            .WithQuery("conditions", "Required: the rule's conditions as a JSON array, for example `[{\"type\":\"KEYWORDS\",\"values\":[\"refund\"]}]`.")
            .WithQuery<RuleMatchType>("matchType", "Whether ANY condition or ALL of them must match.", RuleMatchType.ANY)
            .WithQuery("excludeRuleId", "The rule being edited: only the active rules before it are compared, and it is not compared with itself.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Team not found");
        rules.MapPost("/test", Test).WithSummary("Test which rule would route a message")
            .WithDescription("Evaluates the active rules on a sample message and contact; answers the winning rule and why. Nothing is saved.");
        rules.MapPost("/run-now", RunNow).WithSummary("Run routing rules retroactively on existing conversations (admin only)")
            .WithDescription("Applies the rules to open, unassigned conversations (at most 5,000, oldest first); answers how many changed team.");
        rules.MapGet("/default-team", GetDefaultTeam).WithSummary("Get the default team for the organization")
            .WithDescription("The team that gets conversations no rule matches.");
        rules.MapPut("/default-team", SetDefaultTeam).WithSummary("Update the default team for the organization (admin only)")
            .WithDescription("teamId null clears it.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Team not found");
        rules.MapGet("/business-hours", GetBusinessHours).WithSummary("Get organization business hours schedule")
            .WithDescription("{timezone, isEnabled, slots:[{day, open, close}], holidays:[{date, name}]}; disabled means always open.");
        rules.MapPut("/business-hours", SetBusinessHours).WithSummary("Update organization business hours schedule (admin only)")
            .WithDescription("timezone is an IANA name (Europe/Berlin); open and close are HH:mm in it; holidays are closed all day. The timezone becomes the organization's time zone, in which members without a zone of their own see times.");
        rules.MapGet("/business-hours/status", BusinessHoursStatus).WithSummary("Check if the organization is in business hours")
            .WithDescription("Open now, and when that changes next.");
        rules.MapGet("/off-hours", GetOffHours).WithSummary("Get organization off-hours auto-reply settings")
            .WithDescription("Whether the off-hours reply is on, and its message.");
        rules.MapPut("/off-hours", SetOffHours).WithSummary("Update organization off-hours auto-reply settings (admin only)")
            .WithDescription("The message goes once per conversation per closed period, within the 24-hour window.");
        rules.MapGet("/maintenance", GetMaintenance).WithSummary("Get organization maintenance mode settings")
            .WithDescription("Whether maintenance mode is on, and its reply.");
        rules.MapPut("/maintenance", SetMaintenance).WithSummary("Update organization maintenance mode settings (admin only)")
            .WithDescription("While on, every new conversation gets the reply and is not routed.");
        rules.MapGet("/idle-agent", GetIdleAgent).WithSummary("Get idle agent detection settings")
            .WithDescription("Whether conversations whose assignee has not answered within N minutes go back to the queue.");
        rules.MapPut("/idle-agent", SetIdleAgent).WithSummary("Update idle agent detection settings (admin only)")
            .WithDescription("isEnabled and minutes (1 to 1440).");
        rules.MapPost("/idle-agent/run", RunIdleAgent).WithSummary("Manually trigger idle agent detection for this org (admin only)")
            .WithDescription("Returns idle agents' conversations to their queues now; answers how many. 409 while detection is off.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Idle-agent detection is off; turn it on first");
        rules.MapGet("/idle-agent/returned-from-me", IdleReturnedFromMe).WithSummary("Conversations taken from me for idleness")
            .WithDescription("The conversations idle-agent detection returned from the calling agent to their queues since `since` (at most 7 days back), newest first, leaving out those assigned to the caller again. The inbox tells an agent coming back from idle about them. Any member; an API key has no user (403).")
            .WithQuery("since", "An ISO 8601 time, e.g. 2026-05-04T09:00:00Z; the default is 24 hours ago.");

        var teams = api.MapGroup("/teams").WithTags("Routing").RequireAuthorization(AuthSetup.ApiPolicy);
        teams.MapGet("/{id:guid}/schedule", GetTeamSchedule).WithSummary("Get team schedule (working hours)")
            .WithDescription("The team's own hours, or the organization's when it has none.");
        teams.MapPut("/{id:guid}/schedule", SetTeamSchedule).WithSummary("Create or update team schedule (admin only)")
            .WithDescription("Same shape as the organization's business hours.");
        teams.MapGet("/{id:guid}/schedule/status", TeamScheduleStatus).WithSummary("Check if team is currently in working hours")
            .WithDescription("Open now, the next change, and whose hours apply (TEAM, ORGANIZATION or NONE).");
        teams.MapGet("/{id:guid}/assignment", GetAssignment).WithSummary("Get the team's assignment mode and capacities")
            .WithDescription("MANUAL, ROUND_ROBIN or LEAST_BUSY; each member's capacity, open conversations and presence (supervisors and admins).");
        teams.MapPut("/{id:guid}/assignment", SetAssignment).WithSummary("Update the team's assignment mode and capacities (admin only)")
            .WithDescription("mode, defaultCapacity and members:[{userId, capacity}]; the queue is offered to free agents afterwards.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Team member not found");
        teams.MapGet("/{id:guid}/queue", Queue).WithSummary("The team's queue")
            .WithDescription("Unassigned conversations waiting for the team's agents, in arrival order, with their waiting time (supervisors and admins).");

        var conversations = api.MapGroup("/conversations").WithTags("Routing").RequireAuthorization(AuthSetup.ApiPolicy);
        conversations.MapPost("/{id:guid}/re-route", ReRoute).WithSummary("Re-evaluate routing rules and reassign team")
            .WithDescription("Routes the conversation again (supervisors and admins); an unassigned one joins its new team's queue.")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "A closed conversation is not routed");
        conversations.MapGet("/{id:guid}/routing", ConversationRouting).WithSummary("How the conversation was routed")
            .WithDescription("The team, the rule that won and why, and its place in the team's queue.");
        return rules;
    }

    private static async Task<Ok<ListEnvelope<RoutingRuleDto>>> List(ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await routing.ListAsync(user.ToActor(), ct)));

    private static async Task<Created<DataEnvelope<RoutingRuleDto>>> Create(CreateRoutingRuleRequest request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct)
    {
        var rule = await routing.CreateAsync(user.ToActor(), new RoutingRuleInput(request.Name, request.TeamId, request.MatchType, request.Conditions, request.IsActive), ct);
        return TypedResults.Created($"/api/v1/routing-rules/{rule.Id}", Envelope.Data(rule));
    }

    private static async Task<Ok<DataEnvelope<RoutingRuleDto>>> Update(Guid id, UpdateRoutingRuleRequest request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.UpdateAsync(user.ToActor(), id,
            new RoutingRuleInput(request.Name, request.TeamId, request.MatchType, request.Conditions, request.IsActive), ct)));

    private static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, RoutingService routing, CancellationToken ct)
    {
        await routing.DeleteAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ListEnvelope<RoutingRuleDto>>> Reorder(ReorderRoutingRulesRequest request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.All(await routing.ReorderAsync(user.ToActor(), request.OrderedIds, ct)));

    private static async Task<Ok<DataEnvelope<ConflictReportDto>>> CheckConflicts(Guid? teamId, string? conditions, RuleMatchType? matchType, Guid? excludeRuleId,
        ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.CheckConflictsAsync(user.ToActor(), teamId, conditions, matchType, excludeRuleId, ct)));

    private static async Task<Ok<DataEnvelope<RoutingTestResultDto>>> Test(RoutingTestInput request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.TestAsync(user.ToActor(), request, ct)));

    private static async Task<Ok<DataEnvelope<RunNowDto>>> RunNow(ClaimsPrincipal user, ConversationRouter router, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(new RunNowDto(await router.RunNowAsync(user.ToActor(), ct))));

    private static async Task<Ok<DataEnvelope<DefaultTeamDto>>> GetDefaultTeam(ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.GetDefaultTeamAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<DefaultTeamDto>>> SetDefaultTeam(DefaultTeamRequest request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.SetDefaultTeamAsync(user.ToActor(), request.TeamId, ct)));

    private static async Task<Ok<DataEnvelope<WeeklySchedule>>> GetBusinessHours(ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.GetBusinessHoursAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<WeeklySchedule>>> SetBusinessHours(WeeklySchedule request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.SetBusinessHoursAsync(user.ToActor(), request, ct)));

    private static async Task<Ok<DataEnvelope<ScheduleStatusDto>>> BusinessHoursStatus(ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.BusinessHoursStatusAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<OffHoursDto>>> GetOffHours(ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.GetOffHoursAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<OffHoursDto>>> SetOffHours(OffHoursRequest request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.SetOffHoursAsync(user.ToActor(), request.OffHoursAutoReply, request.Message, ct)));

    private static async Task<Ok<DataEnvelope<MaintenanceDto>>> GetMaintenance(ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.GetMaintenanceAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<MaintenanceDto>>> SetMaintenance(MaintenanceRequest request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.SetMaintenanceAsync(user.ToActor(), request.MaintenanceMode, request.Message, ct)));

    private static async Task<Ok<DataEnvelope<IdleAgentDto>>> GetIdleAgent(ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.GetIdleAgentAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<IdleAgentDto>>> SetIdleAgent(IdleAgentRequest request, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.SetIdleAgentAsync(user.ToActor(), request.IsEnabled, request.Minutes, ct)));

    private static async Task<Ok<DataEnvelope<IdleRunDto>>> RunIdleAgent(ClaimsPrincipal user, IdleAgentService idle, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await idle.RunAsync(user.ToActor(), ct)));

    private static async Task<Ok<ListEnvelope<IdleReturnDto>>> IdleReturnedFromMe(string? since, ClaimsPrincipal user, IdleAgentService idle, TimeProvider clock, CancellationToken ct)
    {
        DateTimeOffset from;
        if (string.IsNullOrWhiteSpace(since)) from = clock.GetUtcNow().AddHours(-24);
        else if (!DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out from))
            throw InboxException.Invalid("since", "since must be an ISO 8601 time such as 2026-05-04T09:00:00Z");
        return TypedResults.Ok(Envelope.All(await idle.ReturnedFromMeAsync(user.ToActor(), from, ct)));
    }

    private static async Task<Ok<DataEnvelope<WeeklySchedule>>> GetTeamSchedule(Guid id, ClaimsPrincipal user, TeamRoutingService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.GetScheduleAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<WeeklySchedule>>> SetTeamSchedule(Guid id, WeeklySchedule request, ClaimsPrincipal user, TeamRoutingService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.SetScheduleAsync(user.ToActor(), id, request, ct)));

    private static async Task<Ok<DataEnvelope<ScheduleStatusDto>>> TeamScheduleStatus(Guid id, ClaimsPrincipal user, TeamRoutingService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.ScheduleStatusAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<TeamAssignmentDto>>> GetAssignment(Guid id, ClaimsPrincipal user, TeamRoutingService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.GetAssignmentAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<TeamAssignmentDto>>> SetAssignment(Guid id, TeamAssignmentInput request, ClaimsPrincipal user, TeamRoutingService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.SetAssignmentAsync(user.ToActor(), id, request, ct)));

    private static async Task<Ok<DataEnvelope<TeamQueueDto>>> Queue(Guid id, ClaimsPrincipal user, TeamRoutingService teams, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await teams.QueueAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<RoutingOutcome>>> ReRoute(Guid id, ClaimsPrincipal user, ConversationRouter router, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await router.ReRouteAsync(user.ToActor(), id, ct)));

    private static async Task<Ok<DataEnvelope<ConversationRoutingDto>>> ConversationRouting(Guid id, ClaimsPrincipal user, RoutingService routing, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await routing.ForConversationAsync(user.ToActor(), id, ct)));
}
