using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.Teams;

[Collection(SharedApp.Name)]
public sealed class TeamsEndpointsTests(NoJobsAppFactory factory)
{
    private static async Task<JsonElement> CreateTeamAsync(HttpClient client, string name, string? description = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/teams", new { name, description });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, bool includeInactive = false) =>
        await (await client.GetAsync($"/api/v1/teams?includeInactive={includeInactive.ToString().ToLowerInvariant()}")).Data();

    private static JsonElement Member(JsonElement team, Guid userId) =>
        team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == userId);

    [Fact]
    public async Task Admin_creates_a_team_and_everyone_lists_it_with_its_member_count_and_members()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var lead = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var team = await CreateTeamAsync(admin.Client, "  Billing  ", "Invoices and refunds");
        Assert.Equal("Billing", team.Str("name"));
        Assert.Equal("Invoices and refunds", team.Str("description"));
        Assert.True(team.GetProperty("isActive").GetBoolean());
        Assert.Equal(0, team.GetProperty("memberCount").GetInt32());
        await CreateTeamAsync(admin.Client, "Accounts");

        await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{team.Id()}/members", new { userId = agent.UserId })).ShouldBe(HttpStatusCode.Created);
        var added = await admin.Client.PostAsJsonAsync($"/api/v1/teams/{team.Id()}/members", new { userId = lead.UserId, role = "LEAD" });
        await added.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(2, (await added.Data()).GetProperty("memberCount").GetInt32());

        var list = await ListAsync(agent.Client);
        Assert.Equal(["Accounts", "Billing"], list.EnumerateArray().Select(t => t.Str("name")));
        Assert.Equal(2, list.EnumerateArray().Single(t => t.Id() == team.Id()).GetProperty("memberCount").GetInt32());

        var detail = await (await agent.Client.GetAsync($"/api/v1/teams/{team.Id()}")).Data();
        Assert.Equal([lead.UserId, agent.UserId], detail.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()));
        var member = Member(detail, agent.UserId);
        Assert.Equal("Test AGENT", member.Str("name"));
        Assert.Equal(agent.Email, member.Str("email"));
        Assert.Equal("MEMBER", member.Str("role"));
        Assert.Equal("OFFLINE", member.Str("onlineStatus"));
        Assert.Equal("LEAD", Member(detail, lead.UserId).Str("role"));

        // The status is the member's live presence: online with an open session, away when they chose it, offline once gone.
        var session = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", agent.AccessToken);
        await StatusEventuallyAsync(agent, team.Id(), "ONLINE");
        await (await agent.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}/status", new { status = "AWAY" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("AWAY", Member(await (await agent.Client.GetAsync($"/api/v1/teams/{team.Id()}")).Data(), agent.UserId).Str("onlineStatus"));
        await session.DisposeAsync();
        await StatusEventuallyAsync(agent, team.Id(), "OFFLINE");
    }

    /// <summary>Hub sessions open and close asynchronously: waits until the team shows the member with <paramref name="status"/>.</summary>
    private static Task StatusEventuallyAsync(SignedIn member, Guid teamId, string status) =>
        Messaging.MessagingTestData.EventuallyAsync(async () =>
            Member(await (await member.Client.GetAsync($"/api/v1/teams/{teamId}")).Data(), member.UserId).Str("onlineStatus") == status,
            $"the member to show {status}");

    [Fact]
    public async Task Team_names_are_unique_within_an_organization_regardless_of_case()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var sales = await CreateTeamAsync(admin.Client, "Sales");
        var support = await CreateTeamAsync(admin.Client, "Support");

        await (await admin.Client.PostAsJsonAsync("/api/v1/teams", new { name = "SALES" })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/teams/{support.Id()}", new { name = "sales " })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await CreateTeamAsync(other.Client, "Sales");

        // Renaming a team to another spelling of its own name is fine; a deactivated team still holds its name.
        var renamed = await (await admin.Client.PatchAsJsonAsync($"/api/v1/teams/{sales.Id()}", new { name = "SALES" })).Data();
        Assert.Equal("SALES", renamed.Str("name"));
        await (await admin.Client.DeleteAsync($"/api/v1/teams/{sales.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Sales" })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
    }

    [Fact]
    public async Task Bad_team_and_member_input_is_refused_naming_the_field()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var team = await CreateTeamAsync(admin.Client, "Escalations");

        var error = await (await admin.Client.PostAsJsonAsync("/api/v1/teams", new { name = "   " })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("name", out _));
        error = await (await admin.Client.PostAsJsonAsync("/api/v1/teams", new { name = new string('x', 101) })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("name", out _));
        error = await (await admin.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Ok", description = new string('x', 501) })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("description", out _));
        error = await (await admin.Client.PatchAsJsonAsync($"/api/v1/teams/{team.Id()}", new { name = "" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("name", out _));
        await (await admin.Client.PostRawJsonAsync("/api/v1/teams", "{\"name\":")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        error = await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{team.Id()}/members", new { role = "LEAD" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("userId", out _));
        await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{team.Id()}/members", new { userId = agent.UserId, role = "BOSS" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync($"/api/v1/teams/{team.Id()}/members", "{\"userId\":\"not-a-guid\"}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{team.Id()}/members", new { userId = agent.UserId })).ShouldBe(HttpStatusCode.Created);
        error = await (await admin.Client.PatchAsJsonAsync($"/api/v1/teams/{team.Id()}/members/{agent.UserId}", new { })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("role", out _));
        await (await admin.Client.GetAsync("/api/v1/teams?includeInactive=maybe")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Only_admins_and_api_keys_manage_teams_while_every_role_reads_them()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var team = await CreateTeamAsync(admin.Client, "Front desk");

        foreach (var caller in new[] { agent, supervisor })
        {
            await (await caller.Client.GetAsync("/api/v1/teams")).ShouldBe(HttpStatusCode.OK);
            await (await caller.Client.GetAsync($"/api/v1/teams/{team.Id()}")).ShouldBe(HttpStatusCode.OK);
            await (await caller.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Mine" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.PatchAsJsonAsync($"/api/v1/teams/{team.Id()}", new { name = "Mine" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.DeleteAsync($"/api/v1/teams/{team.Id()}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.PostAsJsonAsync($"/api/v1/teams/{team.Id()}/members", new { userId = caller.UserId }))
                .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
        await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{team.Id()}/members", new { userId = agent.UserId })).ShouldBe(HttpStatusCode.Created);
        await (await supervisor.Client.PatchAsJsonAsync($"/api/v1/teams/{team.Id()}/members/{agent.UserId}", new { role = "LEAD" }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.DeleteAsync($"/api/v1/teams/{team.Id()}/members/{agent.UserId}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await factory.CreateClient().GetAsync("/api/v1/teams")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var key = await factory.ApiKeyClientAsync(admin);
        var created = await CreateTeamAsync(key, "Integrations");
        await (await key.PostAsJsonAsync($"/api/v1/teams/{created.Id()}/members", new { userId = supervisor.UserId, role = "LEAD" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, (await (await key.GetAsync($"/api/v1/teams/{created.Id()}")).Data()).GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task Deleting_a_team_deactivates_it_and_patching_it_active_brings_it_back()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var team = await CreateTeamAsync(admin.Client, "Night shift", "22:00 to 06:00");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{team.Id()}/members", new { userId = agent.UserId })).ShouldBe(HttpStatusCode.Created);

        await (await admin.Client.DeleteAsync($"/api/v1/teams/{team.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.DeleteAsync($"/api/v1/teams/{team.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty((await ListAsync(agent.Client)).EnumerateArray());
        var inactive = Assert.Single((await ListAsync(agent.Client, includeInactive: true)).EnumerateArray());
        Assert.False(inactive.GetProperty("isActive").GetBoolean());
        Assert.Equal(1, inactive.GetProperty("memberCount").GetInt32());
        Assert.False((await (await agent.Client.GetAsync($"/api/v1/teams/{team.Id()}")).Data()).GetProperty("isActive").GetBoolean());

        var back = await (await admin.Client.PatchAsJsonAsync($"/api/v1/teams/{team.Id()}", new { isActive = true, description = "" })).Data();
        Assert.True(back.GetProperty("isActive").GetBoolean());
        Assert.False(back.TryGetProperty("description", out _));
        Assert.Equal("Night shift", back.Str("name"));
        Assert.Single((await ListAsync(agent.Client)).EnumerateArray());
    }

    [Fact]
    public async Task Members_are_added_once_change_role_and_are_removed()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var deactivated = await factory.AddMemberAsync(admin, "AGENT");
        var deleted = await factory.AddMemberAsync(admin, "AGENT");
        var team = await CreateTeamAsync(admin.Client, "VIP");
        var members = $"/api/v1/teams/{team.Id()}/members";

        await (await admin.Client.PostAsJsonAsync(members, new { userId = agent.UserId })).ShouldBe(HttpStatusCode.Created);
        await (await admin.Client.PostAsJsonAsync(members, new { userId = agent.UserId, role = "LEAD" })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");

        var changed = await (await admin.Client.PatchAsJsonAsync($"{members}/{agent.UserId}", new { role = "LEAD" })).Data();
        Assert.Equal("LEAD", Member(changed, agent.UserId).Str("role"));

        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{deactivated.UserId}", new { isActive = false })).ShouldBe(HttpStatusCode.OK);
        var error = await (await admin.Client.PostAsJsonAsync(members, new { userId = deactivated.UserId })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("userId", out _));
        await (await admin.Client.PostAsJsonAsync(members, new { userId = deleted.UserId })).ShouldBe(HttpStatusCode.Created);
        await (await admin.Client.DeleteAsync($"/api/v1/users/{deleted.UserId}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.PostAsJsonAsync(members, new { userId = deleted.UserId })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var detail = await (await admin.Client.GetAsync($"/api/v1/teams/{team.Id()}")).Data();
        Assert.Equal([agent.UserId], detail.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()));
        Assert.Equal(1, detail.GetProperty("memberCount").GetInt32());

        await (await admin.Client.DeleteAsync($"{members}/{agent.UserId}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.DeleteAsync($"{members}/{agent.UserId}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PatchAsJsonAsync($"{members}/{agent.UserId}", new { role = "MEMBER" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty((await (await admin.Client.GetAsync($"/api/v1/teams/{team.Id()}")).Data()).GetProperty("members").EnumerateArray());
    }

    [Fact]
    public async Task Another_organizations_team_and_user_ids_are_not_found()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var theirAgent = await factory.AddMemberAsync(other, "AGENT");
        var myAgent = await factory.AddMemberAsync(admin, "AGENT");
        var theirs = await CreateTeamAsync(other.Client, "Theirs");
        var mine = await CreateTeamAsync(admin.Client, "Mine");
        await (await other.Client.PostAsJsonAsync($"/api/v1/teams/{theirs.Id()}/members", new { userId = theirAgent.UserId })).ShouldBe(HttpStatusCode.Created);
        var url = $"/api/v1/teams/{theirs.Id()}";

        await (await admin.Client.GetAsync(url)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PatchAsJsonAsync(url, new { name = "Taken over" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync(url)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync($"{url}/members", new { userId = myAgent.UserId })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PatchAsJsonAsync($"{url}/members/{theirAgent.UserId}", new { role = "LEAD" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"{url}/members/{theirAgent.UserId}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/teams/{mine.Id()}/members", new { userId = theirAgent.UserId })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.DoesNotContain((await ListAsync(admin.Client, includeInactive: true)).EnumerateArray(), t => t.Id() == theirs.Id());

        var untouched = await (await other.Client.GetAsync(url)).Data();
        Assert.Equal("Theirs", untouched.Str("name"));
        Assert.True(untouched.GetProperty("isActive").GetBoolean());
        Assert.Equal("MEMBER", Member(untouched, theirAgent.UserId).Str("role"));
    }
}
