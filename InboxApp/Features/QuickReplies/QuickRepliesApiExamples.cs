using InboxApp.Api;
using InboxApp.Core.QuickReplies;

namespace InboxApp.Features.QuickReplies;

/// <summary>Examples of the QuickReplies requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class QuickRepliesApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateQuickReplyRequest>("""
            {
              "shortcut": "hello",
              "title": "Greeting",
              "text": "Hello {{contact.name}}! How can we help you today?",
              "category": "greetings",
              "isActive": true
            }
            """)
        .Add<UpdateQuickReplyRequest>("""
            {
              "title": "Friendly greeting",
              "isActive": false
            }
            """)
        .Add<RenderQuickReplyRequest>("""
            {
              "conversationId": "24528199-6b95-49d0-8e8b-b6b26456737a"
            }
            """)
        .Add<BulkQuickRepliesRequest>("""
            {
              "action": "deactivate",
              "selection": {
                "mode": "ids",
                "ids": [
                  "0b0c8f5e-6a51-4d3b-9b66-2f2d61a0c9e4"
                ]
              }
            }
            """)
        .Add<QuickReplyDto>("""
            {
              "id": "3320ce23-3bc6-4d19-8592-bc0f58cb000f",
              "shortcut": "hello",
              "title": "Greeting",
              "text": "Hello {{contact.name}}! How can we help you today?",
              "category": "greetings",
              "isActive": true,
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<RenderedQuickReplyDto>("""
            {
              "quickReplyId": "42bba9af-87ee-41bd-8b82-ba0a508e96f6",
              "conversationId": "6db39dae-24a0-4c69-8b80-494f346af253",
              "shortcut": "hello",
              "text": "Hello Ada! How can we help you today?"
            }
            """);
}
