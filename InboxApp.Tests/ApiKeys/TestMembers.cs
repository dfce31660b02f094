using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.ApiKeys;

/// <summary>
/// Adds organization members straight into the database and signs them in through the API. Used instead of
/// <c>factory.AddMemberAsync</c> (which goes through <c>POST /users</c>) so these tests do not depend on the users feature.
/// </summary>
public static class TestMembers
{
    public static async Task<SignedIn> AddMemberDirectlyAsync(this InboxAppFactory factory, SignedIn admin, UserRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@org.test";
        var user = AccountService.NewUser(admin.OrganizationId, email, $"Test {role}", role, DateTimeOffset.UtcNow);
        user.PasswordHash = factory.Services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, ApiClient.Password);
        await using (var db = factory.SystemDb())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        return await factory.LoginAsync(email, ApiClient.Password);
    }
}
