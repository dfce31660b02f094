using InboxApp.Api;

namespace InboxApp.Features.Profile;

/// <summary>Examples of the Profile requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class ProfileApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<UpdateProfileRequest>("""
            {
              "name": "Ada King"
            }
            """)
        .Add<UpdateTimeZoneRequest>("""
            {
              "timeZone": "Europe/Berlin"
            }
            """)
        .Add<ChangePasswordRequest>("""
            {
              "currentPassword": "correct-horse-battery-9",
              "newPassword": "staple-battery-horse-10"
            }
            """);
}
