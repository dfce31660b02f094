using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.QuickReplies;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.QuickReplies;

[Collection(SharedApp.Second)]
public sealed class QuickReplyRenderTests(NoJobsAppFactory factory)
{
    private const string Template = "Hi {{contact.name}}, this is {{ agent.name }} from {{organization.name}}. We will call {{Contact.Phone}}. {contact.name}";

    private async Task<(Guid ConversationId, string WaId)> ConversationAsync(Guid organizationId)
    {
        var (_, _, metaId) = await factory.SeedNumberAsync(organizationId);
        var waId = MessagingTestData.NewWaId();
        var (conversationId, _, _) = await factory.InboundTextAsync(metaId, waId);
        return (conversationId, waId);
    }

    [Fact]
    public async Task Rendering_fills_the_contact_agent_and_organization_and_leaves_single_braces()
    {
        var admin = await factory.RegisterOrganizationAsync("Acme Shoes");
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var (conversationId, waId) = await ConversationAsync(admin.OrganizationId);
        var reply = await admin.Client.CreateQuickReplyAsync("callback", Template);
        await (await admin.Client.UploadAsync(reply.Id(), QuickReplyBuilders.Png(), "image/png", "map.png")).ShouldBe(HttpStatusCode.OK);

        var response = await agent.Client.PostAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}/render", new { conversationId });
        await response.ShouldBe(HttpStatusCode.OK);
        var rendered = await response.Data();
        Assert.Equal($"Hi Customer {waId[^4..]}, this is Test AGENT from Acme Shoes. We will call +{waId}. {{contact.name}}", rendered.Str("text"));
        Assert.Equal(reply.Id(), rendered.GetProperty("quickReplyId").GetGuid());
        Assert.Equal(conversationId, rendered.GetProperty("conversationId").GetGuid());
        Assert.Equal("callback", rendered.Str("shortcut"));
        Assert.Equal("map.png", rendered.GetProperty("media").Str("fileName"));
    }

    [Fact]
    public async Task Values_that_are_missing_become_empty()
    {
        var admin = await factory.RegisterOrganizationAsync("Acme Boots");
        var (conversationId, waId) = await ConversationAsync(admin.OrganizationId);
        var reply = await admin.Client.CreateQuickReplyAsync("who", "[{{agent.name}}] {{organization.name}} for {{contact.phone}}");
        var key = await factory.ApiKeyClientAsync(admin);

        var rendered = await (await key.PostAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}/render", new { conversationId })).Data();
        Assert.Equal($"[] Acme Boots for +{waId}", rendered.Str("text"));
    }

    [Fact]
    public void The_renderer_fills_known_placeholders_and_keeps_others_as_written()
    {
        var values = new PlaceholderValues("Ana", null, "Bo", "Acme");
        Assert.Equal("Ana/", QuickReplyRenderer.Render("{{contact.name}}/{{contact.phone}}", values));
        Assert.Equal("Bo @ Acme", QuickReplyRenderer.Render("{{ AGENT.NAME }} @ {{organization.name}}", values));
        Assert.Equal("{{contact.email}} {{ unknown }} {contact.name}", QuickReplyRenderer.Render("{{contact.email}} {{ unknown }} {contact.name}", values));
        Assert.Equal("{{Ana}}", QuickReplyRenderer.Render("{{{{contact.name}}}}", values));
    }

    [Fact]
    public async Task Rendering_needs_an_active_quick_reply_and_a_conversation_of_the_organization()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var (mine, _) = await ConversationAsync(admin.OrganizationId);
        var (theirs, _) = await ConversationAsync(other.OrganizationId);
        var reply = await admin.Client.CreateQuickReplyAsync("hello", "Hello {{contact.name}}");
        var off = await admin.Client.CreateQuickReplyAsync("off", "Old", isActive: false);
        var theirReply = await other.Client.CreateQuickReplyAsync("hello", "Theirs");

        var error = await (await agent.Client.PostAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}/render", new { })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("conversationId", out _));
        await (await agent.Client.PostAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}/render", new { conversationId = theirs })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await agent.Client.PostAsJsonAsync($"/api/v1/quick-replies/{theirReply.Id()}/render", new { conversationId = mine })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await agent.Client.PostAsJsonAsync($"/api/v1/quick-replies/{off.Id()}/render", new { conversationId = mine })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await factory.CreateClient().PostAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}/render", new { conversationId = mine }))
            .ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await agent.Client.PostAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}/render", new { conversationId = mine })).ShouldBe(HttpStatusCode.OK);
    }
}
