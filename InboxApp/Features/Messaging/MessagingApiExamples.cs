using InboxApp.Api;
using InboxApp.Core.Messaging;

namespace InboxApp.Features.Messaging;

/// <summary>Examples of the Messaging requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class MessagingApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<SendMessageRequest>("A text", """
            {
              "type": "text",
              "text": "Your order 1042 ships today.",
              "replyTo": "2a2f793c-cab3-45f1-8d9f-a2db972c4ce7"
            }
            """)
        .Add<SendMessageRequest>("A location", """
            {
              "type": "location",
              "location": {
                "latitude": -23.561,
                "longitude": -46.656,
                "name": "Acme store",
                "address": "Av. Paulista 1000, São Paulo"
              }
            }
            """)
        .Add<SendMessageRequest>("A contact card", """
            {
              "type": "contacts",
              "contacts": [
                {
                  "name": {
                    "formattedName": "Acme Support",
                    "firstName": "Acme"
                  },
                  "phones": [
                    {
                      "phone": "+5511912345678",
                      "type": "WORK"
                    }
                  ]
                }
              ]
            }
            """)
        .Add<SendMessageRequest>("Reply buttons", """
            {
              "type": "interactive",
              "interactive": {
                "buttons": {
                  "body": "Did this solve your problem?",
                  "buttons": [
                    {
                      "id": "yes",
                      "title": "Yes"
                    },
                    {
                      "id": "no",
                      "title": "No"
                    }
                  ]
                }
              }
            }
            """)
        .Add<ReactRequest>("""
            {
              "emoji": "👍"
            }
            """)
        .Add<BulkMessagesRequest>("""
            {
              "ids": [
                "b4202137-1d22-4ed0-8345-9c959b095e7a",
                "51a42eb1-0c33-4321-86a0-989fbcf9185b"
              ]
            }
            """)
        .Add<MessageDto>("A text", """
            {
              "id": "2800b9a4-8bf9-4d60-880d-526d128f4577",
              "conversationId": "96842127-d915-4520-87c2-adde0de9b33a",
              "waMessageId": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjA",
              "direction": "OUTBOUND",
              "type": "TEXT",
              "text": "Your order 1042 ships today.",
              "mediaStatus": "NONE",
              "status": "DELIVERED",
              "reactions": [
                {
                  "emoji": "👍",
                  "direction": "INBOUND",
                  "at": "2026-01-31T12:03:00Z"
                }
              ],
              "sentById": "4bb7c2af-105b-4419-8a38-1165122e664b",
              "isHidden": false,
              "timestamp": "2026-01-31T12:00:00Z",
              "createdAt": "2026-01-31T12:00:00Z",
              "sentAt": "2026-01-31T12:00:01Z",
              "deliveredAt": "2026-01-31T12:00:03Z"
            }
            """)
        .Add<MessageDto>("A location, just queued", """
            {
              "id": "3fca81b4-f797-4b03-b29a-16c1f4de10a9",
              "conversationId": "96842127-d915-4520-87c2-adde0de9b33a",
              "direction": "OUTBOUND",
              "type": "LOCATION",
              "mediaStatus": "NONE",
              "status": "PENDING",
              "sentById": "4bb7c2af-105b-4419-8a38-1165122e664b",
              "isHidden": false,
              "timestamp": "2026-01-31T12:00:00Z",
              "createdAt": "2026-01-31T12:00:00Z",
              "latitude": -23.561,
              "longitude": -46.656,
              "locationName": "Acme store",
              "locationAddress": "Av. Paulista 1000, São Paulo",
              "reactions": []
            }
            """)
        .Add<MessageDto>("An image the customer sent", """
            {
              "id": "7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
              "conversationId": "96842127-d915-4520-87c2-adde0de9b33a",
              "waMessageId": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjA",
              "direction": "INBOUND",
              "type": "IMAGE",
              "mediaStatus": "DOWNLOADED",
              "status": "RECEIVED",
              "reactions": [],
              "isHidden": false,
              "timestamp": "2026-01-31T12:00:00Z",
              "createdAt": "2026-01-31T12:00:00Z",
              "caption": "My receipt",
              "mimeType": "image/jpeg",
              "fileName": "receipt.jpg",
              "mediaSize": 182734,
              "mediaUrl": "/api/v1/messages/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f/media"
            }
            """)
        .Add<FailedMessageDto>("""
            {
              "id": "1755157f-0f09-41a1-886c-f5e93f5c1983",
              "conversationId": "3ddf7b47-2ea0-416d-89c8-4822a6fb40b9",
              "phoneNumberId": "9c2edae1-2bae-4d87-8f7c-b0d339dc632d",
              "contactName": "Ada Lovelace",
              "contactIdentifier": "5511987654321",
              "text": "Your order 1042 ships today.",
              "status": "FAILED",
              "sentById": "3607dd8d-5f06-45ef-8298-ce620eaa024c",
              "createdAt": "2026-01-31T12:00:00Z",
              "windowOpen": true,
              "canRetry": true
            }
            """)
        .Add<FailedMessageStats>("""
            {
              "from": "2026-01-01T00:00:00Z",
              "to": "2026-01-31T12:00:00Z",
              "failed": 14,
              "unknown": 2,
              "discarded": 3,
              "byErrorCode": [
                {
                  "code": "131047",
                  "count": 9
                },
                {
                  "code": "131026",
                  "count": 5
                }
              ],
              "byDay": [
                {
                  "date": "2026-01-30",
                  "count": 6
                },
                {
                  "date": "2026-01-31",
                  "count": 8
                }
              ]
            }
            """)
        .Add<BulkResult>("""
            {
              "succeeded": 1,
              "failed": 1,
              "results": [
                {
                  "id": "b4202137-1d22-4ed0-8345-9c959b095e7a",
                  "ok": true
                },
                {
                  "id": "51a42eb1-0c33-4321-86a0-989fbcf9185b",
                  "ok": false,
                  "error": {
                    "code": "NOT_RETRYABLE",
                    "message": "Only failed or unknown messages can be retried; this one is DELIVERED"
                  }
                }
              ]
            }
            """)
        .Add<ReactionResultDto>("""
            {
              "message": {
                "id": "2800b9a4-8bf9-4d60-880d-526d128f4577",
                "conversationId": "96842127-d915-4520-87c2-adde0de9b33a",
                "waMessageId": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjA",
                "direction": "OUTBOUND",
                "type": "TEXT",
                "text": "Hello! How can we help you today?",
                "caption": "The invoice for January",
                "mimeType": "application/pdf",
                "fileName": "invoice.pdf",
                "mediaSize": 3,
                "mediaStatus": "PENDING",
                "mediaUrl": "/api/v1/messages/3f1c2b9e-0d4a-4e5f-8a6b-7c8d9e0f1a2b/media",
                "status": "DELIVERED",
                "reactions": [
                  {
                    "emoji": "👍",
                    "direction": "OUTBOUND",
                    "at": "2026-01-31T12:00:00Z"
                  }
                ],
                "sentById": "4bb7c2af-105b-4419-8a38-1165122e664b",
                "isHidden": false,
                "timestamp": "2026-01-31T12:00:00Z",
                "createdAt": "2026-01-31T12:00:00Z",
                "sentAt": "2026-01-31T12:00:00Z",
                "deliveredAt": "2026-01-31T12:00:00Z"
              },
              "reaction": {
                "id": "2800b9a4-8bf9-4d60-880d-526d128f4577",
                "conversationId": "96842127-d915-4520-87c2-adde0de9b33a",
                "waMessageId": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjA",
                "direction": "OUTBOUND",
                "type": "TEXT",
                "text": "Hello! How can we help you today?",
                "caption": "The invoice for January",
                "mimeType": "application/pdf",
                "fileName": "invoice.pdf",
                "mediaSize": 3,
                "mediaStatus": "PENDING",
                "mediaUrl": "/api/v1/messages/3f1c2b9e-0d4a-4e5f-8a6b-7c8d9e0f1a2b/media",
                "status": "DELIVERED",
                "reactions": [
                  {
                    "emoji": "👍",
                    "direction": "OUTBOUND",
                    "at": "2026-01-31T12:00:00Z"
                  }
                ],
                "sentById": "4bb7c2af-105b-4419-8a38-1165122e664b",
                "isHidden": false,
                "timestamp": "2026-01-31T12:00:00Z",
                "createdAt": "2026-01-31T12:00:00Z",
                "sentAt": "2026-01-31T12:00:00Z",
                "deliveredAt": "2026-01-31T12:00:00Z"
              }
            }
            """);
}
