using InboxApp.Api;
using InboxApp.Core.Partners;

namespace InboxApp.Features.Partners;

/// <summary>Examples of the partner, embedded onboarding and onboarding link requests and responses (see <see cref="IApiExamples"/>).</summary>
internal sealed class PartnersApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<InviteAccountUserRequest>("""
            { "email": "maria@customer.example", "name": "Maria Costa", "role": "ADMIN" }
            """)
        .Add<SetFrameOriginsRequest>("""
            { "origins": ["https://support.acme.example", "https://portal.acme.example:8443"] }
            """)
        .Add<FrameOriginsDto>("""
            {
              "origins": ["https://support.acme.example", "https://portal.acme.example:8443"],
              "partnerOrigins": ["https://app.lumenia.io"],
              "maxOrigins": 10
            }
            """)
        .Add<CreatePartnerRequest>("""
            {
              "name": "Lumenia",
              "allowedOrigins": ["https://app.lumenia.io"]
            }
            """)
        .Add<UpdatePartnerRequest>("""
            {
              "allowedOrigins": ["https://app.lumenia.io", "https://staging-app.lumenia.net"],
              "isActive": true
            }
            """)
        .Add<PartnerDto>("""
            {
              "id": "2f0c3a5e-4b7d-4e55-9a51-0c9e2b8f6a11",
              "name": "Lumenia",
              "allowedOrigins": ["https://app.lumenia.io"],
              "isActive": true,
              "accountCount": 12,
              "createdAt": "2026-05-01T09:00:00Z",
              "updatedAt": "2026-05-20T10:30:00Z"
            }
            """)
        .Add<CreatePartnerKeyRequest>("""
            { "name": "Production backend" }
            """)
        .Add<PartnerApiKeyDto>("""
            {
              "id": "8d7a1c7e-54a1-4f0e-93e1-3f7b0a6c2d10",
              "name": "Production backend",
              "prefix": "sk_partner_Qm9vYk1x",
              "isActive": true,
              "createdAt": "2026-05-01T09:05:00Z",
              "lastUsedAt": "2026-05-25T12:30:00Z"
            }
            """)
        .Add<CreatedPartnerApiKeyDto>("""
            {
              "id": "8d7a1c7e-54a1-4f0e-93e1-3f7b0a6c2d10",
              "name": "Production backend",
              "prefix": "sk_partner_Qm9vYk1x",
              "key": "sk_partner_Qm9vYk1xZ3Vn2w0aF9yV0x6cU1mN3JkR2s4cE5iT1VrcQ",
              "createdAt": "2026-05-01T09:05:00Z"
            }
            """)
        .Add<CreateAccountRequest>("""
            { "name": "Acme" }
            """)
        .Add<PartnerAccountDto>("""
            {
              "id": "5b1d0a8e-7c2f-4d3a-9e6b-1a2b3c4d5e6f",
              "name": "Acme",
              "workspaceSlug": "61636d65",
              "status": "ACTIVE",
              "connectedNumbers": 1,
              "createdAt": "2026-05-25T12:00:00Z"
            }
            """)
        .Add<ConnectTokenResponse>("""
            {
              "success": true,
              "token": "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v",
              "expires_at": "2026-05-25T12:34:56Z",
              "connect_url": "https://api.lumenia.io/api/v1/workspace/61636d65/whatsapp/connect-page?token=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v"
            }
            """)
        .Add<OnboardRequest>("""
            {
              "token": "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v",
              "code": "AQBx1example-oauth-code",
              "waba_id": "1234567890",
              "phone_number_id": "0987654321",
              "business_id": "5544332211"
            }
            """)
        .Add<OnboardResponse>("""
            {
              "success": true,
              "waba_status": "connected",
              "phone_status": "registered"
            }
            """)
        .Add<DisconnectWorkspaceResponse>("""
            {
              "success": true,
              "disconnected_accounts": 1
            }
            """)
        .Add<CreateOnboardingLinkRequest>("""
            {
              "name": "Acme Corp",
              "redirectUrl": "https://myapp.com/callback"
            }
            """)
        .Add<OnboardingLinkDto>("""
            {
              "id": "0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b",
              "name": "Acme Corp",
              "hostedUrl": "https://api.example.com/onboarding/CfDJ8Example",
              "redirectUrl": "https://myapp.com/callback",
              "expiresAt": "2026-06-01T12:00:00Z",
              "status": "ACTIVE",
              "createdAt": "2026-05-25T12:00:00Z"
            }
            """);
}
