using InboxApp.Api;
using InboxApp.Core.Templates;

namespace InboxApp.Features.Templates;

/// <summary>Examples of the Templates requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class TemplatesApiExamples : IApiExamples
{
    private const string Components = """
        [
          {
            "type": "HEADER",
            "format": "TEXT",
            "text": "Order {{1}}",
            "example": { "header_text": ["#1042"] }
          },
          {
            "type": "BODY",
            "text": "Hi {{1}}, your order {{2}} ships today.",
            "example": { "body_text": [["Ana", "1042"]] }
          },
          {
            "type": "FOOTER",
            "text": "Reply STOP to opt out"
          },
          {
            "type": "BUTTONS",
            "buttons": [
              { "type": "QUICK_REPLY", "text": "Thanks" },
              { "type": "URL", "text": "Track", "url": "https://shop.example.com/t/{{1}}", "example": ["https://shop.example.com/t/1042"] }
            ]
          }
        ]
        """;

    private const string Template = $$$"""
        {
          "id": "5d0f3c2a-8b1e-4f6a-9c7d-2e4b6a8c0d1f",
          "accountId": "b7e4a2c1-3d5f-4e6a-8b9c-0d1e2f3a4b5c",
          "name": "order_shipped",
          "language": "en_US",
          "category": "UTILITY",
          "parameterFormat": "POSITIONAL",
          "components": {{{Components}}},
          "status": "APPROVED",
          "qualityScore": "GREEN",
          "metaTemplateId": "1234567890123456",
          "problems": [],
          "variables": [
            { "key": "header.1", "component": "header", "label": "Header {{1}}", "example": "#1042", "required": true },
            { "key": "body.1", "component": "body", "label": "Body {{1}}", "example": "Ana", "required": true },
            { "key": "body.2", "component": "body", "label": "Body {{2}}", "example": "1042", "required": true },
            { "key": "button.1", "component": "buttons", "label": "End of the link of \"Track\"", "example": "1042", "required": true }
          ],
          "preview": {
            "headerFormat": "TEXT",
            "headerText": "Order #1042",
            "body": "Hi Ana, your order 1042 ships today.",
            "footer": "Reply STOP to opt out",
            "buttons": [
              { "type": "QUICK_REPLY", "text": "Thanks" },
              { "type": "URL", "text": "Track" }
            ]
          },
          "createdAt": "2026-01-31T12:00:00Z",
          "updatedAt": "2026-01-31T12:05:00Z",
          "submittedAt": "2026-01-31T12:01:00Z",
          "lastSyncedAt": "2026-01-31T12:05:00Z"
        }
        """;

    private const string Draft = """
        {
          "id": "8a6c4e2f-1b3d-4a5c-9e7f-6b8d0a2c4e6f",
          "accountId": "b7e4a2c1-3d5f-4e6a-8b9c-0d1e2f3a4b5c",
          "name": "spring_sale",
          "language": "en_US",
          "category": "MARKETING",
          "parameterFormat": "POSITIONAL",
          "components": [
            { "type": "HEADER", "format": "IMAGE", "example": { "header_handle": ["4::aW1hZ2UvanBlZw==:ARb1x2y3z4"] } },
            { "type": "BODY", "text": "Hi {{1}}, 20% off everything this weekend." }
          ],
          "status": "DRAFT",
          "qualityScore": "UNKNOWN",
          "headerMediaUrl": "/api/v1/templates/8a6c4e2f-1b3d-4a5c-9e7f-6b8d0a2c4e6f/header-media",
          "problems": [
            { "component": "body", "message": "Give an example for every variable of the body ({{1}})", "severity": "ERROR" }
          ],
          "variables": [
            { "key": "header.media", "component": "header", "label": "Header image (https link or media id)", "required": false },
            { "key": "body.1", "component": "body", "label": "Body {{1}}", "required": true }
          ],
          "preview": {
            "headerFormat": "IMAGE",
            "body": "Hi {{1}}, 20% off everything this weekend.",
            "buttons": []
          },
          "createdAt": "2026-01-31T12:00:00Z",
          "updatedAt": "2026-01-31T12:00:00Z"
        }
        """;

    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateTemplateRequest>($$"""
            {
              "name": "order_shipped",
              "language": "en_US",
              "category": "UTILITY",
              "components": {{Components}},
              "accountId": "b7e4a2c1-3d5f-4e6a-8b9c-0d1e2f3a4b5c"
            }
            """)
        .Add<UpdateDraftRequest>("""
            {
              "category": "MARKETING",
              "components": [
                { "type": "BODY", "text": "Hi {{1}}, 20% off everything this weekend.", "example": { "body_text": [["Ana"]] } },
                { "type": "FOOTER", "text": "Reply STOP to opt out" }
              ]
            }
            """)
        .Add<EditTemplateRequest>("""
            {
              "components": [
                { "type": "BODY", "text": "Hi {{1}}, your order {{2}} is on its way.", "example": { "body_text": [["Ana", "1042"]] } },
                { "type": "FOOTER", "text": "Reply STOP to opt out" }
              ]
            }
            """)
        .Add<DuplicateTemplateRequest>("""
            {
              "name": "order_shipped_v2"
            }
            """)
        .Add<SendTemplateRequest>("""
            {
              "conversationId": "96842127-d915-4520-87c2-adde0de9b33a",
              "language": "en_US",
              "parameters": {
                "header.1": "#1042",
                "1": "Ana",
                "2": "1042",
                "button.1": "1042"
              }
            }
            """)
        .Add<SendTemplateToPhoneRequest>("""
            {
              "phone": "+14155550123",
              "language": "en_US",
              "parameters": {
                "header.1": "#1042",
                "1": "Ana",
                "2": "1042",
                "button.1": "1042"
              },
              "phoneNumberId": "9c2edae1-2bae-4d87-8f7c-b0d339dc632d"
            }
            """)
        .Add<BulkTemplatesRequest>("Delete the selected ones", """
            {
              "action": "delete",
              "selection": {
                "mode": "ids",
                "ids": ["8a6c4e2f-1b3d-4a5c-9e7f-6b8d0a2c4e6f"]
              }
            }
            """)
        .Add<BulkTemplatesRequest>("Submit every draft", """
            {
              "action": "submit",
              "selection": {
                "mode": "filter",
                "status": "DRAFT"
              }
            }
            """)
        .Add<TemplateDto>("An approved template", Template)
        .Add<TemplateDto>("A draft with a problem", Draft)
        .Add<TemplatesRemoved>("""
            {
              "removed": 2
            }
            """)
        .Add<TemplateSyncResult>("""
            {
              "accounts": 1,
              "created": 3,
              "updated": 5,
              "removed": 1
            }
            """)
        .Add<TemplateMediaUpload>("""
            {
              "handle": "4::aW1hZ2UvanBlZw==:ARb1x2y3z4",
              "mimeType": "image/jpeg",
              "fileName": "spring-sale.jpg",
              "size": 182734,
              "templateId": "8a6c4e2f-1b3d-4a5c-9e7f-6b8d0a2c4e6f",
              "headerMediaUrl": "/api/v1/templates/8a6c4e2f-1b3d-4a5c-9e7f-6b8d0a2c4e6f/header-media"
            }
            """)
        .Add<TemplateSendResult>("""
            {
              "conversationId": "96842127-d915-4520-87c2-adde0de9b33a",
              "contactId": "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
              "conversationCreated": true,
              "message": {
                "id": "2800b9a4-8bf9-4d60-880d-526d128f4577",
                "conversationId": "96842127-d915-4520-87c2-adde0de9b33a",
                "direction": "OUTBOUND",
                "type": "TEMPLATE",
                "text": "*Order #1042*\n\nHi Ana, your order 1042 ships today.\n\n_Reply STOP to opt out_\n\n▸ Thanks\n▸ Track",
                "mediaStatus": "NONE",
                "status": "PENDING",
                "reactions": [],
                "sentById": "4bb7c2af-105b-4419-8a38-1165122e664b",
                "isHidden": false,
                "timestamp": "2026-01-31T12:00:00Z",
                "createdAt": "2026-01-31T12:00:00Z"
              }
            }
            """);
}
