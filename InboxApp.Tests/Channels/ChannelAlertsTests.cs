using System.Net;
using System.Text.Json.Nodes;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Channels.AccountsApi;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Channels;

[Collection(AccountsFixture.Collection)]
public sealed class ChannelAlertsTests(AccountsFixture fixture)
{
    private InboxAppFactory Factory => fixture.Factory;

    private async Task<int> UnreadAsync(SignedIn member) =>
        (await (await member.Client.GetAsync($"{Base}/alerts/unread-count")).Data()).GetProperty("count").GetInt32();

    /// <summary>
    /// The alerts list once it holds at least <paramref name="count"/> alerts (15 s at most): the durable listeners that raise
    /// alerts run after the webhook's own commit, and a first attempt that failed on a busy machine is retried a moment later.
    /// </summary>
    private static async Task<System.Text.Json.JsonElement> AlertsAsync(SignedIn member, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var alerts = await (await member.Client.GetAsync($"{Base}/alerts")).Data();
            if (alerts.GetArrayLength() >= count || DateTime.UtcNow > deadline) return alerts;
            await Task.Delay(50);
        }
    }

    private async Task SeedAlertsAsync(Guid organizationId, int count)
    {
        await using var db = Factory.Services.GetRequiredService<InboxDb>().For(organizationId);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < count; i++)
            db.Add(new ChannelAlert { Kind = ChannelAlertKind.LIMIT, Severity = ChannelAlertSeverity.INFO, Title = $"Alert {i}", CreatedAt = start.AddMinutes(i) });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_flagged_quality_webhook_makes_the_alerts_list_non_empty()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin, displayPhone: "+1 555-010-0177");
        Assert.Empty((await (await admin.Client.GetAsync($"{Base}/alerts")).Data()).EnumerateArray());

        var body = Envelope(connected.WabaId, ("phone_number_quality_update",
            new JsonObject { ["display_phone_number"] = "15550100177", ["event"] = "FLAGGED", ["current_limit"] = "TIER_1K" }));
        await (await Factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await Factory.DrainWebhooksAsync();

        var alert = Assert.Single((await AlertsAsync(admin, 1)).EnumerateArray());
        Assert.Equal("QUALITY", alert.GetProperty("kind").GetString());
        Assert.Equal("CRITICAL", alert.GetProperty("severity").GetString());
        Assert.Equal(connected.PhoneNumberId, alert.GetProperty("phoneNumberId").GetGuid());
        Assert.Contains("+1 555-010-0177", alert.GetProperty("title").GetString());
        Assert.False(alert.GetProperty("acknowledged").GetBoolean());
        Assert.Equal(1, await UnreadAsync(admin));
        Assert.Equal("FLAGGED", (await admin.AccountAsync(connected.AccountId)).GetProperty("phoneNumbers")[0].GetProperty("qualityRating").GetString());

        // Meta redelivers: still one alert.
        await (await Factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await Factory.DrainWebhooksAsync();
        Assert.Equal(1, await UnreadAsync(admin));
    }

    [Fact]
    public async Task A_messaging_limit_downgrade_webhook_raises_a_limit_alert()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin, displayPhone: "+1 555-010-0188");
        var body = Envelope(connected.WabaId, ("phone_number_quality_update",
            new JsonObject { ["display_phone_number"] = "15550100188", ["event"] = "DOWNGRADE", ["current_limit"] = "TIER_250" }));
        await (await Factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await Factory.DrainWebhooksAsync();

        var alert = Assert.Single((await AlertsAsync(admin, 1)).EnumerateArray());
        Assert.Equal("LIMIT", alert.GetProperty("kind").GetString());
        Assert.Contains("1K → 250", alert.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Account_restriction_and_rejected_template_webhooks_raise_account_and_template_alerts()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        var restriction = new JsonObject
        {
            ["phone_number"] = "15550100100", ["event"] = "ACCOUNT_RESTRICTION",
            ["restriction_info"] = new JsonArray(new JsonObject { ["restriction_type"] = "RESTRICTED_BIZ_INITIATED_MESSAGING", ["expiration"] = 1735689600 }),
        };
        var template = new JsonObject
        {
            ["event"] = "REJECTED", ["message_template_id"] = 594425479261596, ["message_template_name"] = "order_update",
            ["message_template_language"] = "en_US", ["reason"] = "INCORRECT_CATEGORY",
        };
        await (await Factory.CreateClient().SendAsync(Signed(Envelope(connected.WabaId, ("account_update", restriction), ("message_template_status_update", template)))))
            .ShouldBe(HttpStatusCode.OK);
        await Factory.DrainWebhooksAsync();

        var alerts = await AlertsAsync(admin, 2);
        var account = Assert.Single(alerts.EnumerateArray(), a => a.GetProperty("kind").GetString() == "ACCOUNT");
        Assert.Equal("CRITICAL", account.GetProperty("severity").GetString());
        Assert.Contains("RESTRICTED_BIZ_INITIATED_MESSAGING", account.GetProperty("details").GetString());
        Assert.Equal(connected.AccountId, account.GetProperty("accountId").GetGuid());
        var rejected = Assert.Single(alerts.EnumerateArray(), a => a.GetProperty("kind").GetString() == "TEMPLATE");
        Assert.Contains("order_update", rejected.GetProperty("title").GetString());
        Assert.Contains("INCORRECT_CATEGORY", rejected.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Alerts_are_paged_newest_first_and_filtered_by_acknowledgement()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await SeedAlertsAsync(admin.OrganizationId, 5);

        var page1 = await admin.Client.GetAsync($"{Base}/alerts?page=1&limit=2");
        var json = await page1.Json();
        Assert.Equal(["Alert 4", "Alert 3"], json.GetProperty("data").Strings("title"));
        var pagination = json.GetProperty("meta").GetProperty("pagination");
        Assert.Equal(5, pagination.GetProperty("total").GetInt32());
        Assert.True(pagination.GetProperty("hasMore").GetBoolean());
        Assert.Equal(["Alert 0"], (await (await admin.Client.GetAsync($"{Base}/alerts?page=3&limit=2")).Data()).Strings("title"));

        var newest = json.GetProperty("data")[0].GetProperty("id").GetGuid();
        var ack = await admin.Client.PostAsync($"{Base}/alerts/{newest}/acknowledge", null);
        await ack.ShouldBe(HttpStatusCode.OK);
        var acked = await ack.Data();
        Assert.True(acked.GetProperty("acknowledged").GetBoolean());
        Assert.Equal(admin.UserId, acked.GetProperty("acknowledgedById").GetGuid());
        var firstAckAt = acked.GetProperty("acknowledgedAt").GetDateTimeOffset();
        // Acknowledging again keeps the first acknowledgement.
        var again = await (await admin.Client.PostAsync($"{Base}/alerts/{newest}/acknowledge", null)).Data();
        Assert.Equal(firstAckAt, again.GetProperty("acknowledgedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));

        Assert.Equal(4, await UnreadAsync(admin));
        Assert.Equal(4, (await (await admin.Client.GetAsync($"{Base}/alerts?unacknowledged=true")).Json()).GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(["Alert 4"], (await (await admin.Client.GetAsync($"{Base}/alerts?acknowledged=true")).Data()).Strings("title"));
        Assert.Equal(4, (await (await admin.Client.GetAsync($"{Base}/alerts?acknowledged=false")).Data()).GetArrayLength());
        Assert.Equal(5, (await (await admin.Client.GetAsync($"{Base}/alerts?kind=LIMIT")).Data()).GetArrayLength());
        Assert.Empty((await (await admin.Client.GetAsync($"{Base}/alerts?kind=TOKEN")).Data()).EnumerateArray());

        var all = await admin.Client.PostAsync($"{Base}/alerts/acknowledge-all", null);
        await all.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(4, (await all.Data()).GetProperty("acknowledged").GetInt32());
        Assert.Equal(0, await UnreadAsync(admin));
        Assert.Empty((await (await admin.Client.GetAsync($"{Base}/alerts?unacknowledged=true")).Data()).EnumerateArray());
        Assert.Equal(5, (await (await admin.Client.GetAsync($"{Base}/alerts")).Data()).GetArrayLength());
    }

    [Fact]
    public async Task Acknowledging_all_leaves_other_organizations_alerts_open()
    {
        var a = await Factory.RegisterOrganizationAsync();
        var b = await Factory.RegisterOrganizationAsync();
        await SeedAlertsAsync(a.OrganizationId, 2);
        await SeedAlertsAsync(b.OrganizationId, 3);

        Assert.Equal(2, (await (await a.Client.PostAsync($"{Base}/alerts/acknowledge-all", null)).Data()).GetProperty("acknowledged").GetInt32());
        Assert.Equal(3, await UnreadAsync(b));
        var bAlert = (await (await b.Client.GetAsync($"{Base}/alerts")).Data())[0].GetProperty("id").GetGuid();
        await (await a.Client.PostAsync($"{Base}/alerts/{bAlert}/acknowledge", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(3, await UnreadAsync(b));
    }
}
