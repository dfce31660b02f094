using InboxApp.Api;
using InboxApp.Core.PublicApi;

namespace InboxApp.Features.PublicApi;

/// <summary>Examples of the public <c>/v1</c> API's requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class PublicApiApiExamples : IApiExamples
{
    /// <summary>A 1×1 PNG, base64-encoded.</summary>
    public const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

    public void Register(ApiExampleCatalogue examples) => examples
        .Add<SendPublicMessageRequest>("A text", """
            { "type": "text", "to": "5491155551234", "text": "Hello!" }
            """)
        .Add<SendPublicMessageRequest>("An image (base64)", $$"""
            { "type": "image", "to": "5491155551234", "image": { "data": "{{TinyPng}}", "mimeType": "image/png", "fileName": "receipt.png", "caption": "Your receipt" } }
            """)
        .Add<SendPublicMessageRequest>("A template to a contact without a phone number (BSUID)", """
            { "type": "template", "to": "US.13491208655302741918", "template": { "name": "order_shipped", "language": "en_US", "parameters": { "1": "Ana", "2": "#1042" } } }
            """)
        .Add<SendPublicMessageRequest>("Reply buttons", """
            {
              "type": "interactive",
              "to": "5491155551234",
              "interactive": { "buttons": { "body": "How was our service?", "buttons": [ { "id": "good", "title": "Great" }, { "id": "bad", "title": "Bad" } ] } }
            }
            """)
        .Add<SendPublicMessageRequest>("A location", """
            { "type": "location", "to": "5491155551234", "location": { "latitude": -34.6037, "longitude": -58.3816, "name": "Store", "address": "Av. Corrientes 1000" } }
            """)
        .Add<SendPublicMessageRequest>("A reaction", """
            { "type": "reaction", "to": "5491155551234", "reaction": { "messageId": "3f1c2b9e-0d4a-4e5f-8a6b-7c8d9e0f1a2b", "emoji": "👍" } }
            """)
        .Add<PublicPhone>("""
            {
              "id": "660e8400-e29b-41d4-a716-446655440001",
              "accountId": "0a0d0086-a031-47e3-8ad7-59bd2aaeeafd",
              "wabaId": "102290129340398",
              "metaPhoneNumberId": "106540352242922",
              "displayPhoneNumber": "+54 9 11 5555-0100",
              "verifiedName": "Acme Support",
              "isSandbox": false,
              "accountStatus": "CONNECTED",
              "isActive": true,
              "isRegistered": true,
              "registrationStatus": "REGISTERED",
              "qualityRating": "GREEN",
              "messagingLimitTier": "TIER_1K",
              "capabilities": { "canReceiveMessages": true, "canSendMessages": true, "canSendTemplates": true },
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-02-01T08:30:00Z"
            }
            """)
        .Add<PublicPhoneHealth>("""
            {
              "phoneId": "660e8400-e29b-41d4-a716-446655440001",
              "isRegistered": true,
              "registrationStatus": "REGISTERED",
              "capabilities": { "canReceiveMessages": false, "canSendMessages": true, "canSendTemplates": false },
              "reasons": [
                { "code": "APP_NOT_SUBSCRIBED", "message": "Our app is not subscribed to the WABA's webhooks, so inbound messages do not reach us.", "blocks": [ "canReceiveMessages" ] },
                { "code": "QUALITY_RED", "message": "The quality rating is low (red): business-initiated templates risk a lower messaging limit.", "blocks": [ "canSendTemplates" ] }
              ],
              "qualityRating": "RED",
              "messagingLimitTier": "TIER_1K",
              "appSubscribed": false,
              "accountStatus": "CONNECTED",
              "restrictions": [],
              "lastCheckedAt": "2026-02-01T08:30:00Z",
              "resyncQueued": true
            }
            """)
        .Add<PublicConversation>("""
            {
              "id": "550e8400-e29b-41d4-a716-446655440000",
              "phoneId": "660e8400-e29b-41d4-a716-446655440001",
              "contactId": "7d9f1b3a-5c2e-4f6a-8b0d-1e3f5a7c9b2d",
              "contactIdentifier": "US.13491208655302741918",
              "contactReplyTo": "US.13491208655302741918",
              "contactName": "Pat",
              "status": "OPEN",
              "unreadCount": 1,
              "lastMessagePreview": "Where is my order?",
              "lastMessageAt": "2026-02-01T08:29:00Z",
              "lastCustomerMessageAt": "2026-02-01T08:29:00Z",
              "windowOpen": true,
              "createdAt": "2026-02-01T08:29:00Z"
            }
            """)
        .Add<PublicMessage>("""
            {
              "id": "3f1c2b9e-0d4a-4e5f-8a6b-7c8d9e0f1a2b",
              "conversationId": "550e8400-e29b-41d4-a716-446655440000",
              "phoneId": "660e8400-e29b-41d4-a716-446655440001",
              "contactIdentifier": "5491155551234",
              "contactReplyTo": "5491155551234",
              "contactPhone": "5491155551234",
              "waMessageId": "wamid.HBgNNTQ5MTE1NTU1MTIzNBUCABEYEjVCMEM4",
              "direction": "OUTBOUND",
              "type": "TEXT",
              "text": "Hello!",
              "status": "SENT",
              "timestamp": "2026-02-01T08:30:00Z",
              "sentAt": "2026-02-01T08:30:01Z"
            }
            """);
}
