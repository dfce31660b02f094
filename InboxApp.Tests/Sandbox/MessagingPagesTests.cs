using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.Profile;

namespace InboxApp.Tests.Sandbox;

[Collection(GraphBackedApp.Collection)]
public sealed class MessagingPagesTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;

    [Fact]
    public async Task The_sandbox_page_offers_to_create_a_number_then_lists_its_conversations()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var browser = await Factory.SignInWithCookieAsync(admin.Email, admin.Password);
        var empty = await browser.PageAsync("/sandbox");
        Assert.Contains("data-testid=\"sandbox-empty\"", empty);
        Assert.Contains("Create a sandbox number", empty);

        await admin.Client.PostAsync("/api/v1/sandbox/numbers", null);
        await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", new { contact = new { name = "Greta Lindqvist" }, messages = new[] { "Hej!" } });
        var html = await browser.PageAsync("/sandbox");
        Assert.DoesNotContain("data-testid=\"sandbox-empty\"", html);
        Assert.Contains("Greta Lindqvist", html);
        Assert.Contains("Start conversation", html);
    }

    [Fact]
    public async Task The_failed_messages_page_shows_failures_to_admins_only()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await admin.Client.PostAsync("/api/v1/sandbox/numbers", null);
        var conversationId = (await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", new { contact = new { name = "Ola" }, messages = new[] { "Hi" } })).Data())
            .GetProperty("conversationId").GetGuid();
        var failed = (await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text = "Bounces on purpose #fail:131026" })).Data())
            .GetProperty("id").GetGuid();
        await MessagingTestData.EventuallyAsync(async () =>
            (await (await admin.Client.GetAsync("/api/v1/messages/failed")).Data()).GetArrayLength() == 1, "the failure to be listed");

        var html = await (await Factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/failed-messages");
        Assert.Contains("data-testid=\"failed-grid\"", html);
        Assert.Contains("Bounces on purpose", html);
        Assert.Contains("131026", html);
        Assert.NotEqual(Guid.Empty, failed);

        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        var agentHtml = await (await Factory.SignInWithCookieAsync(agent.Email, agent.Password)).PageAsync("/settings/failed-messages");
        Assert.Contains("managed by admins", agentHtml);
        Assert.DoesNotContain("Bounces on purpose", agentHtml);
    }
}
