using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Bootstrap;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Sandbox;

public sealed class DemoSeedApp : InboxAppFactory
{
    public DemoSeedApp()
    {
        With("Demo:Seed", "true");
        With("Sandbox:SentDelayMs", "20");
        With("Sandbox:DeliveredDelayMs", "40");
        With("Sandbox:ReadDelayMs", "60");
    }
}

public sealed class DemoInboxSeedTests(DemoSeedApp factory) : IClassFixture<DemoSeedApp>
{
    [Fact]
    public async Task The_demo_organization_gets_a_sandbox_number_and_a_live_inbox_once()
    {
        _ = factory.Server;
        Guid orgId;
        int conversations, messages;
        await using (var db = factory.SystemDb())
        {
            orgId = await db.Organizations.Where(o => o.Slug == BootstrapService.DemoOrganizationSlug).Select(o => o.Id).SingleAsync();
            var number = await db.PhoneNumbers.Include(p => p.Account).SingleAsync(p => p.OrganizationId == orgId);
            Assert.Equal(PhoneNumberKind.SANDBOX, number.Kind);
            Assert.True(number.Account!.IsSandbox);
            var all = await db.Conversations.Where(c => c.OrganizationId == orgId).ToListAsync();
            conversations = all.Count;
            messages = await db.Messages.CountAsync(m => m.OrganizationId == orgId);
            Assert.InRange(conversations, 5, 8);
            var now = DateTimeOffset.UtcNow;
            Assert.Contains(all, c => !c.IsWindowOpen(now));
            Assert.True(all.Count(c => c.IsWindowOpen(now)) >= 4);
            Assert.Contains(all, c => c.UnreadCount > 0);
            Assert.True(await db.Messages.AnyAsync(m => m.OrganizationId == orgId && m.Status == MessageStatus.FAILED && m.ErrorCode != null));
            Assert.True(await db.Messages.AnyAsync(m => m.OrganizationId == orgId && m.Direction == MessageDirection.OUTBOUND && m.Status == MessageStatus.READ && m.SentById != null));
            Assert.True(await db.Contacts.AnyAsync(c => c.OrganizationId == orgId && c.WaId == null && c.Bsuid != null));
        }

        await factory.Services.GetRequiredService<BootstrapService>().RunAsync();
        await using (var db = factory.SystemDb())
        {
            Assert.Equal(conversations, await db.Conversations.CountAsync(c => c.OrganizationId == orgId));
            Assert.Equal(messages, await db.Messages.CountAsync(m => m.OrganizationId == orgId));
            Assert.Equal(1, await db.WhatsAppAccounts.CountAsync(a => a.OrganizationId == orgId));
        }

        // The demo inbox is live: an agent's reply goes out through the sandbox and gets read.
        var agent = await factory.LoginAsync("agent1@acme.test", "Acme-Demo-2026");
        Guid open;
        await using (var db = factory.SystemDb())
        {
            var now = DateTimeOffset.UtcNow;
            open = (await db.Conversations.Where(c => c.OrganizationId == orgId).ToListAsync()).First(c => c.IsWindowOpen(now)).Id;
        }
        var reply = await agent.Client.PostAsJsonAsync($"/api/v1/conversations/{open}/messages", new { type = "text", text = "On it!" });
        await reply.ShouldBe(HttpStatusCode.Created);
        var id = (await reply.Data()).GetProperty("id").GetGuid();
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            return await db.Messages.AnyAsync(m => m.Id == id && m.Status == MessageStatus.READ);
        }, "the demo reply to be read");
    }

    [Fact]
    public async Task The_demo_organization_gets_quick_replies_tags_and_teams_once_that_its_people_can_use()
    {
        _ = factory.Server;
        var admin = await factory.LoginAsync("admin@acme.test", "Acme-Demo-2026");
        var agent = await factory.LoginAsync("agent1@acme.test", "Acme-Demo-2026");

        var replies = (await (await agent.Client.GetAsync("/api/v1/quick-replies")).Data()).EnumerateArray().ToList();
        Assert.InRange(replies.Count, 3, 10);
        Assert.Contains(replies, r => r.GetProperty("shortcut").GetString() == "greeting" && r.GetProperty("text").GetString()!.Contains("{{contact.name}}"));
        var tags = (await (await admin.Client.GetAsync("/api/v1/tags")).Data()).EnumerateArray().ToList();
        Assert.InRange(tags.Count, 3, 10);
        Assert.Contains(tags, t => t.GetProperty("usageCount").GetInt32() > 0);
        var teams = (await (await admin.Client.GetAsync("/api/v1/teams")).Data()).EnumerateArray().ToList();
        Assert.InRange(teams.Count, 2, 5);
        Assert.All(teams, t => Assert.True(t.GetProperty("memberCount").GetInt32() > 0));

        // The shortcut renders for a demo conversation: the placeholders are ones the renderer knows.
        Guid conversation;
        await using (var db = factory.SystemDb())
        {
            var orgId = await db.Organizations.Where(o => o.Slug == BootstrapService.DemoOrganizationSlug).Select(o => o.Id).SingleAsync();
            conversation = await db.Conversations.Where(c => c.OrganizationId == orgId).Select(c => c.Id).FirstAsync();
        }
        var greeting = replies.First(r => r.GetProperty("shortcut").GetString() == "greeting").GetProperty("id").GetGuid();
        var rendered = await (await agent.Client.PostAsJsonAsync($"/api/v1/quick-replies/{greeting}/render", new { conversationId = conversation })).Data();
        Assert.DoesNotContain("{{", rendered.GetProperty("text").GetString());

        await factory.Services.GetRequiredService<BootstrapService>().RunAsync();
        Assert.Equal(replies.Count, (await (await agent.Client.GetAsync("/api/v1/quick-replies")).Data()).GetArrayLength());
        Assert.Equal(tags.Count, (await (await admin.Client.GetAsync("/api/v1/tags")).Data()).GetArrayLength());
        Assert.Equal(teams.Count, (await (await admin.Client.GetAsync("/api/v1/teams")).Data()).GetArrayLength());
    }
}
