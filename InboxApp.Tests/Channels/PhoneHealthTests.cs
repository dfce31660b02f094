using System.Net;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Channels.AccountsApi;

namespace InboxApp.Tests.Channels;

public sealed class PhoneHealthTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private FakeGraphApi Graph => fixture.Graph;
    private InboxAppFactory Factory => fixture.Factory;

    private static async Task<JsonElement> HealthAsync(SignedIn admin, Guid phoneNumberId)
    {
        var response = await admin.Client.GetAsync($"{Base}/phone-numbers/{phoneNumberId}/health");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    private static string[] ReasonCodes(JsonElement health) => health.GetProperty("reasons").Strings("code");

    private static (bool Receive, bool Send, bool Templates) Flags(JsonElement health)
    {
        var c = health.GetProperty("capabilities");
        return (c.GetProperty("canReceiveMessages").GetBoolean(), c.GetProperty("canSendMessages").GetBoolean(), c.GetProperty("canSendTemplates").GetBoolean());
    }

    [Fact]
    public async Task A_healthy_number_can_do_everything_and_phone_waba_and_apps_are_fetched_in_parallel()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        Graph.Delay = TimeSpan.FromMilliseconds(300);
        Graph.PeakConcurrency = 0;
        JsonElement health;
        try
        {
            health = await HealthAsync(admin, connected.PhoneNumberId);
        }
        finally
        {
            Graph.Delay = TimeSpan.Zero;
        }
        Assert.True(Graph.PeakConcurrency >= 3, $"expected the three Graph calls in flight together, saw at most {Graph.PeakConcurrency}");
        Assert.Equal((true, true, true), Flags(health));
        Assert.Empty(health.GetProperty("reasons").EnumerateArray());
        Assert.True(health.GetProperty("appSubscribed").GetBoolean());
        Assert.True(health.GetProperty("tokenValid").GetBoolean());
        Assert.Equal("GREEN", health.GetProperty("phone").GetProperty("qualityRating").GetString());
        Assert.Equal("CONNECTED", health.GetProperty("phone").GetProperty("status").GetString());
        Assert.Equal("APPROVED", health.GetProperty("waba").GetProperty("accountReviewStatus").GetString());
        Assert.Equal(connected.WabaId, health.GetProperty("waba").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unsubscribed_app_blocks_receiving_with_a_reason_and_is_remembered()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        Graph.Subscriptions[connected.WabaId] = [];

        var health = await HealthAsync(admin, connected.PhoneNumberId);
        Assert.Equal((false, true, true), Flags(health));
        Assert.Equal(["APP_NOT_SUBSCRIBED"], ReasonCodes(health));
        Assert.Contains("canReceiveMessages", health.GetProperty("reasons")[0].GetProperty("blocks").EnumerateArray().Select(b => b.GetString()));
        Assert.False(health.GetProperty("appSubscribed").GetBoolean());

        var account = await admin.AccountAsync(connected.AccountId);
        Assert.False(account.GetProperty("appSubscribed").GetBoolean());
        Assert.False(account.GetProperty("phoneNumbers")[0].GetProperty("capabilities").GetProperty("canReceiveMessages").GetBoolean());
    }

    [Fact]
    public async Task Flagged_quality_blocks_templates_is_stored_and_raises_a_quality_alert()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        Graph.Phones[connected.MetaPhoneNumberId].QualityRating = "FLAGGED";
        Graph.Phones[connected.MetaPhoneNumberId].MessagingLimitTier = "TIER_250";

        var health = await HealthAsync(admin, connected.PhoneNumberId);
        Assert.Equal((true, true, false), Flags(health));
        Assert.Equal(["QUALITY_FLAGGED"], ReasonCodes(health));

        var number = (await admin.AccountAsync(connected.AccountId)).GetProperty("phoneNumbers")[0];
        Assert.Equal("FLAGGED", number.GetProperty("qualityRating").GetString());
        Assert.Equal("TIER_250", number.GetProperty("messagingLimitTier").GetString());
        var alerts = await (await admin.Client.GetAsync($"{Base}/alerts")).Data();
        Assert.Equal(["LIMIT", "QUALITY"], alerts.Strings("kind").Order().ToArray());

        // Checking again does not pile up copies of the same open alerts.
        await HealthAsync(admin, connected.PhoneNumberId);
        Assert.Equal(2, (await (await admin.Client.GetAsync($"{Base}/alerts/unread-count")).Data()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_expired_token_blocks_everything_and_raises_a_token_alert()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        Graph.ValidTokens.TryRemove(connected.Token, out _);

        var response = await admin.Client.GetAsync($"{Base}/{connected.AccountId}/health");
        await response.ShouldBe(HttpStatusCode.OK);
        var account = await response.Data();
        Assert.False(account.GetProperty("tokenValid").GetBoolean());
        var health = Assert.Single(account.GetProperty("phoneNumbers").EnumerateArray());
        Assert.Equal((false, false, false), Flags(health));
        var reason = Assert.Single(health.GetProperty("reasons").EnumerateArray());
        Assert.Equal("TOKEN_INVALID", reason.GetProperty("code").GetString());
        Assert.Contains("Session has expired", reason.GetProperty("message").GetString());

        var alert = Assert.Single((await (await admin.Client.GetAsync($"{Base}/alerts?unacknowledged=true")).Data()).EnumerateArray());
        Assert.Equal("TOKEN", alert.GetProperty("kind").GetString());
        Assert.Equal("CRITICAL", alert.GetProperty("severity").GetString());
        Assert.Equal(connected.AccountId, alert.GetProperty("accountId").GetGuid());
        Assert.DoesNotContain(connected.Token, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unregistered_number_in_a_waba_pending_review_reports_every_reason()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        Graph.Phones[connected.MetaPhoneNumberId].Registered = false;
        Graph.WabaReviewStatus[connected.WabaId] = "PENDING";

        var health = await HealthAsync(admin, connected.PhoneNumberId);
        Assert.Equal((false, false, false), Flags(health));
        Assert.Equal(["ACCOUNT_PENDING_REVIEW", "NOT_REGISTERED"], ReasonCodes(health).Order().ToArray());
        Assert.False(health.GetProperty("phone").GetProperty("registered").GetBoolean());
        await using var db = Factory.SystemDb();
        var number = await db.PhoneNumbers.SingleAsync(p => p.Id == connected.PhoneNumberId);
        Assert.Equal(Core.Messaging.RegistrationStatus.PENDING, number.RegistrationStatus);
        Assert.False(number.CanSendMessages);
    }

    [Fact]
    public async Task A_restricted_number_may_reply_but_not_send_templates()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        Graph.Phones[connected.MetaPhoneNumberId].Status = "RESTRICTED";

        var health = await HealthAsync(admin, connected.PhoneNumberId);
        Assert.Equal((true, true, false), Flags(health));
        Assert.Equal(["PHONE_RESTRICTED"], ReasonCodes(health));
    }

    [Fact]
    public async Task A_disconnected_account_reports_why_without_calling_meta()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var connected = await fixture.ConnectNumberAsync(admin);
        await (await admin.Client.DeleteAsync($"{Base}/{connected.AccountId}")).ShouldBe(HttpStatusCode.NoContent);
        var calls = Graph.Calls.Count;

        var health = await HealthAsync(admin, connected.PhoneNumberId);
        Assert.Equal((false, false, false), Flags(health));
        Assert.Equal(["ACCOUNT_DISCONNECTED"], ReasonCodes(health));
        Assert.Equal(calls, Graph.Calls.Count);
    }
}
