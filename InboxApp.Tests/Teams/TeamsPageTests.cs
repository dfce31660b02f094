using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;

namespace InboxApp.Tests.Teams;

/// <summary>The prerendered teams page: admins manage, everyone else is told who does.</summary>
[Collection(SharedApp.Name)]
public sealed class TeamsPageTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_sees_active_teams_with_their_member_count_and_actions()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await (await admin.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Returns desk", description = "Parcels coming back" })).Data();
        await (await admin.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Old team" })).ShouldBe(HttpStatusCode.Created);
        var old = (await (await admin.Client.GetAsync("/api/v1/teams")).Data()).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Old team");
        await (await admin.Client.DeleteAsync($"/api/v1/teams/{old.GetProperty("id").GetGuid()}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{created.GetProperty("id").GetGuid()}/members", new { userId = admin.UserId })).ShouldBe(HttpStatusCode.Created);

        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/teams");
        Assert.Contains("<h1>Teams</h1>", html);
        Assert.Contains("aria-label=\"New team\"", html);
        Assert.Contains("Returns desk", html);
        Assert.Contains("Parcels coming back", html);
        Assert.Contains("aria-label=\"Members of Returns desk\"", html);
        Assert.Contains("aria-label=\"Deactivate Returns desk\"", html);
        Assert.Contains("Show deactivated teams", html);
        Assert.DoesNotContain("Old team", html);
        Assert.Contains("href=\"/settings/teams\"", html);
    }

    [Theory]
    [InlineData("AGENT")]
    [InlineData("SUPERVISOR")]
    public async Task Members_who_are_not_admins_are_told_admins_manage_teams(string role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var member = await factory.AddMemberAsync(admin, role);
        var html = await (await factory.SignInWithCookieAsync(member.Email, member.Password)).PageAsync("/settings/teams");
        Assert.Contains("Teams are managed by admins", html);
        Assert.DoesNotContain("aria-label=\"New team\"", html);
        Assert.DoesNotContain("href=\"/settings/teams\"", html);
    }
}
