using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.Templates;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.PublicApi;

/// <summary>
/// <c>GET /v1/phones/{phoneId}/health</c>: readiness from the stored state with a reason for every false capability, and the
/// background resync with Meta (Hangfire, deduplicated) that a later call reflects. Against the fake Graph API.
/// </summary>
[Collection(GraphBackedApp.Collection)]
public sealed class PublicPhoneHealthTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    /// <summary>A Cloud API number, registered and subscribed in the fake Graph API as it is stored.</summary>
    private async Task<(SignedIn Admin, HttpClient Key, CloudNumber Number, string WabaId)> PartnerAsync()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var phone = Graph.Phones[number.MetaId];
        phone.Registered = true;
        Graph.Subscriptions[phone.WabaId] = new ConcurrentBag<string>([Graph.AppId]);
        return (admin, await Factory.ApiKeyClientAsync(admin), number, phone.WabaId);
    }

    /// <summary>Calls the health endpoint until <paramref name="condition"/> holds (the resync runs in the background).</summary>
    private static async Task<JsonElement> HealthUntilAsync(HttpClient key, Guid phoneId, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var health = await key.HealthAsync(phoneId);
            if (condition(health)) return health;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}; last health: {health}");
            await Task.Delay(50);
        }
    }

    private static bool Can(JsonElement health, string capability) => health.GetProperty("capabilities").GetProperty(capability).GetBoolean();

    [Fact]
    public async Task A_sandbox_number_is_ready_and_resyncs_without_calling_meta()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var key = await Factory.ApiKeyClientAsync(admin);
        var (phoneId, _) = await admin.SandboxNumberAsync();
        var calls = Graph.Calls.Count;

        var health = await key.HealthAsync(phoneId);
        Assert.True(health.GetProperty("isRegistered").GetBoolean());
        Assert.True(Can(health, "canReceiveMessages") && Can(health, "canSendMessages") && Can(health, "canSendTemplates"));
        Assert.Empty(health.Codes());
        Assert.True(health.GetProperty("resyncQueued").GetBoolean());
        var resynced = await HealthUntilAsync(key, phoneId, h => h.Str("lastCheckedAt") is not null, "the sandbox resync");
        Assert.False(resynced.GetProperty("resyncQueued").GetBoolean());
        Assert.Empty(resynced.Codes());
        Assert.DoesNotContain(Graph.Calls.Skip(calls), c => c.Token is not null && c.Path.Contains(phoneId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_state_is_refreshed_by_the_background_resync_and_a_later_call_reflects_it()
    {
        var (_, key, number, _) = await PartnerAsync();
        Graph.Phones[number.MetaId].QualityRating = "RED";
        Graph.Phones[number.MetaId].MessagingLimitTier = "TIER_250";

        var stale = await key.HealthAsync(number.Id);
        Assert.True(Can(stale, "canSendTemplates"));
        Assert.NotEqual("RED", stale.Str("qualityRating"));
        Assert.True(stale.GetProperty("resyncQueued").GetBoolean());
        Assert.Null(stale.Str("lastCheckedAt"));

        var fresh = await HealthUntilAsync(key, number.Id, h => h.Str("lastCheckedAt") is not null, "the resync with Meta");
        Assert.Equal("RED", fresh.Str("qualityRating"));
        Assert.Equal("TIER_250", fresh.Str("messagingLimitTier"));
        Assert.False(Can(fresh, "canSendTemplates"));
        Assert.True(Can(fresh, "canSendMessages") && Can(fresh, "canReceiveMessages"));
        Assert.Equal(["QUALITY_RED"], fresh.Codes());
        fresh.ReasonsExplainCapabilities();
        // Within the interval the later calls queue no further resync.
        Assert.False(fresh.GetProperty("resyncQueued").GetBoolean());
        Assert.Single(Graph.CallsTo("/" + number.MetaId), c => c.Method == "GET");
    }

    [Fact]
    public async Task A_burst_of_health_calls_queues_one_resync()
    {
        var (_, key, number, _) = await PartnerAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => key.HealthAsync(number.Id)));
        Assert.Equal(1, answers.Count(h => h.GetProperty("resyncQueued").GetBoolean()));
        await HealthUntilAsync(key, number.Id, h => h.Str("lastCheckedAt") is not null, "the resync");
        Assert.Single(Graph.CallsTo("/" + number.MetaId), c => c.Method == "GET");
    }

    [Fact]
    public async Task Every_false_capability_has_a_machine_readable_reason_from_the_stored_state()
    {
        var (admin, key, number, _) = await PartnerAsync();
        await using (var db = Factory.SystemDb())
        {
            await db.PhoneNumbers.Where(p => p.Id == number.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.RegistrationStatus, RegistrationStatus.REGISTRATION_FAILED)
                .SetProperty(p => p.RegistrationError, "(#133005) Two-step verification PIN mismatch")
                .SetProperty(p => p.QualityRating, "FLAGGED"));
            await db.WhatsAppAccounts.Where(a => a.OrganizationId == admin.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(a => a.AppSubscribed, false));
        }
        var health = await key.HealthAsync(number.Id);
        Assert.False(health.GetProperty("isRegistered").GetBoolean());
        Assert.Equal("REGISTRATION_FAILED", health.Str("registrationStatus"));
        Assert.False(Can(health, "canReceiveMessages") || Can(health, "canSendMessages") || Can(health, "canSendTemplates"));
        Assert.Equal(["APP_NOT_SUBSCRIBED", "QUALITY_FLAGGED", "REGISTRATION_FAILED"], health.Codes().Order());
        Assert.Contains("PIN mismatch", health.GetProperty("reasons").EnumerateArray().Single(r => r.Str("code") == "REGISTRATION_FAILED").Str("message"));
        Assert.False(health.GetProperty("appSubscribed").GetBoolean());
        health.ReasonsExplainCapabilities();

        var listed = await (await key.GetAsync($"/v1/phones/{number.Id}")).Data();
        Assert.False(listed.GetProperty("capabilities").GetProperty("canSendMessages").GetBoolean());
    }

    [Fact]
    public async Task A_ban_and_restrictions_from_metas_account_updates_block_what_they_block()
    {
        var (_, key, number, wabaId) = await PartnerAsync();
        // Each update's listener runs from the outbox; one that fails is retried later, so the health is read until the
        // update shows (an older update can never undo a newer one: the next test).
        async Task<JsonElement> AccountUpdateAsync(JsonObject value, Func<JsonElement, bool> applied, string what)
        {
            await (await Factory.CreateClient().SendAsync(Signed(Envelope(wabaId, ("account_update", value))))).ShouldBe(HttpStatusCode.OK);
            await Factory.DrainWebhooksAsync();
            return await HealthUntilAsync(key, number.Id, applied, what);
        }
        static IEnumerable<string?> Restrictions(JsonElement health) => health.GetProperty("restrictions").EnumerateArray().Select(r => r.GetString());

        var banned = await AccountUpdateAsync(new JsonObject { ["event"] = "DISABLED_UPDATE", ["ban_info"] = new JsonObject { ["waba_ban_state"] = "DISABLE", ["waba_ban_date"] = "2026-02-01" } },
            h => h.Str("banState") == "DISABLE", "the ban");
        Assert.Contains("ACCOUNT_DISABLED", banned.Codes());
        Assert.False(Can(banned, "canReceiveMessages") || Can(banned, "canSendMessages") || Can(banned, "canSendTemplates"));
        banned.ReasonsExplainCapabilities();

        await AccountUpdateAsync(new JsonObject { ["event"] = "DISABLED_UPDATE", ["ban_info"] = new JsonObject { ["waba_ban_state"] = "REINSTATE" } },
            h => h.Str("banState") is null, "the reinstatement");
        var restricted = await AccountUpdateAsync(new JsonObject
        {
            ["event"] = "ACCOUNT_RESTRICTION",
            ["restriction_info"] = new JsonArray(new JsonObject { ["restriction_type"] = "RESTRICTED_BIZ_INITIATED_MESSAGING", ["expiration"] = 1_800_000_000 }),
        }, h => Restrictions(h).Any(), "the restriction");
        Assert.Null(restricted.Str("banState"));
        Assert.Equal(["RESTRICTED_BIZ_INITIATED_MESSAGING"], Restrictions(restricted));
        Assert.Equal(["ACCOUNT_RESTRICTED_BUSINESS_INITIATED"], restricted.Codes());
        Assert.True(Can(restricted, "canReceiveMessages") && Can(restricted, "canSendMessages"));
        Assert.False(Can(restricted, "canSendTemplates"));
        restricted.ReasonsExplainCapabilities();

        var noReplies = await AccountUpdateAsync(new JsonObject
        {
            ["event"] = "ACCOUNT_RESTRICTION",
            ["restriction_info"] = new JsonArray(new JsonObject { ["restriction_type"] = "RESTRICTED_CUSTOMER_INITIATED_MESSAGING", ["expiration"] = 1_800_000_000 }),
        }, h => Restrictions(h).Contains("RESTRICTED_CUSTOMER_INITIATED_MESSAGING"), "the second restriction");
        Assert.Equal(["ACCOUNT_RESTRICTED_CUSTOMER_INITIATED"], noReplies.Codes());
        Assert.True(Can(noReplies, "canReceiveMessages"));
        Assert.False(Can(noReplies, "canSendMessages") || Can(noReplies, "canSendTemplates"));
        noReplies.ReasonsExplainCapabilities();

        var lifted = await AccountUpdateAsync(new JsonObject { ["event"] = "ACCOUNT_RESTRICTION", ["restriction_info"] = new JsonArray() },
            h => !Restrictions(h).Any(), "the lifted restrictions");
        Assert.Empty(lifted.Codes());
    }

    [Fact]
    public async Task An_older_account_update_that_arrives_late_does_not_undo_a_newer_one()
    {
        var (admin, key, number, wabaId) = await PartnerAsync();
        var t = DateTimeOffset.UtcNow.AddHours(-1);
        // Each update is sent when the one before is stored, its listener's retries included.
        async Task AccountUpdateAsync(DateTimeOffset? time, JsonObject value)
        {
            await (await Factory.CreateClient().SendAsync(Signed(EnvelopeAt(wabaId, time, ("account_update", value))))).ShouldBe(HttpStatusCode.OK);
            await Factory.DrainWebhooksAsync();
            await Factory.OutboxDrainedAsync(admin.OrganizationId);
        }
        static JsonObject Ban(string state) => new() { ["event"] = "DISABLED_UPDATE", ["ban_info"] = new JsonObject { ["waba_ban_state"] = state } };
        static JsonObject Restriction(params string[] types) => new()
        {
            ["event"] = "ACCOUNT_RESTRICTION",
            ["restriction_info"] = new JsonArray(types.Select(type => (JsonNode)new JsonObject { ["restriction_type"] = type, ["expiration"] = 1_800_000_000 }).ToArray()),
        };
        async Task<(string? Ban, string? Restrictions)> StoredAsync()
        {
            await using var db = Factory.SystemDb();
            var account = await db.WhatsAppAccounts.AsNoTracking().SingleAsync(a => a.WabaId == wabaId);
            return (account.BanState, account.Restrictions);
        }

        // Newer first (Meta's time), then an older one that Meta retried: the newer stays.
        await AccountUpdateAsync(t.AddMinutes(10), Ban("DISABLE"));
        await AccountUpdateAsync(t.AddMinutes(10), Restriction("RESTRICTED_BIZ_INITIATED_MESSAGING"));
        await AccountUpdateAsync(t.AddMinutes(5), Ban("REINSTATE"));
        await AccountUpdateAsync(t.AddMinutes(5), Restriction());
        var health = await HealthUntilAsync(key, number.Id, h => h.Str("banState") == "DISABLE", "the ban");
        Assert.Equal(["RESTRICTED_BIZ_INITIATED_MESSAGING"], health.GetProperty("restrictions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(("DISABLE", "RESTRICTED_BIZ_INITIATED_MESSAGING"), await StoredAsync());

        // The ban and the restrictions have an order each: a newer restriction does not hide an older ban's lifting.
        await AccountUpdateAsync(t.AddMinutes(20), Restriction("RESTRICTED_CUSTOMER_INITIATED_MESSAGING"));
        await AccountUpdateAsync(t.AddMinutes(15), Ban("REINSTATE"));
        Assert.Equal((null, "RESTRICTED_CUSTOMER_INITIATED_MESSAGING"), await StoredAsync());

        // In the same second, the one processed last wins; an update without Meta's time counts as of its processing.
        await AccountUpdateAsync(t.AddMinutes(20), Restriction("RESTRICTED_ADD_PHONE_NUMBER_ACTION"));
        Assert.Equal((null, "RESTRICTED_ADD_PHONE_NUMBER_ACTION"), await StoredAsync());
        await AccountUpdateAsync(null, Restriction());
        Assert.Equal((null, null), await StoredAsync());
        Assert.Empty((await key.HealthAsync(number.Id)).Codes());
    }

    [Fact]
    public async Task A_token_that_meta_refuses_is_found_by_the_resync_and_reported_on_the_next_call()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var key = await Factory.ApiKeyClientAsync(admin);
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId, validToken: false);

        Assert.Empty((await key.HealthAsync(number.Id)).Codes());
        var refused = await HealthUntilAsync(key, number.Id, h => h.Str("lastCheckedAt") is not null, "the resync with Meta");
        Assert.Contains("TOKEN_INVALID", refused.Codes());
        Assert.False(Can(refused, "canSendMessages") || Can(refused, "canReceiveMessages"));
        refused.ReasonsExplainCapabilities();
    }

    [Fact]
    public async Task A_disconnected_account_is_reported_and_refuses_to_send()
    {
        var (admin, key, number, _) = await PartnerAsync();
        var waId = MessagingTestData.NewWaId();
        await Factory.InboundTextAsync(number.MetaId, waId);
        await using (var db = Factory.SystemDb())
            await db.WhatsAppAccounts.Where(a => a.OrganizationId == admin.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, WhatsAppAccountStatus.DISCONNECTED));

        var health = await key.HealthAsync(number.Id);
        Assert.Equal("DISCONNECTED", health.Str("accountStatus"));
        Assert.Contains("ACCOUNT_DISCONNECTED", health.Codes());
        Assert.False(Can(health, "canReceiveMessages") || Can(health, "canSendMessages") || Can(health, "canSendTemplates"));
        health.ReasonsExplainCapabilities();
        await (await key.SendAsync(number.Id, new { type = "text", to = waId, text = "Hello?" })).ShouldFail(HttpStatusCode.Conflict, "CHANNEL_UNAVAILABLE");
        Assert.Empty(Graph.Sends(number.MetaId));
    }
}
