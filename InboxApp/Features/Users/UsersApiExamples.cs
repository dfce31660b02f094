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
