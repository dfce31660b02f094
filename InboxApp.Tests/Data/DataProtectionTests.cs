using System.Net;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Data;

public sealed class DataProtectionTests
{
    [Fact]
    public async Task Access_tokens_survive_a_restart_because_the_key_ring_lives_in_the_database()
    {
        var first = new InboxAppFactory();
        var admin = await first.RegisterOrganizationAsync();
        await using (var db = first.SystemDb())
        {
            Assert.True(await db.DataProtectionKeys.AnyAsync(), "the key ring should be stored in the database");
        }

        using var restarted = first.Restart();
        var client = restarted.CreateClient().WithBearer(admin.AccessToken);
        var me = await client.GetAsync("/api/v1/auth/me");
        await me.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(admin.UserId, (await me.Data()).GetProperty("id").GetGuid());
        await using var check = restarted.SystemDb();
        Assert.Equal(1, await check.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task A_second_node_on_the_same_database_accepts_the_first_nodes_tokens()
    {
        using var nodeA = new InboxAppFactory();
        var admin = await nodeA.RegisterOrganizationAsync();
        // A second app instance sharing nodeA's database and data folder, running at the same time.
        using var nodeB = nodeA.SecondNode();
        await (await nodeB.CreateClient().WithBearer(admin.AccessToken).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        var refreshed = await nodeB.CreateClient().PostAsync("/api/v1/auth/refresh",
            new StringContent($"{{\"refreshToken\":\"{admin.RefreshToken}\"}}", System.Text.Encoding.UTF8, "application/json"));
        await refreshed.ShouldBe(HttpStatusCode.OK);
        var newAccess = (await refreshed.Data()).GetProperty("accessToken").GetString()!;
        await (await nodeA.CreateClient().WithBearer(newAccess).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
    }
}
