using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Bootstrap;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Security;

[Collection(SharedApp.Name)]
public sealed class PasswordPolicyTests(NoJobsAppFactory factory)
{
    [Theory]
    [InlineData("Password1", "at least 10")]
    [InlineData("Short-pw1", "at least 10")]
    [InlineData("1q2w3e4r5t", "most common")]
    [InlineData("Primetime21", "most common")]
    [InlineData("password123", "most common")]
    [InlineData("Password123!", "most common")]
    [InlineData("2024-Qwerty-2024", "most common")]
    [InlineData("iloveyou12", "most common")]
    public async Task Registering_with_a_short_or_common_password_is_refused(string password, string reason)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { organizationName = "Weak Co", name = "Weak", email = $"weak-{Guid.NewGuid():N}@org.test", password });
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains(reason, error.GetProperty("details").GetProperty("password")[0].GetString());
    }

    [Fact]
    public async Task Joining_by_invitation_with_a_common_password_is_refused()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var email = $"u-{Guid.NewGuid():N}@org.test";
        await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email, name = "U", role = "AGENT" })).ShouldBe(HttpStatusCode.Accepted);
        var accept = $"/api/v1/invitations/accept/{factory.Mail.InvitationToken(email)}";
        await (await factory.CreateClient().PostAsJsonAsync(accept, new { password = "Charlie123" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await factory.CreateClient().PostAsJsonAsync(accept, new { password = "qwertyuiop1" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        // A common word inside a longer password is fine: only the word with digits or symbols around it is refused.
        await (await factory.CreateClient().PostAsJsonAsync(accept, new { password = "qwertyuiop-lantern1" })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void The_shipped_list_holds_ten_thousand_passwords_and_the_demo_password_passes()
    {
        Assert.Equal(10_000, PasswordPolicy.CommonCount);
        Assert.True(PasswordPolicy.IsCommon("PASSWORD1"));
        Assert.True(PasswordPolicy.IsCommon("eyphed")); // the list's last line
        PasswordPolicy.Check(new DemoOptions().Password);
        PasswordPolicy.Check(ApiClient.Password);
        Assert.Throws<InboxException>(() => PasswordPolicy.Check("Demo1234!"));
    }

    [Fact]
    public async Task A_password_set_under_the_old_policy_still_signs_in()
    {
        var admin = await factory.RegisterOrganizationAsync();
        const string old = "Old-pw-1";
        await using (var db = factory.Services.GetRequiredService<InboxDb>().System())
        {
            var user = await db.Users.SingleAsync(u => u.Id == admin.UserId);
            user.PasswordHash = factory.Services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, old);
            await db.SaveChangesAsync();
        }
        await factory.LoginAsync(admin.Email, old);
    }
}
