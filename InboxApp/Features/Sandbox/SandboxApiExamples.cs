using InboxApp.Api;
using InboxApp.Core.Channels.Sandbox;

namespace InboxApp.Features.Sandbox;

/// <summary>Examples of the Sandbox requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class SandboxApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<SimulateBatchRequest>("""
            {
              "conversations": [
                {
                  "contact": {
                    "name": "Ada Lovelace",
                    "phone": "+5511987654321"
                  },
                  "messages": [
                    "Hi, where is my order?"
                  ]
                },
                {
                  "contact": {
                    "name": "Grace Hopper",
                    "userId": "grace.h"
                  },
                  "messages": [
                    "I need an invoice",
                    "For January"
                  ]
                }
              ]
            }
            """)
        .Add<SimulateConversationRequest>("""
            {
              "contact": {
                "name": "Ada Lovelace",
                "phone": "+5511987654321"
              },
              "messages": [
                "Hi, where is my order?",
                "It is number 1042"
              ]
            }
            """)
        .Add<SimulateMessageRequest>("""
            {
              "conversationId": "6d80b42f-e6b7-4114-8781-fbc1f223afd1",
              "type": "text",
              "text": "Any news about my order?"
            }
            """)
        .Add<SimulateTemplateStatusRequest>("""
            {
              "templateName": "order_update",
              "event": "REJECTED",
              "language": "en_US",
              "reason": "INVALID_FORMAT"
            }
            """)
        .Add<ArmFailureRequest>("""
            {
              "conversationId": "6b3dbdeb-3f3c-4ec9-8523-a3ee1b5013f3",
              "errorCode": 131026
            }
            """)
        .Add<CreateSandboxNumberRequest>("""
            {
              "alias": "Test line"
            }
            """)
        .Add<SandboxCleanupDto>("""
            {
              "conversations": 3,
              "messages": 27,
              "contacts": 3
            }
            """)
        .Add<SandboxFailureDto>("""
            {
              "id": "74c6858a-5f7d-4921-8e20-71c71644897b",
              "phoneNumberId": "b2375c3a-7cbe-4ca3-8e8b-5b7a279a21bc",
              "conversationId": "abd38623-ba9e-41bd-88a1-d6dad97ac085",
              "errorCode": 131026,
              "createdAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<SandboxNumberDto>("""
            {
              "id": "140de3b3-1466-42dd-8701-2b67b6aa67c4",
              "accountId": "ff424311-3006-4a94-8a64-ac35d7904503",
              "metaPhoneNumberId": "sbx_4f7b2a91",
              "displayPhoneNumber": "+1 555 0100",
              "verifiedName": "Sandbox",
              "alias": "Test line",
              "createdAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<SimulatedConversationDto>("""
            {
              "conversationId": "b4a93c65-e629-4dd4-80e5-cce93499f609",
              "contactId": "01c88617-d21a-42bd-8ec1-f8c4ddead642",
              "phoneNumberId": "f5b24423-3e25-4b6b-8c85-56c29599f787",
              "deliveryId": "d62c44f4-f63c-44ad-83ff-8e63aa060a08",
              "messageIds": [
                "3ce22a89-b25c-470f-80f8-75dcc3a8f42a",
                "8d0c1f2e-3b4a-4c5d-9e6f-7a8b9c0d1e2f"
              ]
            }
            """)
        .Add<SimulatedMessageDto>("""
            {
              "conversationId": "31ff6337-6479-4ae3-8212-f4c7ee6518ad",
              "messageId": "42b3c853-11ca-43b0-8778-8a1d1b3f79e8",
              "waMessageId": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjA",
              "deliveryId": "5382d5ac-a824-47b2-8fd8-1777feaaeeba"
            }
            """)
        .Add<SimulatedTemplateStatusDto>("""
            {
              "deliveryId": "08b701ab-c43f-4d06-8f4a-87770ec8cf33",
              "deliveryStatus": "PROCESSED",
              "templateName": "order_update",
              "event": "REJECTED"
            }
            """);
}
