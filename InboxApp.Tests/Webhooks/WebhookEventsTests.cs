using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>The event log API: an organization's deliveries with filters, detail and idempotent replay; the super admin's problem list.</summary>
[Collection(SharedApp.Name)]
public sealed class WebhookEventsTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_lists_the_organizations_deliveries_newest_first_with_outcome_and_counts()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var wamid = $"wamid.log{Guid.NewGuid():N}";
        await PostAsync(Messages(metaId, Array(Contact("15551230001", "Log")), Array(Text(wamid, "15551230001", "hello", DateTimeOffset.UtcNow))));
        await PostAsync(Messages(metaId, statuses: Array(Status("wamid.unknown-out", "delivered", DateTimeOffset.UtcNow, "15551230001"))));

        var response = await admin.Client.GetAsync("/api/v1/webhook-events");
        await response.ShouldBe(HttpStatusCode.OK);
        var json = await response.Json();
        var items = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(2, json.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(["statuses"], Kinds(items[0]));
        Assert.Equal(["messages"], Kinds(items[1]));
        Assert.Equal("PROCESSED", items[1].GetProperty("status").GetString());
        Assert.Equal(1, items[1].GetProperty("messageCount").GetInt32());
        Assert.Equal(1, items[1].GetProperty("attempts").GetInt32());
        Assert.False(items[1].TryGetProperty("payload", out _), "the list leaves the payload out");

        var page = await (await admin.Client.GetAsync("/api/v1/webhook-events?limit=1&page=2")).Json();
        Assert.Equal(items[1].GetProperty("id").GetString(), page.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.False(page.GetProperty("meta").GetProperty("pagination").GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task The_list_filters_by_outcome_kind_and_time()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        await PostAsync(Messages(metaId, Array(Contact("15551230002", "F")), Array(Text($"wamid.f{Guid.NewGuid():N}", "15551230002", "hi", DateTimeOffset.UtcNow))));
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var quality = new JsonObject { ["display_phone_number"] = "1555" + metaId[..7], ["event"] = "FLAGGED", ["current_limit"] = "TIER_10K" };
        await PostAsync(Envelope("102290129340398", ("phone_number_quality_update", quality)));

        Assert.Single(await ListAsync(admin, "kind=messages"));
        var flagged = Assert.Single(await ListAsync(admin, "kind=phone_number_quality_update"));
        Assert.Equal(["phone_number_quality_update"], Kinds(flagged));
        Assert.Empty(await ListAsync(admin, "kind=message_template_status_update"));
        Assert.Equal(2, (await ListAsync(admin, "status=processed")).Count);
        Assert.Empty(await ListAsync(admin, "status=FAILED"));
        var since = Uri.EscapeDataString(between.ToString("O"));
        Assert.Equal(["phone_number_quality_update"], Kinds(Assert.Single(await ListAsync(admin, $"from={since}"))));
        Assert.Equal(["messages"], Kinds(Assert.Single(await ListAsync(admin, $"to={since}"))));
        Assert.Empty(await ListAsync(admin, $"from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}"));
    }

    [Theory]
    [InlineData("status=DONE", "status")]
    [InlineData("status=1", "status")]
    [InlineData("kind=Messages;DROP", "kind")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-01-02&to=2026-01-01", "to")]
    [InlineData("limit=1000", "limit")]
    public async Task Invalid_filters_are_refused_with_the_field_named(string query, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.GetAsync("/api/v1/webhook-events?" + query)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details name {field}: {error}");
    }

    [Fact]
    public async Task The_detail_carries_the_raw_payload_as_it_was_signed()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var body = Messages(metaId, Array(Contact("15551230003", "D")), Array(Text($"wamid.d{Guid.NewGuid():N}", "15551230003", "détail ✓", DateTimeOffset.UtcNow)));
        await PostAsync(body);
        var id = (await ListAsync(admin, ""))[0].GetProperty("id").GetString();

        var detail = await (await admin.Client.GetAsync($"/api/v1/webhook-events/{id}")).Data();
        Assert.Equal(body, detail.GetProperty("payload").GetString());
        Assert.Equal("PROCESSED", detail.GetProperty("status").GetString());
        Assert.Equal(admin.OrganizationId.ToString(), detail.GetProperty("organizationId").GetString());
        await (await admin.Client.GetAsync($"/api/v1/webhook-events/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Replaying_a_processed_delivery_reprocesses_it_and_changes_nothing_already_stored()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var wamid = $"wamid.replay{Guid.NewGuid():N}";
        await PostAsync(Messages(metaId, Array(Contact("15551230004", "R")), Array(Text(wamid, "15551230004", "once only", DateTimeOffset.UtcNow))));
        var id = Guid.Parse((await ListAsync(admin, ""))[0].GetProperty("id").GetString()!);
        var before = await SnapshotAsync(admin.OrganizationId);
        await using (var db = factory.SystemDb())
            await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, 3));

        var replay = await admin.Client.PostAsync($"/api/v1/webhook-events/{id}/replay", null);
        await replay.ShouldBe(HttpStatusCode.OK);
        var queued = await replay.Data();
        Assert.Contains(queued.GetProperty("status").GetString(), new[] { "PENDING", "PROCESSING", "PROCESSED" });
        await factory.DrainWebhooksAsync();

        var after = await (await admin.Client.GetAsync($"/api/v1/webhook-events/{id}")).Data();
        Assert.Equal("PROCESSED", after.GetProperty("status").GetString());
        Assert.Equal(1, after.GetProperty("attempts").GetInt32());
        Assert.Equal(0, after.GetProperty("messageCount").GetInt32());
        Assert.Equal(before, await SnapshotAsync(admin.OrganizationId));
        await (await admin.Client.PostAsync($"/api/v1/webhook-events/{Guid.NewGuid()}/replay", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_queued_delivery_is_not_queued_twice()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        await PostAsync(Messages(metaId, Array(Contact("15551230005", "Q")), Array(Text($"wamid.q{Guid.NewGuid():N}", "15551230005", "q", DateTimeOffset.UtcNow))));
        var id = Guid.Parse((await ListAsync(admin, ""))[0].GetProperty("id").GetString()!);
        // Held by another node's unexpired claim: the worker here leaves it alone.
        await using (var db = factory.SystemDb())
            await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.PROCESSING).SetProperty(d => d.ClaimedUntil, DateTimeOffset.UtcNow.AddMinutes(5)));

        try
        {
            await (await admin.Client.PostAsync($"/api/v1/webhook-events/{id}/replay", null)).ShouldFail(HttpStatusCode.Conflict, WebhookEventErrors.AlreadyQueued);
            var detail = await (await admin.Client.GetAsync($"/api/v1/webhook-events/{id}")).Data();
            Assert.Equal("PROCESSING", detail.GetProperty("status").GetString());
        }
        finally
        {
            await using var db = factory.SystemDb();
            await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.PROCESSED).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null));
        }
    }

    [Fact]
    public async Task An_unroutable_delivery_shows_to_the_super_admin_and_replays_once_the_number_is_connected()
    {
        var metaId = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();
        var wamid = $"wamid.late{Guid.NewGuid():N}";
        var body = Messages(metaId, Array(Contact("15551230006", "Early")), Array(Text(wamid, "15551230006", "before you connected", DateTimeOffset.UtcNow)));
        await PostAsync(body);
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var problems = await (await root.Client.GetAsync("/api/v1/admin/webhook-events?status=UNROUTABLE&limit=100")).Json();
        var problem = problems.GetProperty("data").EnumerateArray().Single(e => e.GetProperty("error").GetString()!.Contains(metaId));
        var id = problem.GetProperty("id").GetString();
        Assert.False(problem.TryGetProperty("organizationId", out _));
        Assert.Equal(body, (await (await root.Client.GetAsync($"/api/v1/admin/webhook-events/{id}")).Data()).GetProperty("payload").GetString());
        await (await root.Client.GetAsync("/api/v1/admin/webhook-events?status=PROCESSED")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.GetAsync($"/api/v1/webhook-events/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await factory.SeedNumberAsync(admin.OrganizationId, metaPhoneNumberId: metaId);
        await (await root.Client.PostAsync($"/api/v1/admin/webhook-events/{id}/replay", null)).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        var routed = await (await admin.Client.GetAsync($"/api/v1/webhook-events/{id}")).Data();
        Assert.Equal("PROCESSED", routed.GetProperty("status").GetString());
        Assert.Equal(1, routed.GetProperty("messageCount").GetInt32());
        await using var db = factory.SystemDb();
        Assert.Equal(admin.OrganizationId, (await db.Messages.SingleAsync(m => m.WaMessageId == wamid)).OrganizationId);
    }

    [Fact]
    public async Task Another_organizations_events_are_invisible_on_every_endpoint()
    {
        var a = await factory.RegisterOrganizationAsync();
        var b = await factory.RegisterOrganizationAsync();
        var (_, _, metaB) = await factory.SeedNumberAsync(b.OrganizationId);
        await PostAsync(Messages(metaB, Array(Contact("15551230007", "B")), Array(Text($"wamid.b{Guid.NewGuid():N}", "15551230007", "for b", DateTimeOffset.UtcNow))));
        var idB = (await ListAsync(b, ""))[0].GetProperty("id").GetString();

        Assert.Empty(await ListAsync(a, ""));
        await (await a.Client.GetAsync($"/api/v1/webhook-events/{idB}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await a.Client.PostAsync($"/api/v1/webhook-events/{idB}/replay", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await b.Client.GetAsync($"/api/v1/webhook-events/{idB}")).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("AGENT")]
    [InlineData("SUPERVISOR")]
    public async Task Members_below_admin_cannot_use_the_event_log(string role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var member = await factory.AddMemberAsync(admin, role);
        await (await member.Client.GetAsync("/api/v1/webhook-events")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.GetAsync($"/api/v1/webhook-events/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.PostAsync($"/api/v1/webhook-events/{Guid.NewGuid()}/replay", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Organization_admins_cannot_use_the_platform_list_and_nobody_unsigned_can_use_either()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.GetAsync("/api/v1/admin/webhook-events")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await admin.Client.GetAsync($"/api/v1/admin/webhook-events/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await admin.Client.PostAsync($"/api/v1/admin/webhook-events/{Guid.NewGuid()}/replay", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/webhook-events")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await anonymous.GetAsync("/api/v1/admin/webhook-events")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    private async Task PostAsync(string body)
    {
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
    }

    private static async Task<List<JsonElement>> ListAsync(SignedIn admin, string query)
    {
        var response = await admin.Client.GetAsync("/api/v1/webhook-events?" + query);
        await response.ShouldBe(HttpStatusCode.OK);
        return (await response.Data()).EnumerateArray().ToList();
    }

    private static string[] Kinds(JsonElement e) => e.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()!).ToArray();

    /// <summary>Everything the processor writes for an organization, as one comparable string.</summary>
    private async Task<string> SnapshotAsync(Guid organizationId)
    {
        await using var db = factory.SystemDb();
        var messages = await db.Messages.Where(m => m.OrganizationId == organizationId).OrderBy(m => m.Id).Select(m => m.Id + m.Status.ToString()).ToListAsync();
        var conversations = await db.Conversations.Where(c => c.OrganizationId == organizationId).OrderBy(c => c.Id)
            .Select(c => c.Id + ":" + c.UnreadCount + ":" + c.LastMessagePreview).ToListAsync();
        var contacts = await db.Contacts.CountAsync(c => c.OrganizationId == organizationId);
        return string.Join("|", messages) + "#" + string.Join("|", conversations) + "#" + contacts;
    }
}
