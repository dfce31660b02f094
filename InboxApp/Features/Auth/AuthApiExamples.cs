using InboxApp.Api;
using InboxApp.Core.Identity;

namespace InboxApp.Features.Auth;

/// <summary>Examples of the Auth requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class AuthApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<LoginRequest>("""
            {
              "email": "ada@example.com",
              "password": "correct-horse-battery-9"
            }
            """)
        .Add<RegisterRequest>("""
            {
              "organizationName": "Acme Support",
              "name": "Ada Lovelace",
              "email": "ada@example.com",
              "password": "correct-horse-battery-9"
            }
            """)
        .Add<ConfirmSignupRequest>("""
            {
              "token": "q3Jx9vT2mW8kL1pZ7rN4sY6bD0cF5gH2jK8eM3aV1uQ"
            }
            """)
        .Add<RefreshRequest>("""
            {
              "refreshToken": "rt.9c2f1e6b4a0d4e8f9a1b2c3d4e5f6a7b"
            }
            """)
        .Add<RequestCodeRequest>("""
            {
              "email": "ada@example.com"
            }
            """)
        .Add<VerifyCodeRequest>("""
            {
              "email": "ada@example.com",
              "code": "482913"
            }
            """)
        .Add<SetPasswordRequest>("""
            {
              "password": "correct-horse-battery-9"
            }
            """)
        .Add<MessageResponse>("""
            {
              "message": "If the address has an account, a sign-in code was sent to it"
            }
            """)
        .Add<AuthTokens>("""
            {
              "accessToken": "at.eyJ1IjoiZDVkOGRmZmUiLCJlIjoxNzY5ODYxNzAwfQ.kq3W9v",
              "refreshToken": "rt.9c2f1e6b4a0d4e8f9a1b2c3d4e5f6a7b",
              "expiresIn": 900,
              "user": {
                "id": "d5d8dffe-ef07-4ed4-8543-75fa68ecb20e",
                "email": "ada@example.com",
                "name": "Ada Lovelace",
                "role": "ADMIN",
                "organizationId": "24166d62-2113-410c-81cf-df1d97268b09",
                "isActive": true,
                "onlineStatus": "ONLINE",
                "avatarUrl": "/media/avatars/4f7b2a91c3d84e0f.webp",
                "hasPassword": true,
                "lastLoginAt": "2026-01-31T12:00:00Z",
                "createdAt": "2026-01-31T12:00:00Z"
              }
            }
            """)
        .Add<UserDto>("""
            {
              "id": "d5d8dffe-ef07-4ed4-8543-75fa68ecb20e",
              "email": "ada@example.com",
              "name": "Ada Lovelace",
              "role": "ADMIN",
              "organizationId": "24166d62-2113-410c-81cf-df1d97268b09",
              "isActive": true,
              "onlineStatus": "ONLINE",
              "avatarUrl": "/media/avatars/4f7b2a91c3d84e0f.webp",
              "hasPassword": true,
              "lastLoginAt": "2026-01-31T12:00:00Z",
              "createdAt": "2026-01-31T12:00:00Z",
              "organization": {
                "id": "24166d62-2113-410c-81cf-df1d97268b09",
                "name": "Acme Support",
                "slug": "acme",
                "plan": "FREE",
                "status": "ACTIVE",
                "timeZone": "America/Sao_Paulo",
                "onboardingCompleted": true,
                "botEnabled": true
              }
            }
            """)
        .Add<OrganizationSummary>("""
            {
              "id": "24166d62-2113-410c-81cf-df1d97268b09",
              "name": "Acme Support",
              "slug": "acme",
              "plan": "FREE",
              "status": "ACTIVE",
              "timeZone": "America/Sao_Paulo",
              "onboardingCompleted": true,
              "botEnabled": true
            }
            """);
}
