using InboxApp.Core.ApiKeys;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Data;

/// <summary>The tenant filter and save guard in <see cref="InboxDbContext"/>, the one place tenancy is enforced.</summary>
[Collection(SharedApp.Name)]
public sealed class TenancyTests(NoJobsAppFactory factory)
{
    private InboxDb Db => factory.Services.GetRequiredService<InboxDb>();

    [Fact]
    public async Task A_tenant_context_sees_only_its_own_organizations_rows()
    {
        var a = await factory.RegisterOrganizationAsync();
        var b = await factory.RegisterOrganizationAsync();
        await SeedKeyAsync(a.OrganizationId, "a-key");
        await SeedKeyAsync(b.OrganizationId, "b-key");

        await using var db = Db.For(a.OrganizationId);
        var keys = await db.ApiKeys.Select(k => k.Name).ToListAsync();
        Assert.Equal(["a-key"], keys);
        Assert.DoesNotContain(await db.Users.Select(u => u.Id).ToListAsync(), id => id == b.UserId);
        Assert.Contains(await db.Users.Select(u => u.Id).ToListAsync(), id => id == a.UserId);
        // Bulk operations are filtered too.
        Assert.Equal(0, await db.ApiKeys.Where(k => k.OrganizationId == b.OrganizationId).ExecuteDeleteAsync());
        await using var system = Db.System();
        Assert.Equal(1, await system.ApiKeys.CountAsync(k => k.OrganizationId == b.OrganizationId));
    }

    [Fact]
    public void A_tenant_query_filters_on_the_organization_alone_so_indexes_starting_with_it_are_usable()
    {
        var organizationId = Guid.NewGuid();
        using var tenant = Db.For(organizationId);
        var sql = tenant.Conversations.Where(c => c.UnreadCount > 0).ToQueryString();
        Assert.Contains("\"OrganizationId\" = @ef_filter__TenantId", sql.Replace("`", "\""));
        // No "@IsSystem OR …": a planner cannot use an (OrganizationId, …) index behind a parameter it does not know.
        Assert.DoesNotContain(" OR ", sql);
        using var system = Db.System();
        Assert.DoesNotContain("ef_filter", system.Conversations.Where(c => c.UnreadCount > 0).ToQueryString());
        // The two models stay apart: a tenant context made after a system context still filters.
        using var tenantAgain = Db.For(organizationId);
        Assert.Contains("@ef_filter__TenantId", tenantAgain.Messages.ToQueryString());
    }

    [Fact]
    public async Task A_tenant_context_refuses_to_write_another_organizations_rows()
    {
        var a = await factory.RegisterOrganizationAsync();
        var b = await factory.RegisterOrganizationAsync();
        var bKey = await SeedKeyAsync(b.OrganizationId, "b-key");

        await using (var db = Db.For(a.OrganizationId))
        {
            db.ApiKeys.Add(NewKey(b.OrganizationId, "smuggled"));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = Db.For(a.OrganizationId))
        {
            var stolen = await db.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == bKey);
            stolen.Name = "renamed";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using var check = Db.System();
        Assert.Equal("b-key", (await check.ApiKeys.SingleAsync(k => k.Id == bKey)).Name);
        Assert.False(await check.ApiKeys.AnyAsync(k => k.Name == "smuggled"));
    }

    [Fact]
    public async Task New_rows_in_a_tenant_context_get_its_organization()
    {
        var a = await factory.RegisterOrganizationAsync();
        await using (var db = Db.For(a.OrganizationId))
        {
            db.ApiKeys.Add(NewKey(Guid.Empty, "implicit"));
            await db.SaveChangesAsync();
        }
        await using var check = Db.System();
        Assert.Equal(a.OrganizationId, (await check.ApiKeys.SingleAsync(k => k.Name == "implicit" && k.OrganizationId == a.OrganizationId)).OrganizationId);
    }

    [Fact]
    public void A_context_needs_an_organization()
    {
        Assert.Throws<ArgumentException>(() => Db.For(Guid.Empty));
    }

    private async Task<Guid> SeedKeyAsync(Guid organizationId, string name)
    {
        await using var db = Db.For(organizationId);
        var key = NewKey(organizationId, name);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return key.Id;
    }

    private static ApiKey NewKey(Guid organizationId, string name) => new()
    {
        OrganizationId = organizationId,
        Name = name,
        Prefix = "sk_org_test",
        KeyHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
