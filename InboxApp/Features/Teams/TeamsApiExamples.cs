using InboxApp.Api;
using InboxApp.Core.Teams;

namespace InboxApp.Features.Teams;

/// <summary>Examples of the Teams requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class TeamsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateTeamRequest>("""
            {
              "name": "Billing",
              "description": "Customers who write in about payments"
            }
            """)
        .Add<UpdateTeamRequest>("""
            {
              "description": "Payments, invoices and refunds"
            }
            """)
        .Add<AddTeamMemberRequest>("""
            {
              "userId": "ef7b3fa2-431b-4653-8fca-6540098b2416",
              "role": "MEMBER"
            }
            """)
        .Add<TeamMemberRoleRequest>("""
            {
              "role": "MEMBER"
            }
            """)
        .Add<TeamDto>("""
            {
              "id": "821a8031-92a5-4a50-8b44-26764ebbfdc3",
              "name": "Billing",
              "description": "Customers who write in about payments",
              "isActive": true,
              "memberCount": 4,
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-01-31T12:00:00Z"
            }
            """)
        .Add<TeamDetailDto>("""
            {
              "id": "62d05bc7-9186-4451-8fa9-84c1efd41456",
              "name": "Billing",
              "description": "Customers who write in about payments",
              "isActive": true,
              "memberCount": 1,
              "createdAt": "2026-01-31T12:00:00Z",
              "updatedAt": "2026-01-31T12:00:00Z",
              "members": [
                {
                  "userId": "9518419a-5f6a-4945-8377-40da996e85bc",
                  "name": "Grace Hopper",
                  "email": "grace@example.com",
                  "role": "LEAD",
                  "userRole": "AGENT",
                  "isActive": true,
                  "onlineStatus": "ONLINE",
                  "avatarUrl": "/media/avatars/4f7b2a91c3d84e0f.webp",
                  "addedAt": "2026-01-31T12:00:00Z"
                }
              ]
            }
            """);
}
