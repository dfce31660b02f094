using System.Net.Http.Json;
using InboxApp.Core.Identity;
using InboxApp.Tests.ApiKeys;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using static InboxApp.Tests.Channels.AccountsApi;

namespace InboxApp.Tests.Channels;

[Collection(AccountsFixture.Collection)]
public sealed class ChannelsPageTests(AccountsFixture fixture)
{
    private InboxAppFactory Factory => fixture.Factory;

    [Fact]
    public async Task Admin_sees_accounts_numbers_capabilities_alerts_and_the_meta_app_form_but_never_the_token()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin, displayPhone: "+1 555-010-0321", alias: "Front desk");
        fixture.Graph.Subscriptions[connected.WabaId] = [];
        await admin.Client.GetAsync($"{Base}/{connected.AccountId}/health");
        await admin.Client.PutAsJsonAsync($"{Base}/meta-config", new { appId = "4455667788", appSecret = "page-secret-value" });

        var html = await (await Factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/channels");
        Assert.Contains("Front desk", html);
        Assert.Contains("+1 555-010-0321", html);
        Assert.Contains($"{connected.Token[..4]}…{connected.Token[^4..]}", html);
        Assert.DoesNotContain(connected.Token, html);
        Assert.Contains("data-testid=\"capability-canReceiveMessages\" data-open=\"false\"", html);
        Assert.Contains("data-testid=\"capability-canSendMessages\" data-open=\"true\"", html);
        Assert.Contains("Check now", html);
        Assert.Contains("data-testid=\"connect-manually\"", html);
        Assert.Contains(">Disconnect<", html);
        Assert.Contains("data-testid=\"meta-config-form\"", html);
        Assert.Contains("4455667788", html);
        Assert.DoesNotContain("page-secret-value", html);
        Assert.Contains("data-testid=\"alerts-panel\"", html);
        Assert.Contains("data-testid=\"alerts-empty\"", html);
    }

    [Fact]
    public async Task Statuses_read_as_words_not_as_enum_names()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin, alias: "Worded line");
        await admin.Client.GetAsync($"{Base}/{connected.AccountId}/health");

        var html = await (await Factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/channels");
        Assert.Contains("Worded line", html);
        Assert.Matches(">\\s*Connected\\s*<", html);
        // The names the page showed before (account status, the sandbox mark, quality, throughput level).
        Assert.DoesNotMatch(">\\s*(CONNECTED|SANDBOX|GREEN|UNKNOWN)\\s*<", html);
        Assert.DoesNotContain("STANDARD ·", html);
    }

    [Fact]
    public async Task Open_alerts_show_in_the_panel_with_their_count()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        fixture.Graph.ValidTokens.TryRemove(connected.Token, out _);
        await admin.Client.GetAsync($"{Base}/{connected.AccountId}/health");

        var html = await (await Factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/channels");
        Assert.Contains("Access token refused for Support line", html);
        Assert.Contains("data-testid=\"alerts-unread\"", html);
        Assert.Contains(">Acknowledge<", html);
    }

    [Fact]
    public async Task Admin_without_numbers_is_told_how_to_connect_one()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var html = await (await Factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/channels");
        Assert.Contains("data-testid=\"channels-empty\"", html);
        Assert.Contains("permanent access token", html);
        Assert.Contains("href=\"/settings/channels\"", html);
    }

    [Fact]
    public async Task Supervisors_see_the_numbers_but_no_way_to_change_them()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await fixture.ConnectNumberAsync(admin, alias: "Read only line");
        var supervisor = await Factory.AddMemberAsync(admin, "SUPERVISOR");
        var html = await (await Factory.SignInWithCookieAsync(supervisor.Email, supervisor.Password)).PageAsync("/settings/channels");
        Assert.Contains("Read only line", html);
        Assert.Contains("data-testid=\"phone-health-card\"", html);
        Assert.DoesNotContain("data-testid=\"connect-manually\"", html);
        Assert.DoesNotContain(">Disconnect<", html);
        Assert.DoesNotContain("data-testid=\"meta-config-form\"", html);
        Assert.Contains("href=\"/settings/channels\"", html);
    }

    [Fact]
    public async Task Agents_are_told_only_admins_and_supervisors_see_channels_and_have_no_menu_entry()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await fixture.ConnectNumberAsync(admin, alias: "Hidden line");
        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        var html = await (await Factory.SignInWithCookieAsync(agent.Email, agent.Password)).PageAsync("/settings/channels");
        Assert.Contains("data-testid=\"channels-not-allowed\"", html);
        Assert.DoesNotContain("Hidden line", html);
        Assert.DoesNotContain("href=\"/settings/channels\"", html);
    }
}
