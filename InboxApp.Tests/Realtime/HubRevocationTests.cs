using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Realtime;

/// <summary>A hub connection lives no longer than its credential: revoked (at once) or expired.</summary>
[Collection(SharedApp.Second)]
public sealed class HubRevocationTests(NoJobsAppFactory factory)
{
    internal static async Task WaitUntilClosedAsync(HubTestClient hub, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (hub.Connection.State != HubConnectionState.Disconnected)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The hub connection is still {hub.Connection.State}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Deactivating_a_user_closes_their_hub_connection_at_once_and_they_cannot_reconnect()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", agent.AccessToken);
        await using var adminHub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", admin.AccessToken);

        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}", new { isActive = false })).ShouldBe(HttpStatusCode.OK);

        await WaitUntilClosedAsync(hub);
        await Assert.ThrowsAnyAsync<Exception>(() => HubTestClient.ConnectAsync(factory, "/hubs/inbox", agent.AccessToken));
        Assert.Equal(HubConnectionState.Connected, adminHub.Connection.State);
    }

    [Fact]
    public async Task Demoting_a_user_closes_their_hub_connection()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", supervisor.AccessToken);

        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{supervisor.UserId}", new { role = "AGENT" })).ShouldBe(HttpStatusCode.OK);

        await WaitUntilClosedAsync(hub);
    }

    [Fact]
    public async Task Deleting_an_api_key_closes_its_hub_connections_only()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (doomedId, doomed) = await CreateKeyAsync(admin, "doomed");
        var (_, kept) = await CreateKeyAsync(admin, "kept");
        await using var doomedHub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", doomed);
        await using var keptHub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", kept);

        await (await admin.Client.DeleteAsync($"/api/v1/api-keys/{doomedId}")).ShouldBe(HttpStatusCode.NoContent);

        await WaitUntilClosedAsync(doomedHub);
        Assert.Equal(HubConnectionState.Connected, keptHub.Connection.State);
    }

    [Fact]
    public async Task Disabling_an_api_key_closes_its_hub_connections()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, key) = await CreateKeyAsync(admin, "disabled");
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", key);

        await (await admin.Client.PatchAsJsonAsync($"/api/v1/api-keys/{id}", new { isActive = false })).ShouldBe(HttpStatusCode.OK);

        await WaitUntilClosedAsync(hub);
    }

    [Fact]
    public async Task Signing_out_through_the_api_closes_the_sessions_hub_connections_only()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.LoginAsync(admin.Email, admin.Password);
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", admin.AccessToken);
        await using var otherHub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", other.AccessToken);

        await (await admin.Client.PostAsync("/api/v1/auth/logout", null)).ShouldBe(HttpStatusCode.NoContent);

        await WaitUntilClosedAsync(hub);
        Assert.Equal(HubConnectionState.Connected, otherHub.Connection.State);
    }

    private static async Task<(Guid Id, string Key)> CreateKeyAsync(SignedIn admin, string name)
    {
        var created = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name });
        await created.ShouldBe(HttpStatusCode.Created);
        var data = await created.Data();
        return (data.GetProperty("id").GetGuid(), data.GetProperty("key").GetString()!);
    }
}

/// <summary>An access token that expires closes its hub connection (CloseOnAuthenticationExpiration).</summary>
public sealed class HubExpiryTests(HubExpiryTests.ShortTokenFactory factory) : IClassFixture<HubExpiryTests.ShortTokenFactory>
{
    /// <summary>
    /// Access tokens live a minute, and the app's clock runs <see cref="Behind"/> real time: a token issued now expires
    /// (by the real clock, which the token check and SignalR read) a few seconds later.
    /// </summary>
    public sealed class ShortTokenFactory : InboxAppFactory
    {
        public static readonly TimeSpan Behind = TimeSpan.FromSeconds(60 - 5);

        public ShortTokenFactory() => WithoutJobs().With("Auth:AccessTokenMinutes", "1");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new LaggingClock(Behind)));
        }
    }

    private sealed class LaggingClock(TimeSpan behind) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - behind;
    }

    [Fact]
    public async Task A_hub_connection_closes_when_its_access_token_expires()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", admin.AccessToken);
        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);

        await HubRevocationTests.WaitUntilClosedAsync(hub, TimeSpan.FromSeconds(30));
    }
}

/// <summary>Changes made on another node (straight in the database, no signal here) close hub connections at the next revalidation.</summary>
public sealed class HubRevalidationTests(HubRevalidationTests.FastRevalidationFactory factory) : IClassFixture<HubRevalidationTests.FastRevalidationFactory>
{
    public sealed class FastRevalidationFactory : InboxAppFactory
    {
        public FastRevalidationFactory() => WithoutJobs().With("Auth:RevalidationInterval", "00:00:01");
    }

    [Fact]
    public async Task A_user_deactivated_on_another_node_loses_their_hub_connection_at_the_next_revalidation()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", agent.AccessToken);
        await using var adminHub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", admin.AccessToken);

        await using (var db = factory.SystemDb())
            await db.Users.Where(u => u.Id == agent.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));

        await HubRevocationTests.WaitUntilClosedAsync(hub);
        Assert.Equal(HubConnectionState.Connected, adminHub.Connection.State);
    }

    [Fact]
    public async Task An_api_key_disabled_on_another_node_loses_its_hub_connection_at_the_next_revalidation()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "elsewhere" });
        var data = await created.Data();
        await using var hub = await HubTestClient.ConnectAsync(factory, "/hubs/inbox", data.GetProperty("key").GetString());

        await using (var db = factory.SystemDb())
            await db.ApiKeys.Where(k => k.Id == data.GetProperty("id").GetGuid()).ExecuteUpdateAsync(s => s.SetProperty(k => k.IsActive, false));

        await HubRevocationTests.WaitUntilClosedAsync(hub);
    }
}
