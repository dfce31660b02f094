using System.Net.Http.Json;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;

namespace InboxApp.Tests.OutgoingWebhooks;

/// <summary>Settings › Webhooks as the server renders it.</summary>
[Collection(SharedApp.Name)]
public sealed class OutgoingWebhooksPageTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_without_webhooks_sees_the_form_with_every_event()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/webhooks");
        Assert.Contains("data-testid=\"webhooks-empty\"", html);
        Assert.Contains(">Endpoint URL</label>", html);
        foreach (var name in Core.OutgoingWebhooks.OutgoingWebhookEvents.All) Assert.Contains(name, html);
        Assert.Contains("Add webhook", html);
        Assert.Contains("href=\"/settings/webhooks\"", html); // in the navigation
    }

    [Fact]
    public async Task Admin_sees_webhooks_with_a_hint_of_the_secret_but_never_the_secret()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await (await admin.Client.PostAsJsonAsync("/v1/outgoing-webhooks",
            new { url = "https://93.184.215.14/partner/hook", events = new[] { "message.received", "conversation.resolved" } })).Data();
        var secret = created.GetProperty("secret").GetString()!;
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/webhooks");
        Assert.Contains("https://93.184.215.14/partner/hook", html);
        Assert.Contains("message.received, conversation.resolved", html);
        Assert.Contains(secret[^4..], html);
        Assert.DoesNotContain(secret, html);
        Assert.DoesNotContain("data-testid=\"webhooks-empty\"", html);
        Assert.Contains("aria-label=\"Deliveries of https://93.184.215.14/partner/hook\"", html);
    }

    [Theory]
    [InlineData(UserRole.AGENT)]
    [InlineData(UserRole.SUPERVISOR)]
    public async Task Members_who_are_not_admins_are_told_only_admins_manage_webhooks(UserRole role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.Client.PostAsJsonAsync("/v1/outgoing-webhooks", new { url = "https://93.184.215.14/hidden", events = new[] { "message.received" } });
        var member = await factory.AddMemberAsync(admin, role.ToString());
        var html = await (await factory.SignInWithCookieAsync(member.Email, member.Password)).PageAsync("/settings/webhooks");
        Assert.Contains("data-testid=\"admins-only\"", html);
        Assert.DoesNotContain("93.184.215.14/hidden", html);
        Assert.DoesNotContain("href=\"/settings/webhooks\"", html);
    }
}
