using InboxApp.Api;
using InboxApp.Core.Conversations;

namespace InboxApp.Features.Conversations;

/// <summary>Examples of the Conversations requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class ConversationsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<IReadOnlyList<string>>("""[ "billing", "sales", "vip" ]""")
        .Add<UpdateConversationRequest>("""
            {
              "status": "WAITING_FOR_CUSTOMER",
              "category": "billing"
            }
            """)
        .Add<AssignConversationRequest>("""
            {
              "userId": "a3f90a57-fac7-4a9c-8c05-e0cbde45ae56"
            }
            """)
        .Add<FollowUpRequest>("""
            {
              "note": "Call back about the refund",
              "dueAt": "2030-02-01T12:00:00Z"
            }
            """)
        .Add<AddConversationTagRequest>("""
            {
              "tagId": "78e4426c-7eee-40cf-83ff-1fe8129f603d"
            }
            """)
        .Add<ReturnToBotRequest>("""
            {
              "handoffSummary": "Customer asks for a refund of order 1042"
            }
            """)
        .Add<ConversationDto>("""
            {
              "id": "413a8765-228c-45dc-8fe6-74b685756058",
              "phoneNumberId": "20308bbb-0664-490c-8632-776caa1de3f8",
              "contact": {
                "id": "412a1b7a-3971-4359-82dd-57ab9034db28",
                "identifier": "5511987654321",
                "waId": "5511987654321",
                "phone": "+5511987654321",
                "profileName": "Ada",
                "name": "Ada Lovelace",
                "displayName": "Ada Lovelace",
                "category": "billing"
              },
              "status": "HUMAN_HANDLING",
              "origin": "INBOUND",
              "assignee": {
                "id": "0a6bd781-1368-4ae0-896c-c4ed3e364afa",
                "name": "Grace Hopper"
              },
              "team": {
                "id": "6f3d48e4-c628-4800-8bbc-4e11ce57a536",
                "name": "Billing"
              },
              "category": "billing",
              "tags": [
                {
                  "id": "e0923592-374a-44c7-8447-2acc6fc5b103",
                  "name": "VIP",
                  "color": "#dc2626"
                }
              ],
              "unreadCount": 2,
              "lastMessagePreview": "Where is my order?",
              "lastMessageAt": "2026-01-31T11:58:00Z",
              "lastMessageDirection": "INBOUND",
              "lastCustomerMessageAt": "2026-01-31T11:58:00Z",
              "windowOpen": true,
              "windowExpiresAt": "2026-02-01T11:58:00Z",
              "waitingSince": "2026-01-31T11:58:00Z",
              "createdAt": "2026-01-31T11:40:00Z",
              "updatedAt": "2026-01-31T11:58:00Z",
              "firstResponseAt": "2026-01-31T11:45:00Z"
            }
            """)
        .Add<ConversationCounts>("""
            {
              "all": 42,
              "unread": 7,
              "needs_action": 12
            }
            """);
}
