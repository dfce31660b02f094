using System.Net;
using InboxApp.Core.Data;
using InboxApp.Core.Jobs;
using InboxApp.Tests.Jobs;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Events;

[Collection(OutboxFactory.Collection)]
public sealed class OutboxAdminTests(OutboxFactory factory)
{
    [Fact]
    public async Task Admins_and_agents_are_refused_the_outbox_and_its_replay()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await factory.NewCustomerWritesAsync(admin.OrganizationId);
        await using var db = factory.SystemDb();
        var own = await db.OutboxDeliveries.FirstAsync(d => d.OrganizationId == admin.OrganizationId);

        foreach (var member in new[] { admin, agent })
        {
            await (await member.Client.GetAsync("/api/v1/admin/outbox")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.GetAsync("/api/v1/admin/outbox/counts")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.GetAsync($"/api/v1/admin/outbox/{own.Id}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.PostAsync($"/api/v1/admin/outbox/{own.Id}/replay", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
    }

    [Fact]
    public async Task A_super_admin_sees_every_organizations_rows_and_filters_one_while_an_organization_never_sees_anothers()
    {
        var a = await factory.RegisterOrganizationAsync();
        var b = await factory.RegisterOrganizationAsync();
        var contactA = await factory.NewCustomerWritesAsync(a.OrganizationId);
        var contactB = await factory.NewCustomerWritesAsync(b.OrganizationId);
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);

        var onlyA = (await (await root.Client.GetAsync($"/api/v1/admin/outbox?organizationId={a.OrganizationId}&limit=100")).Data()).EnumerateArray().ToList();
        Assert.NotEmpty(onlyA);
        Assert.All(onlyA, r => Assert.Equal(a.OrganizationId, r.GetProperty("organizationId").GetGuid()));
        Assert.Contains(onlyA, r => r.GetProperty("eventType").GetString() == nameof(ContactCreated) && r.GetProperty("status").GetString() == "DELIVERED");
        var contactCreated = onlyA.First(r => r.GetProperty("eventType").GetString() == nameof(ContactCreated));
        // Other listeners (routing, alerts) add rows of other events: the contact's row is the one that names the contact.
        var detail = await (await root.Client.GetAsync($"/api/v1/admin/outbox/{contactCreated.GetProperty("id").GetGuid()}")).Data();
        Assert.Contains(contactA.ToString(), detail.GetProperty("payload").GetString());

        var all = (await (await root.Client.GetAsync("/api/v1/admin/outbox?limit=100")).Data()).EnumerateArray().Select(r => r.GetProperty("organizationId").GetGuid()).ToHashSet();
        Assert.Contains(a.OrganizationId, all);
        Assert.Contains(b.OrganizationId, all);
        var counts = await (await root.Client.GetAsync("/api/v1/admin/outbox/counts")).Data();
        Assert.True(counts.GetProperty("delivered").GetInt32() >= 2);

        // The rows are the organization's own: a context of organization A does not see B's.
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(a.OrganizationId);
        var visible = await db.OutboxDeliveries.Select(d => new { d.OrganizationId, d.Payload }).ToListAsync();
        Assert.Contains(visible, d => d.Payload.Contains(contactA.ToString()));
        Assert.DoesNotContain(visible, d => d.OrganizationId != a.OrganizationId || d.Payload.Contains(contactB.ToString()));
    }

    [Fact]
    public async Task Bad_filters_are_400_and_an_unknown_delivery_is_404()
    {
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        await (await root.Client.GetAsync("/api/v1/admin/outbox?status=LOST")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await root.Client.GetAsync("/api/v1/admin/outbox?organizationId=nope")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await root.Client.GetAsync($"/api/v1/admin/outbox/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await root.Client.PostAsync($"/api/v1/admin/outbox/{Guid.NewGuid()}/replay", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task The_hourly_cleanup_deletes_events_delivered_over_a_week_ago_and_keeps_recent_and_poisoned_ones()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var now = DateTimeOffset.UtcNow;
        OutboxDelivery Row(OutboxDeliveryStatus status, DateTimeOffset at) => new()
        {
            OrganizationId = admin.OrganizationId, EventId = Guid.NewGuid(), EventType = nameof(ContactCreated), Listener = nameof(FlakyContactListener),
            Payload = "{}", CreatedAt = at, NextAttemptAt = at, Status = status, Attempts = 1,
            DeliveredAt = status == OutboxDeliveryStatus.DELIVERED ? at : null,
        };
        var old = Row(OutboxDeliveryStatus.DELIVERED, now.AddDays(-8));
        var recent = Row(OutboxDeliveryStatus.DELIVERED, now.AddDays(-6));
        var poisoned = Row(OutboxDeliveryStatus.POISON, now.AddDays(-30));
        await using (var db = factory.SystemDb())
        {
            db.OutboxDeliveries.AddRange(old, recent, poisoned);
            await db.SaveChangesAsync();
        }

        var root = await factory.SuperAdminAsync();
        var since = DateTimeOffset.UtcNow;
        await (await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{ExpiredTokensCleanupJob.Key}/trigger", null)).ShouldBe(HttpStatusCode.Accepted);
        var job = await root.Client.WaitForJobAsync(ExpiredTokensCleanupJob.Key, j => j.HasRunSince(since));
        Assert.Contains("delivered event(s)", job.GetProperty("lastRun").GetProperty("summary").GetString());

        await using var check = factory.SystemDb();
        var left = await check.OutboxDeliveries.Where(d => d.OrganizationId == admin.OrganizationId).Select(d => d.Id).ToListAsync();
        Assert.Equal(new[] { recent.Id, poisoned.Id }.Order(), left.Order());
    }
}
