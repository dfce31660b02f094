using InboxApp.Api;
using InboxApp.Core.Common;
using InboxApp.Core.Users;

namespace InboxApp.Features.Users;

/// <summary>Examples of the Users requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class UsersApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateUserRequest>("""
            {
              "email": "grace@example.com",
              "name": "Grace Hopper",
              "role": "AGENT"
            }
            """)
        .Add<UpdateUserRequest>("""
            {
              "role": "SUPERVISOR"
            }
            """)
        .Add<UserStatusRequest>("""
            {
              "status": "AWAY"
            }
            """)
        .Add<BulkUsersRequest>("""
            {
              "action": "change_role",
              "role": "SUPERVISOR",
              "selection": {
                "mode": "ids",
                "ids": [
                  "ef7b3fa2-431b-4653-8fca-6540098b2416"
                ]
              }
            }
            """)
        .Add<CreatedUserDto>("""
            {
              "id": "76960fcb-e6cb-44dd-80dc-b245582ab8ea",
              "email": "grace@example.com",
              "name": "Grace Hopper",
              "role": "AGENT",
              "organizationId": "ec520a4b-6a76-48d1-8dca-3c52e256dda9",
              "isActive": true,
              "onlineStatus": "OFFLINE",
              "hasPassword": false,
              "createdAt": "2026-01-31T12:00:00Z",
              "acceptUrl": "https://inbox.example.com/invite/inv_9c2f1e6b4a0d"
            }
            """)
        .Add<BulkActionResult>("""
            {
              "affected": 3,
              "skipped": [
                {
                  "id": "4ab4a762-fc51-4e29-854c-e66bef8a76be",
                  "reason": "You cannot change your own role or deactivate yourself"
                }
              ]
            }
            """);
}
