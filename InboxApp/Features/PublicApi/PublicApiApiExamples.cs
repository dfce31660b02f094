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
        .Add<SendPublicMessageRequest>("A document by link", """
            { "type": "document", "to": "5491155551234", "document": { "link": "https://files.example.com/invoices/1042.pdf", "fileName": "invoice-1042.pdf", "caption": "Your invoice" } }
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
        .Add<PublicConversation>("A contact with a phone number", """
            {
              "id": "4b8e2f6a-1c3d-4e5f-9a7b-8c9d0e1f2a3b",
              "phoneId": "660e8400-e29b-41d4-a716-446655440001",
              "contactId": "2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d",
              "contactIdentifier": "5491155551234",
              "contactReplyTo": "5491155551234",
              "contactPhone": "5491155551234",
              "contactName": "Ana Souza",
              "status": "WAITING_FOR_CUSTOMER",
              "assigneeId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
              "teamId": "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
              "unreadCount": 0,
              "lastMessagePreview": "On its way!",
              "lastMessageAt": "2026-02-01T09:10:00Z",
              "lastCustomerMessageAt": "2026-02-01T09:05:00Z",
              "windowOpen": true,
              "createdAt": "2026-01-20T14:00:00Z",
              "resolvedAt": "2026-01-21T10:00:00Z"
            }
            """)
        .Add<PublicConversation>("A contact known only by its BSUID (no contactPhone)", """
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
        .Add<PublicMessage>("An image the customer sent, quoting our message", """
            {
              "id": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968",
              "conversationId": "550e8400-e29b-41d4-a716-446655440000",
              "phoneId": "660e8400-e29b-41d4-a716-446655440001",
              "contactIdentifier": "US.13491208655302741918",
              "contactReplyTo": "US.13491208655302741918",
              "waMessageId": "wamid.HBgLMTU1NTAxMDAxMDAVAgASGBQzQUI",
              "direction": "INBOUND",
              "type": "IMAGE",
              "caption": "The box arrived like this",
              "mimeType": "image/jpeg",
              "fileName": "photo.jpg",
              "mediaUrl": "/api/v1/messages/8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968/media",
              "status": "RECEIVED",
              "replyToWaMessageId": "wamid.HBgNNTQ5MTE1NTU1MTIzNBUCABEYEjVCMEM4",
              "timestamp": "2026-02-01T08:35:00Z"
            }
            """)
        .Add<PublicMessage>("A template that Meta could not deliver", """
            {
              "id": "5d4c3b2a-1908-4f7e-8d6c-5b4a39281706",
              "conversationId": "550e8400-e29b-41d4-a716-446655440000",
              "phoneId": "660e8400-e29b-41d4-a716-446655440001",
              "contactIdentifier": "5491155551234",
              "contactReplyTo": "5491155551234",
              "contactPhone": "5491155551234",
              "waMessageId": "wamid.HBgNNTQ5MTE1NTU1MTIzNBUCABEYEjlGQzE",
              "direction": "OUTBOUND",
              "type": "TEMPLATE",
              "text": "Hi Ana, your order #1042 has shipped.",
              "status": "FAILED",
              "error": { "code": "131026", "title": "Message undeliverable", "details": "The recipient is not a WhatsApp user or has not accepted the terms." },
              "timestamp": "2026-02-01T08:40:00Z",
              "sentAt": "2026-02-01T08:40:01Z",
              "failedAt": "2026-02-01T08:40:03Z"
            }
            """)
        .Add<PublicMessage>("A text the customer has read", """
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
              "status": "READ",
              "timestamp": "2026-02-01T08:30:00Z",
              "sentAt": "2026-02-01T08:30:01Z",
              "deliveredAt": "2026-02-01T08:30:02Z",
              "readAt": "2026-02-01T08:31:00Z"
            }
            """);
}
