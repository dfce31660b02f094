using InboxApp.Api;
using InboxApp.Core.ApiKeys;

namespace InboxApp.Features.ApiKeys;

/// <summary>Examples of the ApiKeys requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class ApiKeysApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<CreateApiKeyRequest>("""
            {
              "name": "CRM integration",
              "expiresAt": "2030-01-31T12:00:00Z"
            }
            """)
        .Add<UpdateApiKeyRequest>("""
            {
              "name": "CRM integration (production)",
              "isActive": false
            }
            """)
        .Add<ApiKeyDto>("""
            {
              "id": "532bac7a-b802-4630-8aa7-476de52d355b",
              "name": "CRM integration",
              "prefix": "sk_org_4f7b",
              "isActive": true,
              "createdAt": "2026-01-02T09:00:00Z",
              "lastUsedAt": "2026-01-31T11:58:00Z",
              "expiresAt": "2027-01-31T12:00:00Z"
            }
            """)
        .Add<CreatedApiKeyDto>("""
            {
              "id": "7f65eb01-c5b6-4c46-82ef-349470c283cf",
              "name": "CRM integration",
              "prefix": "sk_org_4f7b",
              "key": "sk_org_4f7b2a91c3d84e0f9b1a6c5d7e8f0a1b",
              "isActive": true,
              "createdAt": "2026-01-31T12:00:00Z",
              "expiresAt": "2027-01-31T12:00:00Z"
            }
            """);
}
