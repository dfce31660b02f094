using InboxApp.Api;
using InboxApp.Core.Messaging;
using InboxApp.Core.Webhooks;

namespace InboxApp.Features.Webhooks;

/// <summary>Examples of the Webhooks requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class WebhooksApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<MessageMediaDto>("""
            {
              "messageId": "d11507d1-c1c0-42e3-8bcc-f18b48053664",
              "mediaStatus": "DOWNLOADED",
              "mimeType": "image/jpeg",
              "fileName": "photo.jpg",
              "mediaSize": 182734,
              "mediaAttempts": 1
            }
            """)
        .Add<WebhookEventDto>("""
            {
              "id": "2e064ed5-f4de-4e98-8f67-134d6caa55c8",
              "receivedAt": "2026-01-31T12:00:00Z",
              "status": "PROCESSED",
              "kinds": [
                "messages"
              ],
              "messageCount": 1,
              "statusCount": 0,
              "attempts": 1,
              "processedAt": "2026-01-31T12:00:00Z",
              "organizationId": "7a68093d-8bd5-46c7-8b64-1af705fc54be"
            }
            """)
        .Add<WebhookEventDetailDto>("""
            {
              "id": "0d7a1cb5-ef91-478a-84cc-fe7942fcfaf6",
              "receivedAt": "2026-01-31T12:00:00Z",
              "status": "PROCESSED",
              "kinds": [
                "messages"
              ],
              "messageCount": 1,
              "statusCount": 0,
              "attempts": 1,
              "processedAt": "2026-01-31T12:00:00Z",
              "organizationId": "2bd990e5-ad9e-457c-89c3-e3a4d6a553ec",
              "payload": "{\"object\":\"whatsapp_business_account\"}"
            }
            """);
}
