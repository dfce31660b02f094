using InboxApp.Api;
using InboxApp.Core.OutgoingWebhooks;

namespace InboxApp.Features.OutgoingWebhooks;

/// <summary>Examples of the outgoing webhook requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class OutgoingWebhooksApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateOutgoingWebhookRequest>("""
            {
              "url": "https://93.184.215.14/webhooks/whatsapp",
              "events": ["message.received", "message.sent"],
              "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9fwYzHb1YTE="
            }
            """)
        .Add<UpdateOutgoingWebhookRequest>("""
            {
              "events": ["message.received", "message.delivered", "message.read", "conversation.resolved"],
              "isActive": true
            }
            """)
        .Add<RotateOutgoingWebhookSecretRequest>("""
            {
              "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
            }
            """)
        .Add<OutgoingWebhookDto>("""
            {
              "id": "0b6f6b2e-3f1d-4c35-9a55-2f0c1f8f4a10",
              "url": "https://yourapp.com/webhooks/whatsapp",
              "events": ["message.received", "message.sent"],
              "isActive": true,
              "consecutiveFailures": 0,
              "secretHint": "whsec_…YTE=",
              "createdAt": "2026-01-02T09:00:00Z",
              "updatedAt": "2026-01-02T09:00:00Z",
              "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9fwYzHb1YTE="
            }
            """)
        .Add<OutgoingWebhookDeliveryDto>("""
            {
              "id": "5d0c8f7e-8a0e-4f57-b3f4-2f8e5d9a6b11",
              "webhookId": "0b6f6b2e-3f1d-4c35-9a55-2f0c1f8f4a10",
              "messageId": "msg_5d0c8f7e8a0e4f57b3f42f8e5d9a6b11",
              "eventType": "message.received",
              "status": "DELIVERED",
              "attempts": 1,
              "responseStatus": 200,
              "latencyMs": 84,
              "responseExcerpt": "{\"ok\":true}",
              "createdAt": "2026-01-02T09:05:00Z",
              "lastAttemptAt": "2026-01-02T09:05:00Z",
              "deliveredAt": "2026-01-02T09:05:00Z",
              "payload": "{\"type\":\"message.received\",\"timestamp\":\"2026-01-02T09:05:00+00:00\",\"data\":{\"conversationId\":\"9c1e…\",\"phoneId\":\"4a2b…\",\"contactIdentifier\":\"5491155551234\",\"contactReplyTo\":\"5491155551234\",\"contactPhone\":\"+5491155551234\",\"message\":{\"type\":\"TEXT\",\"text\":\"Hola!\"}}}"
            }
            """);
}
