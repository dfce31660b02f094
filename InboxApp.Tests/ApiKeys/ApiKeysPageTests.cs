using System.Net.Http.Json;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;

namespace InboxApp.Tests.ApiKeys;

[Collection(SharedApp.Name)]
public sealed class ApiKeysPageTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_without_keys_sees_what_keys_are_for_and_a_link_to_the_api_docs()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/api-keys");
        Assert.Contains("data-testid=\"api-keys-empty\"", html);
        Assert.Contains("href=\"/api-docs\"", html);
        Assert.Contains(">Name</label>", html);
        Assert.Contains(">Create<", html);
        Assert.DoesNotContain("data-testid=\"new-api-key\"", html);
    }

    [Fact]
    public async Task Admin_sees_keys_by_name_and_prefix_but_never_the_full_key()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Warehouse sync" })).Data();
        var key = created.GetProperty("key").GetString()!;
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/api-keys");
        Assert.Contains("Warehouse sync", html);
        Assert.Contains($"{key[..15]}…", html);
        Assert.DoesNotContain(key, html);
        Assert.DoesNotContain("data-testid=\"api-keys-empty\"", html);
    }

    [Theory]
    [InlineData(UserRole.AGENT)]
    [InlineData(UserRole.SUPERVISOR)]
    public async Task Members_who_are_not_admins_are_told_only_admins_manage_keys(UserRole role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Hidden key" });
        var member = await factory.AddMemberAsync(admin, role.ToString());
        var html = await (await factory.SignInWithCookieAsync(member.Email, member.Password)).PageAsync("/settings/api-keys");
        Assert.Contains("data-testid=\"admins-only\"", html);
        Assert.Contains("Only admins", html);
        Assert.DoesNotContain("Hidden key", html);
        Assert.DoesNotContain(">Create<", html);
    }
}
