using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Users;

[Collection(SharedApp.Name)]
public sealed class UserBulkActionsTests(NoJobsAppFactory factory)
{
    private static object Ids(params Guid[] ids) => new { mode = "ids", ids };

    private static Dictionary<Guid, string> Skipped(JsonElement result) =>
        result.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.Id(), s => s.Str("reason"));

    [Fact]
    public async Task Bulk_deactivate_changes_the_selected_users_and_skips_the_caller()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var a = await factory.AddMemberAsync(admin, "AGENT");
        var b = await factory.AddMemberAsync(admin, "AGENT");
        var untouched = await factory.AddMemberAsync(admin, "AGENT");

        var response = await admin.Client.PostAsJsonAsync("/api/v1/users/bulk", new { action = "deactivate", selection = Ids(a.UserId, b.UserId, admin.UserId) });
        await response.ShouldBe(HttpStatusCode.OK);
        var result = await response.Data();
        Assert.Equal(2, result.GetProperty("affected").GetInt32());
        Assert.Equal("SELF", Skipped(result)[admin.UserId]);

        await (await a.Client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await b.Client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await untouched.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        var activated = await (await admin.Client.PostAsJsonAsync("/api/v1/users/bulk", new { action = "activate", selection = Ids(a.UserId) })).Data();
        Assert.Equal(1, activated.GetProperty("affected").GetInt32());
        await factory.LoginAsync(a.Email, a.Password);
    }

    [Fact]
    public async Task Bulk_delete_frees_the_addresses_and_reports_foreign_ids_as_not_found()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var mine = await factory.AddMemberAsync(admin, "AGENT");
        var theirs = await factory.AddMemberAsync(other, "AGENT");

        var result = await (await admin.Client.PostAsJsonAsync("/api/v1/users/bulk", new { action = "delete", selection = Ids(mine.UserId, theirs.UserId) })).Data();
        Assert.Equal(1, result.GetProperty("affected").GetInt32());
        Assert.Equal("NOT_FOUND", Skipped(result)[theirs.UserId]);

        await (await theirs.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await mine.Client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await using (var db = factory.SystemDb())
            Assert.NotNull((await db.Users.SingleAsync(u => u.Id == mine.UserId)).DeletedAt);
        await admin.InviteAsync(mine.Email);
    }

    [Fact]
    public async Task Bulk_change_role_sets_the_role_and_never_removes_the_last_admin()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var key = await factory.ApiKeyClientAsync(admin);
        var agent = await factory.CreateUserAsync(admin);

        var result = await (await key.PostAsJsonAsync("/api/v1/users/bulk",
            new { action = "change_role", role = "SUPERVISOR", selection = Ids(agent.Id(), admin.UserId) })).Data();
        Assert.Equal(1, result.GetProperty("affected").GetInt32());
        Assert.Equal("LAST_ADMIN", Skipped(result)[admin.UserId]);
        Assert.Equal("SUPERVISOR", (await (await admin.Client.GetAsync($"/api/v1/users/{agent.Id()}")).Data()).Str("role"));
        Assert.Equal("ADMIN", (await (await admin.Client.GetAsync($"/api/v1/users/{admin.UserId}")).Data()).Str("role"));

        var deleted = await (await key.PostAsJsonAsync("/api/v1/users/bulk", new { action = "delete", selection = Ids(admin.UserId) })).Data();
        Assert.Equal(0, deleted.GetProperty("affected").GetInt32());
        Assert.Equal("LAST_ADMIN", Skipped(deleted)[admin.UserId]);
    }

    [Fact]
    public async Task Bulk_in_all_mode_applies_the_list_filters()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var night1 = await factory.CreateUserAsync(admin, name: "Night Shift One");
        var night2 = await factory.CreateUserAsync(admin, name: "night shift two");
        var day = await factory.CreateUserAsync(admin, name: "Day Shift");

        var result = await (await admin.Client.PostAsJsonAsync("/api/v1/users/bulk",
            new { action = "deactivate", selection = new { mode = "all", search = "NIGHT", role = "AGENT" } })).Data();
        Assert.Equal(2, result.GetProperty("affected").GetInt32());
        var inactive = (await (await admin.Client.GetAsync("/api/v1/users?status=inactive")).Data()).Emails();
        Assert.Equal(new[] { night1.Str("email"), night2.Str("email") }.Order(), inactive.Order());
        Assert.DoesNotContain(day.Str("email"), inactive);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"action\":\"explode\",\"selection\":{\"mode\":\"ids\",\"ids\":[\"6f1c1d7e-8a3b-4c55-9a2e-0d7f3b1e2a11\"]}}")]
    [InlineData("{\"action\":\"delete\"}")]
    [InlineData("{\"action\":\"delete\",\"selection\":{\"mode\":\"ids\",\"ids\":[]}}")]
    [InlineData("{\"action\":\"delete\",\"selection\":{\"mode\":\"some\"}}")]
    [InlineData("{\"action\":\"delete\",\"selection\":{\"mode\":\"ids\",\"ids\":[\"not-a-guid\"]}}")]
    [InlineData("{\"action\":\"change_role\",\"selection\":{\"mode\":\"ids\",\"ids\":[\"6f1c1d7e-8a3b-4c55-9a2e-0d7f3b1e2a11\"]}}")]
    [InlineData("{\"action\":\"change_role\",\"role\":\"SUPER_ADMIN\",\"selection\":{\"mode\":\"ids\",\"ids\":[\"6f1c1d7e-8a3b-4c55-9a2e-0d7f3b1e2a11\"]}}")]
    [InlineData("{\"action\":\"delete\",\"selection\":{\"mode\":\"all\",\"role\":\"BOSS\"}}")]
    public async Task Bulk_with_bad_input_is_400(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostRawJsonAsync("/api/v1/users/bulk", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Supervisor_cannot_run_bulk_actions()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var agent = await factory.CreateUserAsync(admin);
        await (await supervisor.Client.PostAsJsonAsync("/api/v1/users/bulk", new { action = "deactivate", selection = Ids(agent.Id()) }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.True((await (await admin.Client.GetAsync($"/api/v1/users/{agent.Id()}")).Data()).GetProperty("isActive").GetBoolean());
    }
}
