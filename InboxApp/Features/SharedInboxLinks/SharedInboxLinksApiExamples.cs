using InboxApp.Api;
using InboxApp.Core.SharedInboxLinks;

namespace InboxApp.Features.SharedInboxLinks;

/// <summary>Examples of the shared inbox link requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class SharedInboxLinksApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateSharedInboxLinkRequest>("""
            {
              "phoneNumberId": "660e8400-e29b-41d4-a716-446655440001",
              "name": "Support access",
              "permissions": {
                "readInbox": true,
                "readDetails": true,
                "markRead": true,
                "sendText": true,
                "sendMedia": true,
                "sendTemplates": true,
                "sendAdvanced": false
              },
              "expiresAt": "2030-01-31T12:00:00Z",
              "allowedOrigins": ["https://app.partner.example"]
            }
            """)
        .Add<UpdateSharedInboxLinkRequest>("""
            {
              "name": "Support access (read only)",
              "permissions": { "readInbox": true, "readDetails": false },
              "removeExpiry": true
            }
            """)
        .Add<SharedInboxLinkDto>("Just created or rotated: the URL is shown this once", """
            {
              "id": "3b1f6f0e-8a3c-4f55-9a55-2f1c0b6f9d10",
              "publicUrl": "https://inbox.example.com/s/k3J9xQ2mV8pL0aZ4rT6yW1nB5cD7eF9gH2jK4lM6nP8",
              "name": "Support access",
              "phoneNumberId": "660e8400-e29b-41d4-a716-446655440001",
              "permissions": {
                "readInbox": true,
                "readDetails": true,
                "markRead": true,
                "sendText": true,
                "sendMedia": true,
                "sendTemplates": true,
                "sendAdvanced": false
              },
              "allowedOrigins": ["https://app.partner.example"],
              "tokenPrefix": "k3J9xQ2m",
              "status": "ACTIVE",
              "expiresAt": "2030-01-31T12:00:00Z",
              "createdAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<SharedInboxLinkDto>("As listed: no URL, its prefix tells it apart", """
            {
              "id": "3b1f6f0e-8a3c-4f55-9a55-2f1c0b6f9d10",
              "name": "Support access",
              "phoneNumberId": "660e8400-e29b-41d4-a716-446655440001",
              "permissions": {
                "readInbox": true,
                "readDetails": false,
                "markRead": false,
                "sendText": false,
                "sendMedia": false,
                "sendTemplates": false,
                "sendAdvanced": false
              },
              "allowedOrigins": [],
              "tokenPrefix": "k3J9xQ2m",
              "status": "REVOKED",
              "createdAt": "2026-01-31T12:00:00Z",
              "rotatedAt": "2026-02-02T08:00:00Z",
              "revokedAt": "2026-02-10T17:30:00Z",
              "lastUsedAt": "2026-02-10T17:12:00Z"
            }
            """);
}
