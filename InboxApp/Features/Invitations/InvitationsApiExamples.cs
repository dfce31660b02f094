using InboxApp.Api;
using InboxApp.Core.Invitations;

namespace InboxApp.Features.Invitations;

/// <summary>Examples of the Invitations requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class InvitationsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateInvitationRequest>("""
            {
              "email": "grace@example.com",
              "role": "AGENT",
              "name": "Grace Hopper"
            }
            """)
        .Add<BulkInvitationsRequest>("""
            {
              "invitations": [
                {
                  "email": "grace@example.com",
                  "role": "AGENT",
                  "name": "Grace Hopper"
                },
                {
                  "email": "alan@example.com",
                  "role": "SUPERVISOR"
                }
              ]
            }
            """)
        .Add<AcceptInvitationRequest>("""
            {
              "name": "Grace Hopper",
              "password": "correct-horse-battery-9"
            }
            """)
        .Add<InvitationDto>("""
            {
              "id": "35ad1efa-1667-4563-8105-e04d76e7ece2",
              "email": "grace@example.com",
              "role": "AGENT",
              "name": "Grace Hopper",
              "status": "PENDING",
              "expiresAt": "2026-02-01T12:00:00Z",
              "createdAt": "2026-01-31T12:00:00Z",
              "lastSentAt": "2026-01-31T12:00:00Z",
              "sendCount": 1
            }
            """)
        .Add<InvitationLookupDto>("""
            {
              "email": "grace@example.com",
              "name": "Grace Hopper",
              "role": "AGENT",
              "organizationName": "Acme Support",
              "status": "PENDING",
              "expiresAt": "2026-02-01T12:00:00Z"
            }
            """)
        .Add<BulkInvitationResult>("""
            {
              "email": "grace@example.com",
              "status": "created"
            }
            """);
}
