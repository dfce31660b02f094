using InboxApp.Api;
using InboxApp.Core.Routing;

namespace InboxApp.Features.Routing;

/// <summary>Examples of the Routing requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class RoutingApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateRoutingRuleRequest>("""
            {
              "name": "Refunds to Billing",
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "matchType": "ANY",
              "conditions": [
                { "type": "KEYWORDS", "values": ["refund", "invoice", "chargeback"], "scope": "FIRST_MESSAGE" },
                { "type": "CONTACT_TAG", "values": ["billing"] }
              ],
              "isActive": true
            }
            """)
        .Add<UpdateRoutingRuleRequest>("""
            {
              "matchType": "ALL",
              "conditions": [
                { "type": "KEYWORDS", "values": ["refund", "invoice"] },
                { "type": "COUNTRY", "values": ["DE", "AT"] }
              ]
            }
            """)
        .Add<ReorderRoutingRulesRequest>("""
            {
              "orderedIds": ["5b0c8f6e-2d4a-4c1b-9e7f-3a6d1c2b8e40", "a3f1d2c4-6b7e-4f80-9a1b-2c3d4e5f6a7b"]
            }
            """)
        .Add<DefaultTeamRequest>("""
            {
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3"
            }
            """)
        .Add<OffHoursRequest>("""
            {
              "offHoursAutoReply": true,
              "message": "Thanks for writing! We are closed right now and will answer from 9:00 tomorrow."
            }
            """)
        .Add<MaintenanceRequest>("""
            {
              "maintenanceMode": true,
              "message": "We are updating our systems until 14:00 and will answer you right after."
            }
            """)
        .Add<IdleAgentRequest>("""
            {
              "isEnabled": true,
              "minutes": 15
            }
            """)
        .Add<RoutingTestInput>("""
            {
              "text": "Hi, I still have not received my refund for invoice 4411",
              "messageType": "TEXT",
              "contactPhone": "+4915112345678",
              "contactTags": ["vip"],
              "contactAttributes": { "plan": "premium" },
              "at": "2026-02-02T10:30:00Z"
            }
            """)
        .Add<WeeklySchedule>("""
            {
              "timezone": "Europe/Berlin",
              "isEnabled": true,
              "slots": [
                { "day": "MONDAY", "open": "09:00", "close": "17:30" },
                { "day": "TUESDAY", "open": "09:00", "close": "17:30" },
                { "day": "WEDNESDAY", "open": "09:00", "close": "17:30" },
                { "day": "THURSDAY", "open": "09:00", "close": "17:30" },
                { "day": "FRIDAY", "open": "09:00", "close": "15:00" }
              ],
              "holidays": [
                { "date": "2026-12-25", "name": "Christmas Day" }
              ]
            }
            """)
        .Add<TeamAssignmentInput>("""
            {
              "mode": "LEAST_BUSY",
              "defaultCapacity": 5,
              "members": [
                { "userId": "9518419a-5f6a-4945-8377-40da996e85bc", "capacity": 8 }
              ]
            }
            """)
        .Add<RoutingRuleDto>("""
            {
              "id": "5b0c8f6e-2d4a-4c1b-9e7f-3a6d1c2b8e40",
              "name": "Refunds to Billing",
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "teamName": "Billing",
              "matchType": "ANY",
              "conditions": [
                { "type": "KEYWORDS", "values": ["refund", "invoice", "chargeback"], "scope": "FIRST_MESSAGE" },
                { "type": "CONTACT_TAG", "values": ["billing"] }
              ],
              "isActive": true,
              "priority": 1,
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<ConflictReportDto>("""
            {
              "hasConflicts": true,
              "conflicts": [
                {
                  "ruleId": "a3f1d2c4-6b7e-4f80-9a1b-2c3d4e5f6a7b",
                  "name": "Payments",
                  "priority": 1,
                  "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
                  "reason": "\"Payments\" comes first and keywords \"refund\" and \"refund request\" (same team)"
                }
              ]
            }
            """)
        .Add<RoutingTestResultDto>("""
            {
              "ruleId": "5b0c8f6e-2d4a-4c1b-9e7f-3a6d1c2b8e40",
              "ruleName": "Refunds to Billing",
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "teamName": "Billing",
              "explanation": "Rule \"Refunds to Billing\" (priority 1) wins: a message contains \"refund\"",
              "insideBusinessHours": true,
              "country": "DE"
            }
            """)
        .Add<RunNowDto>("""
            {
              "moved": 12
            }
            """)
        .Add<IdleReturnDto>("""
            {
              "conversationId": "6f1c2b7e-3d4a-4f5b-9c8d-1e2f3a4b5c6d",
              "contactName": "Maria Souza",
              "returnedAt": "2026-05-04T09:15:00Z"
            }
            """)
        .Add<IdleRunDto>("""
            {
              "returned": 3
            }
            """)
        .Add<DefaultTeamDto>("""
            {
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "teamName": "Billing"
            }
            """)
        .Add<ScheduleStatusDto>("""
            {
              "isEnabled": true,
              "isOpen": true,
              "nextChangeAt": "2026-02-02T16:30:00Z",
              "timezone": "Europe/Berlin",
              "source": "TEAM"
            }
            """)
        .Add<OffHoursDto>("""
            {
              "offHoursAutoReply": true,
              "message": "Thanks for writing! We are closed right now and will answer from 9:00 tomorrow."
            }
            """)
        .Add<MaintenanceDto>("""
            {
              "maintenanceMode": false,
              "message": "We are updating our systems until 14:00 and will answer you right after."
            }
            """)
        .Add<IdleAgentDto>("""
            {
              "isEnabled": true,
              "minutes": 15
            }
            """)
        .Add<TeamAssignmentDto>("""
            {
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "mode": "LEAST_BUSY",
              "defaultCapacity": 5,
              "members": [
                {
                  "userId": "9518419a-5f6a-4945-8377-40da996e85bc",
                  "name": "Grace Hopper",
                  "capacity": 8,
                  "openConversations": 3,
                  "onlineStatus": "ONLINE"
                }
              ]
            }
            """)
        .Add<TeamQueueDto>("""
            {
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "teamName": "Billing",
              "mode": "ROUND_ROBIN",
              "waiting": 1,
              "onlineAgents": 2,
              "entries": [
                {
                  "position": 1,
                  "conversationId": "c4e2a9d1-7f3b-4e6a-8c5d-1b2a3f4e5d6c",
                  "contactName": "Ada Lovelace",
                  "lastMessagePreview": "Hi, I still have not received my refund",
                  "queuedAt": "2026-02-02T10:30:00Z",
                  "waitingSeconds": 245.5
                }
              ]
            }
            """)
        .Add<RoutingOutcome>("""
            {
              "conversationId": "c4e2a9d1-7f3b-4e6a-8c5d-1b2a3f4e5d6c",
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "ruleId": "5b0c8f6e-2d4a-4c1b-9e7f-3a6d1c2b8e40",
              "ruleName": "Refunds to Billing",
              "decision": "Rule \"Refunds to Billing\" (priority 1): the first message contains \"refund\"",
              "moved": true,
              "assigneeId": "9518419a-5f6a-4945-8377-40da996e85bc"
            }
            """)
        .Add<ConversationRoutingDto>("""
            {
              "conversationId": "c4e2a9d1-7f3b-4e6a-8c5d-1b2a3f4e5d6c",
              "teamId": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "teamName": "Billing",
              "ruleId": "5b0c8f6e-2d4a-4c1b-9e7f-3a6d1c2b8e40",
              "ruleName": "Refunds to Billing",
              "decision": "Rule \"Refunds to Billing\" (priority 1): the first message contains \"refund\"",
              "routedAt": "2026-02-02T10:30:00Z",
              "queuedAt": "2026-02-02T10:30:00Z",
              "queuePosition": 2
            }
            """);
}
