using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;

namespace InboxApp.Tests.SharedInboxLinks;

[Collection(SharedApp.Second)]
public sealed class SharedInboxLinksPageTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_sees_links_by_name_and_prefix_but_never_their_url()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var number = await SharedInboxTestData.SandboxNumberAsync(admin);
        var link = await admin.Client.CreateLinkAsync(number, name: "Agency in Porto");
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/shared-inbox-links");
        Assert.Contains("Agency in Porto", html);
        Assert.Contains($"/s/{link.Token[..8]}…", html);
        Assert.DoesNotContain(link.Token, html);
        Assert.Contains(">Read the inbox</", html);
        Assert.Contains("aria-label=\"Revoke Agency in Porto\"", html);
    }

    [Fact]
    public async Task Admin_without_numbers_is_told_to_connect_one_first()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/shared-inbox-links");
        Assert.Contains("data-testid=\"no-numbers\"", html);
        Assert.Contains("data-testid=\"links-empty\"", html);
    }

    [Theory]
    [InlineData(UserRole.AGENT)]
    [InlineData(UserRole.SUPERVISOR)]
    public async Task Members_who_are_not_admins_are_told_only_admins_share_inboxes(UserRole role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var number = await SharedInboxTestData.SandboxNumberAsync(admin);
        await admin.Client.CreateLinkAsync(number, name: "Hidden link");
        var member = await factory.AddMemberAsync(admin, role.ToString());
        var html = await (await factory.SignInWithCookieAsync(member.Email, member.Password)).PageAsync("/settings/shared-inbox-links");
        Assert.Contains("data-testid=\"admins-only\"", html);
        Assert.DoesNotContain("Hidden link", html);
    }
}
