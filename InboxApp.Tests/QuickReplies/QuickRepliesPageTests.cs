using System.Net;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.QuickReplies;

/// <summary>The prerendered quick replies page, and the attachment served to a signed-in browser.</summary>
[Collection(SharedApp.Second)]
public sealed class QuickRepliesPageTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_sees_every_quick_reply_with_its_shortcut_and_actions()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.Client.CreateQuickReplyAsync("greeting", "Hello {{contact.name}}", title: "Warm hello", category: "Openers");
        await admin.Client.CreateQuickReplyAsync("retired", "Old text", isActive: false);

        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/quick-replies");
        Assert.Contains("<h1>Quick replies</h1>", html);
        Assert.Contains("aria-label=\"New quick reply\"", html);
        Assert.Contains("/greeting", html);
        Assert.Contains("Warm hello", html);
        Assert.Contains("Openers", html);
        Assert.Contains("/retired", html);
        Assert.Contains("aria-label=\"Edit /greeting\"", html);
        Assert.Contains("aria-label=\"Attachment of /greeting\"", html);
        Assert.Contains("href=\"/settings/quick-replies\"", html);
    }

    [Theory]
    [InlineData("AGENT")]
    [InlineData("SUPERVISOR")]
    public async Task Members_who_are_not_admins_are_told_admins_manage_quick_replies(string role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.Client.CreateQuickReplyAsync("internal");
        var member = await factory.AddMemberAsync(admin, role);
        var html = await (await factory.SignInWithCookieAsync(member.Email, member.Password)).PageAsync("/settings/quick-replies");
        Assert.Contains("Quick replies are managed by admins", html);
        Assert.DoesNotContain("/internal", html);
        Assert.DoesNotContain("href=\"/settings/quick-replies\"", html);
    }

    [Fact]
    public async Task The_attachment_is_served_to_a_browser_signed_in_with_the_cookie()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var reply = await admin.Client.CreateQuickReplyAsync("logo");
        var png = QuickReplyBuilders.Png();
        await (await admin.Client.UploadAsync(reply.Id(), png, "image/png", "logo.png")).ShouldBe(HttpStatusCode.OK);

        var browser = await factory.SignInWithCookieAsync(agent.Email, agent.Password);
        var response = await browser.GetAsync($"/api/v1/quick-replies/{reply.Id()}/media");
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
    }
}
