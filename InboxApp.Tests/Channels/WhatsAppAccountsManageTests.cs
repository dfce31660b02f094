using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Identity;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.ApiKeys;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Channels.AccountsApi;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Channels;

[Collection(AccountsFixture.Collection)]
public sealed class WhatsAppAccountsManageTests(AccountsFixture fixture)
{
    private FakeGraphApi Graph => fixture.Graph;
    private InboxAppFactory Factory => fixture.Factory;

    [Fact]
    public async Task Admin_renames_an_account()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        var response = await admin.Client.PatchAsJsonAsync($"{Base}/{connected.AccountId}", new { alias = "  Sales line  " });
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Sales line", (await response.Data()).GetProperty("alias").GetString());
        Assert.Equal("Sales line", (await admin.AccountAsync(connected.AccountId)).GetProperty("alias").GetString());
    }

    [Fact]
    public async Task A_new_token_is_checked_with_meta_before_it_replaces_the_old_one()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);

        var refused = await admin.Client.PatchAsJsonAsync($"{Base}/{connected.AccountId}", new { accessToken = "EAAGrefused000000000000000000" });
        var error = await refused.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("Error validating access token", error.GetProperty("message").GetString());
        var unchanged = await admin.AccountAsync(connected.AccountId);
        Assert.Equal($"{connected.Token[..4]}…{connected.Token[^4..]}", unchanged.GetProperty("accessTokenMask").GetString());
        // Meta's 190 raises a token alert.
        var alert = Assert.Single((await (await admin.Client.GetAsync($"{Base}/alerts")).Data()).EnumerateArray());
        Assert.Equal("TOKEN", alert.GetProperty("kind").GetString());

        var fresh = "EAAG" + Guid.NewGuid().ToString("N") + "z9y8";
        Graph.ValidTokens[fresh] = true;
        var accepted = await admin.Client.PatchAsJsonAsync($"{Base}/{connected.AccountId}", new { accessToken = fresh });
        await accepted.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("EAAG…z9y8", (await accepted.Data()).GetProperty("accessTokenMask").GetString());
        Assert.Contains(Graph.CallsTo(connected.MetaPhoneNumberId), c => c.Token == fresh);
        Assert.DoesNotContain(fresh, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disconnect_unsubscribes_keeps_history_and_makes_inbound_for_the_number_unroutable()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        var wamidBefore = $"wamid.before-{Guid.NewGuid():N}";
        await (await Factory.CreateClient().SendAsync(Signed(Messages(connected.MetaPhoneNumberId,
            Array(Contact("5491155550001", "Ana")), Array(Text(wamidBefore, "5491155550001", "hola", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await Factory.DrainWebhooksAsync();

        await (await admin.Client.DeleteAsync($"{Base}/{connected.AccountId}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(Graph.Subscriptions[connected.WabaId]);
        Assert.Single(Graph.CallsTo($"{connected.WabaId}/subscribed_apps"), c => c.Method == "DELETE");
        var account = await admin.AccountAsync(connected.AccountId);
        Assert.Equal("DISCONNECTED", account.GetProperty("status").GetString());
        Assert.False(account.TryGetProperty("accessTokenMask", out _));
        var number = Assert.Single(account.GetProperty("phoneNumbers").EnumerateArray());
        Assert.False(number.GetProperty("isActive").GetBoolean());
        Assert.False(number.GetProperty("capabilities").GetProperty("canReceiveMessages").GetBoolean());
        // Disconnecting again is harmless.
        await (await admin.Client.DeleteAsync($"{Base}/{connected.AccountId}")).ShouldBe(HttpStatusCode.NoContent);

        var wamidAfter = $"wamid.after-{Guid.NewGuid():N}";
        await (await Factory.CreateClient().SendAsync(Signed(Messages(connected.MetaPhoneNumberId,
            Array(Contact("5491155550001", "Ana")), Array(Text(wamidAfter, "5491155550001", "sigo aquí", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await Factory.DrainWebhooksAsync();
        await using var db = Factory.SystemDb();
        Assert.True(await db.Messages.AnyAsync(m => m.WaMessageId == wamidBefore), "history is kept");
        Assert.False(await db.Messages.AnyAsync(m => m.WaMessageId == wamidAfter));
        var delivery = await db.WebhookDeliveries.Where(d => d.Payload.Contains(wamidAfter)).SingleAsync();
        Assert.Equal(WebhookDeliveryStatus.UNROUTABLE, delivery.Status);
        var stored = await db.WhatsAppAccounts.SingleAsync(a => a.Id == connected.AccountId);
        Assert.Null(stored.AccessTokenProtected);
    }

    [Fact]
    public async Task Supervisors_read_accounts_and_alerts_but_change_nothing()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        var supervisor = await Factory.AddMemberAsync(admin, "SUPERVISOR");

        await (await supervisor.Client.GetAsync(Base)).ShouldBe(HttpStatusCode.OK);
        await (await supervisor.Client.GetAsync($"{Base}/{connected.AccountId}")).ShouldBe(HttpStatusCode.OK);
        await (await supervisor.Client.GetAsync($"{Base}/{connected.AccountId}/health")).ShouldBe(HttpStatusCode.OK);
        await (await supervisor.Client.GetAsync($"{Base}/phone-numbers/{connected.PhoneNumberId}/health")).ShouldBe(HttpStatusCode.OK);
        await (await supervisor.Client.GetAsync($"{Base}/alerts")).ShouldBe(HttpStatusCode.OK);
        await (await supervisor.Client.GetAsync($"{Base}/alerts/unread-count")).ShouldBe(HttpStatusCode.OK);

        var (waba, phone, token) = Graph.AddAccount();
        await (await supervisor.Client.PostAsJsonAsync($"{Base}/connect-manual", new { wabaId = waba, phoneNumberId = phone, accessToken = token })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.PostAsJsonAsync($"{Base}/connect", new { code = "x", wabaId = waba, phoneNumberId = phone })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.PatchAsJsonAsync($"{Base}/{connected.AccountId}", new { alias = "Mine" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.DeleteAsync($"{Base}/{connected.AccountId}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.PostAsync($"{Base}/alerts/acknowledge-all", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.GetAsync($"{Base}/meta-config")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.PutAsJsonAsync($"{Base}/meta-config", new { appId = "123" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("CONNECTED", (await admin.AccountAsync(connected.AccountId)).GetProperty("status").GetString());
        Assert.Equal("Support line", (await admin.AccountAsync(connected.AccountId)).GetProperty("alias").GetString());
    }

    [Fact]
    public async Task Agents_get_403_on_every_accounts_endpoint()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        foreach (var url in new[] { Base, $"{Base}/{connected.AccountId}", $"{Base}/{connected.AccountId}/health",
                     $"{Base}/phone-numbers/{connected.PhoneNumberId}/health", $"{Base}/alerts", $"{Base}/alerts/unread-count", $"{Base}/meta-config" })
            await (await agent.Client.GetAsync(url)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PatchAsJsonAsync($"{Base}/{connected.AccountId}", new { alias = "x" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.DeleteAsync($"{Base}/{connected.AccountId}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await Factory.CreateClient().GetAsync(Base)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_organizations_account_number_and_alert_ids_give_404()
    {
        var a = await Factory.RegisterOrganizationAsync();
        var b = await Factory.RegisterOrganizationAsync();
        var bNumber = await fixture.ConnectNumberAsync(b);
        Graph.ValidTokens.TryRemove(bNumber.Token, out _);
        await (await b.Client.GetAsync($"{Base}/{bNumber.AccountId}/health")).ShouldBe(HttpStatusCode.OK);
        var bAlert = (await (await b.Client.GetAsync($"{Base}/alerts")).Data())[0].GetProperty("id").GetGuid();
        Graph.ValidTokens[bNumber.Token] = true;

        await (await a.Client.GetAsync($"{Base}/{bNumber.AccountId}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await a.Client.PatchAsJsonAsync($"{Base}/{bNumber.AccountId}", new { alias = "stolen" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await a.Client.DeleteAsync($"{Base}/{bNumber.AccountId}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await a.Client.GetAsync($"{Base}/{bNumber.AccountId}/health")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await a.Client.GetAsync($"{Base}/phone-numbers/{bNumber.PhoneNumberId}/health")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await a.Client.PostAsync($"{Base}/alerts/{bAlert}/acknowledge", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await a.Client.PostAsync($"{Base}/alerts/acknowledge-all", null)).ShouldBe(HttpStatusCode.OK);

        Assert.Empty((await (await a.Client.GetAsync(Base)).Data()).EnumerateArray());
        Assert.Empty((await (await a.Client.GetAsync($"{Base}/alerts")).Data()).EnumerateArray());
        var bAccount = await b.AccountAsync(bNumber.AccountId);
        Assert.Equal("CONNECTED", bAccount.GetProperty("status").GetString());
        Assert.Equal("Support line", bAccount.GetProperty("alias").GetString());
        Assert.Equal(1, (await (await b.Client.GetAsync($"{Base}/alerts/unread-count")).Data()).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("{}", "wabaId")]
    [InlineData("""{"wabaId":"12345","phoneNumberId":"67890"}""", "accessToken")]
    [InlineData("""{"wabaId":"abc","phoneNumberId":"67890","accessToken":"EAAG0000000000000000000"}""", "wabaId")]
    [InlineData("""{"wabaId":"12345","phoneNumberId":"67890","accessToken":"short"}""", "accessToken")]
    [InlineData("""{"wabaId":"12345","phoneNumberId":"67890","accessToken":"EAAG0000000000000000000","alias":""}""", "alias")]
    public async Task Connect_manual_validates_its_body(string json, string field)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostRawJsonAsync($"{Base}/connect-manual", json)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"expected an error on {field}: {error}");
    }

    [Theory]
    [InlineData($"{Base}/connect-manual", """{"wabaId":12345,"phoneNumberId":"67890","accessToken":"EAAG0000000000000000000"}""")]
    [InlineData($"{Base}/connect-manual", "not json")]
    [InlineData($"{Base}/connect", """{"code":"abc","wabaId":"1","phoneNumberId":"2","pin":123456}""")]
    [InlineData($"{Base}/connect", """{"code":"abc","wabaId":"1","phoneNumberId":"2","pin":"12ab56"}""")]
    [InlineData($"{Base}/connect", """{"wabaId":"1","phoneNumberId":"2"}""")]
    public async Task Wrong_types_and_missing_fields_answer_400_never_500(string url, string json)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var response = await admin.Client.PostRawJsonAsync(url, json);
        await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Update_needs_an_alias_or_a_token_and_query_filters_are_validated()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        await (await admin.Client.PatchRawJsonAsync($"{Base}/{connected.AccountId}", "{}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PatchRawJsonAsync($"{Base}/{connected.AccountId}", """{"alias":42}""")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PatchRawJsonAsync($"{Base}/{connected.AccountId}", """{"alias":"   "}""")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"{Base}/alerts?acknowledged=maybe")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"{Base}/alerts?kind=WEATHER")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"{Base}/alerts?limit=0")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"{Base}/not-a-guid")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.GetAsync($"{Base}/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
