using InboxApp.Api;
using InboxApp.Core.Channels.Accounts;

namespace InboxApp.Features.Channels;

/// <summary>Examples of the Channels requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class ChannelsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<ConnectEmbeddedRequest>("""
            {
              "code": "AQBx7k2mZ0vQ3Yt8",
              "wabaId": "102290129340398",
              "phoneNumberId": "106540352242922",
              "pin": "123456",
              "alias": "Support line"
            }
            """)
        .Add<ConnectManualRequest>("""
            {
              "wabaId": "102290129340398",
              "phoneNumberId": "106540352242922",
              "accessToken": "EAAGm0PX4ZCpsBAKZCZBx9ZqLkZAyZBZCt0x9Zq",
              "alias": "Support line"
            }
            """)
        .Add<UpdateWhatsAppAccountRequest>("""
            {
              "alias": "Sales line"
            }
            """)
        .Add<UpdatePhoneNumberRequest>("""
            {
              "sendRatePerSecond": 1000
            }
            """)
        .Add<PhoneNumberDto>("""
            {
              "id": "081cb2e8-9377-4166-826f-99662a50c603",
              "accountId": "0a0d0086-a031-47e3-8ad7-59bd2aaeeafd",
              "metaPhoneNumberId": "1234567890",
              "displayPhoneNumber": "+55 11 98765-4321",
              "verifiedName": "Acme Support",
              "kind": "CLOUD_API",
              "qualityRating": "GREEN",
              "messagingLimitTier": "TIER_UNLIMITED",
              "throughputLevel": "HIGH",
              "sendRatePerSecond": 1000,
              "registrationStatus": "REGISTERED",
              "capabilities": {
                "canReceiveMessages": true,
                "canSendMessages": true,
                "canSendTemplates": true
              },
              "isActive": true,
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-02-03T08:30:00Z"
            }
            """)
        .Add<MetaAppConfigRequest>("""
            {
              "appId": "1234567890123456",
              "configId": "987654321098765",
              "appSecret": "3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e"
            }
            """)
        .Add<WhatsAppAccountDto>("""
            {
              "id": "d1197398-80a7-489a-8365-45dc5dca6db3",
              "wabaId": "102290129340398",
              "alias": "Support line",
              "status": "CONNECTED",
              "isSandbox": false,
              "appSubscribed": true,
              "accessTokenMask": "EAAG…x9Zq",
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-01-31T12:00:00Z",
              "phoneNumbers": [
                {
                  "id": "081cb2e8-9377-4166-826f-99662a50c603",
                  "accountId": "0a0d0086-a031-47e3-8ad7-59bd2aaeeafd",
                  "metaPhoneNumberId": "1234567890",
                  "displayPhoneNumber": "+55 11 98765-4321",
                  "verifiedName": "Acme Support",
                  "kind": "CLOUD_API",
                  "qualityRating": "GREEN",
                  "messagingLimitTier": "TIER_1K",
                  "sendRatePerSecond": 1,
                  "registrationStatus": "PENDING",
                  "capabilities": {
                    "canReceiveMessages": true,
                    "canSendMessages": true,
                    "canSendTemplates": true
                  },
                  "isActive": true,
                  "createdAt": "2026-01-31T12:00:00Z",
                  "updatedAt": "2026-01-31T12:00:00Z"
                }
              ]
            }
            """)
        .Add<AccountHealthDto>("""
            {
              "accountId": "66816028-3a50-4d81-8ce0-dd5f4b86f8fe",
              "wabaId": "102290129340398",
              "appSubscribed": true,
              "tokenValid": true,
              "phoneNumbers": [
                {
                  "phoneNumberId": "fb70f27d-8370-41e7-86b3-c5009e2a6580",
                  "accountId": "22d5ad93-1ec1-4957-8b34-c87eab8e0faf",
                  "capabilities": {
                    "canReceiveMessages": true,
                    "canSendMessages": true,
                    "canSendTemplates": true
                  },
                  "reasons": [],
                  "phone": {
                    "displayPhoneNumber": "+55 11 98765-4321",
                    "verifiedName": "Acme Support",
                    "qualityRating": "GREEN",
                    "messagingLimitTier": "TIER_1K",
                    "registered": true
                  },
                  "appSubscribed": true,
                  "tokenValid": true,
                  "checkedAt": "2026-01-31T12:00:00Z"
                }
              ],
              "checkedAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<PhoneHealthDto>("""
            {
              "phoneNumberId": "fb70f27d-8370-41e7-86b3-c5009e2a6580",
              "accountId": "22d5ad93-1ec1-4957-8b34-c87eab8e0faf",
              "capabilities": {
                "canReceiveMessages": true,
                "canSendMessages": true,
                "canSendTemplates": false
              },
              "reasons": [
                {
                  "code": "QUALITY_RED",
                  "message": "The number's quality rating is RED: Meta may lower its messaging limit",
                  "blocks": [
                    "templates"
                  ]
                }
              ],
              "phone": {
                "displayPhoneNumber": "+55 11 98765-4321",
                "verifiedName": "Acme Support",
                "qualityRating": "GREEN",
                "messagingLimitTier": "TIER_1K",
                "registered": true
              },
              "appSubscribed": true,
              "tokenValid": true,
              "checkedAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<ChannelAlertDto>("""
            {
              "id": "54b9cd6e-ea1c-4f6d-8430-36d61e5e26b3",
              "kind": "QUALITY",
              "severity": "WARNING",
              "title": "Quality rating dropped to YELLOW",
              "phoneNumberId": "6f61eeaf-d950-45fa-8ac2-e4a54257441c",
              "createdAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<UnreadCountDto>("""
            {
              "count": 3
            }
            """)
        .Add<AcknowledgedCountDto>("""
            {
              "acknowledged": 1
            }
            """)
        .Add<MetaAppConfigDto>("""
            {
              "hasAppSecret": true,
              "configured": true
            }
            """)
        .Add<EmbeddedSignupResultDto>("""
            {
              "wabaStatus": "connected",
              "phoneStatus": "registered",
              "account": {
                "id": "d1197398-80a7-489a-8365-45dc5dca6db3",
                "wabaId": "102290129340398",
                "alias": "Support line",
                "status": "CONNECTED",
                "isSandbox": false,
                "appSubscribed": true,
                "accessTokenMask": "EAAG…x9Zq",
                "createdAt": "2026-01-31T12:00:00Z",
                "updatedAt": "2026-01-31T12:00:00Z",
                "phoneNumbers": [
                  {
                    "id": "081cb2e8-9377-4166-826f-99662a50c603",
                    "accountId": "0a0d0086-a031-47e3-8ad7-59bd2aaeeafd",
                    "metaPhoneNumberId": "1234567890",
                    "displayPhoneNumber": "+55 11 98765-4321",
                    "verifiedName": "Acme Support",
                    "kind": "CLOUD_API",
                    "qualityRating": "GREEN",
                    "messagingLimitTier": "TIER_1K",
                    "sendRatePerSecond": 1,
                    "registrationStatus": "PENDING",
                    "capabilities": {
                      "canReceiveMessages": true,
                      "canSendMessages": true,
                      "canSendTemplates": true
                    },
                    "isActive": true,
                    "createdAt": "2026-01-31T12:00:00Z",
                    "updatedAt": "2026-01-31T12:00:00Z"
                  }
                ]
              }
            }
            """);
}
