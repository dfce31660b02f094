using InboxApp.Api;
using InboxApp.Core.Campaigns;

namespace InboxApp.Features.Campaigns;

/// <summary>Examples of the Campaigns requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class CampaignsApiExamples : IApiExamples
{
    private const string Counts = """
        { "total": 3, "pending": 0, "sending": 0, "sent": 0, "delivered": 1, "read": 1, "replied": 0, "failed": 1, "skipped": 0, "unknown": 0, "reached": 2 }
        """;

    private const string Campaign = $$"""
        {
          "id": "3f1e2d4c-5b6a-4c7d-8e9f-0a1b2c3d4e5f",
          "name": "Spring sale",
          "templateId": "5d0f3c2a-8b1e-4f6a-9c7d-2e4b6a8c0d1f",
          "templateName": "order_shipped",
          "language": "en_US",
          "phoneNumberId": "0b6f2c1e-4d3a-4b5c-9e8f-7a6b5c4d3e2f",
          "status": "COMPLETED",
          "startedAt": "2026-03-02T09:00:00Z",
          "completedAt": "2026-03-02T09:00:04Z",
          "createdById": "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
          "createdAt": "2026-03-01T16:20:00Z",
          "updatedAt": "2026-03-02T09:00:04Z",
          "counts": {{Counts}}
        }
        """;

    private const string Created = $$"""
        {
          "id": "3f1e2d4c-5b6a-4c7d-8e9f-0a1b2c3d4e5f",
          "name": "Spring sale",
          "templateId": "5d0f3c2a-8b1e-4f6a-9c7d-2e4b6a8c0d1f",
          "templateName": "order_shipped",
          "language": "en_US",
          "phoneNumberId": "0b6f2c1e-4d3a-4b5c-9e8f-7a6b5c4d3e2f",
          "status": "PAUSED",
          "scheduledAt": "2026-12-24T09:00:00Z",
          "pausedAt": "2026-03-02T09:00:02Z",
          "pauseReason": "The template order_shipped (en_US) is PAUSED",
          "createdById": "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
          "createdAt": "2026-03-01T16:20:00Z",
          "updatedAt": "2026-03-01T16:20:00Z",
          "counts": { "total": 2, "pending": 2, "sending": 0, "sent": 0, "delivered": 0, "read": 0, "replied": 0, "failed": 0, "skipped": 0, "unknown": 0, "reached": 0 },
          "report": { "accepted": 2, "rejected": 1, "problems": [ { "row": 3, "phone": "12345", "reason": "invalid phone: give the number with its country code, such as +14155550123" } ] }
        }
        """;

    private const string Recipient = """
        {
          "id": "6c5d4e3f-2a1b-4c9d-8e7f-6a5b4c3d2e1f",
          "phone": "+14155550123",
          "status": "FAILED",
          "variables": { "body.1": "Ana", "body.2": "#1042" },
          "messageId": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
          "waMessageId": "wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
          "conversationId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
          "attempts": 1,
          "sentAt": "2026-03-02T09:00:01Z",
          "failedAt": "2026-03-02T09:00:03Z",
          "errorCode": "131049",
          "errorTitle": "This message was not delivered to maintain healthy ecosystem engagement."
        }
        """;

    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateCampaignRequest>("A list of recipients", """
            {
              "name": "Spring sale",
              "templateId": "5d0f3c2a-8b1e-4f6a-9c7d-2e4b6a8c0d1f",
              "recipients": [
                { "phone": "+14155550123", "variables": { "1": "Ana", "2": "#1042" } },
                { "phone": "+14155550124", "variables": { "1": "Ben", "2": "#1043" } }
              ]
            }
            """)
        .Add<CreateCampaignRequest>("The contacts of a tag, values from their fields", """
            {
              "name": "VIP follow-up",
              "templateId": "5d0f3c2a-8b1e-4f6a-9c7d-2e4b6a8c0d1f",
              "tagId": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
              "variables": { "1": "{{contact.name}}", "2": "{{attributes.order}}" },
              "scheduledAt": "2026-12-24T09:00:00Z"
            }
            """)
        .Add<ScheduleCampaignRequest>("""{ "scheduledAt": "2026-12-24T09:00:00Z" }""")
        .Add<BulkCampaignsRequest>("""{ "action": "cancel", "selection": { "mode": "ids", "ids": ["3f1e2d4c-5b6a-4c7d-8e9f-0a1b2c3d4e5f"] } }""")
        .Add<CampaignDto>("A completed campaign", Campaign)
        .Add<CampaignDto>("Created from a list with a rejected row, then paused", Created)
        .Add<CampaignDetailDto>($$"""
            {
              "campaign": {{Campaign}},
              "recipients": [ {{Recipient}} ],
              "page": 1,
              "limit": 25,
              "recipientsTotal": 1
            }
            """)
        .Add<CampaignStatsDto>($$"""
            {
              "campaignId": "3f1e2d4c-5b6a-4c7d-8e9f-0a1b2c3d4e5f",
              "status": "COMPLETED",
              "counts": {{Counts}},
              "deliveryRate": 1,
              "readRate": 0.5,
              "replyRate": 0,
              "failureReasons": [ { "code": "131049", "title": "This message was not delivered to maintain healthy ecosystem engagement.", "count": 1 } ]
            }
            """)
        .Add<CampaignGlobalStatsDto>($$"""
            {
              "campaigns": 2,
              "byStatus": { "RUNNING": 1, "COMPLETED": 1 },
              "counts": {{Counts}},
              "deliveryRate": 1,
              "readRate": 0.5,
              "replyRate": 0
            }
            """)
        .Add<CampaignBulkResult>("""
            { "done": 1, "skipped": [ { "id": "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d", "reason": "This campaign is already COMPLETED" } ] }
            """);
}
