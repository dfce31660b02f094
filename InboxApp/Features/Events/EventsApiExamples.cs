using InboxApp.Api;
using InboxApp.Core.Events;

namespace InboxApp.Features.Events;

/// <summary>Examples of the Events requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class EventsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<OutboxDeliveryDto>("""
            {
              "id": "d97aec3e-5c04-498e-8d78-42efb8750f03",
              "organizationId": "17bf38dc-00b3-4a7e-8719-e2f00b08735c",
              "eventId": "3f479354-0a22-4cd1-84b2-c035fad89122",
              "eventType": "ConversationResolved",
              "listener": "SendSurveyOnResolve",
              "status": "PENDING",
              "attempts": 2,
              "createdAt": "2026-01-31T12:00:00Z",
              "nextAttemptAt": "2026-02-01T12:00:00Z",
              "lastError": "Timeout while calling Meta"
            }
            """)
        .Add<OutboxCounts>("""
            {
              "pending": 3,
              "processing": 0,
              "delivered": 1204,
              "poison": 1,
              "retrying": 2
            }
            """);
}
