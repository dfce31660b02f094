using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Events;
using InboxApp.Core.OptOuts;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Routing.RoutingTestKit;

namespace InboxApp.Tests.OptOuts;

/// <summary>Customers opting out and back in by keyword: sandbox customers write through the real webhook pipeline and the outbox.</summary>
[Collection(SharedApp.Second)]
public sealed class OptOutKeywordTests(NoJobsAppFactory factory)
{
    private async Task<List<string?>> OutboundTextsAsync(Guid conversationId)
    {
        await using var db = factory.SystemDb();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.OUTBOUND)
            .OrderBy(m => m.CreatedAt).Select(m => m.Text).ToListAsync();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/opt-outs");
        await response.ShouldBe(HttpStatusCode.OK);
        return (await response.Data()).EnumerateArray().ToList();
    }

    private static async Task<Guid> WritesAsync(HttpClient admin, Guid conversationId, string text)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, text });
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).GetProperty("messageId").GetGuid();
    }

    [Fact]
    public async Task Stop_puts_the_customer_on_the_list_with_one_confirmation_and_start_takes_them_off()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await SandboxNumberAsync(admin.Client);
        var phone = Phone();

        var conversationId = await factory.CustomerWritesAsync(admin.Client, phone, " stop ");
        await MessagingTestData.EventuallyAsync(async () => (await OutboundTextsAsync(conversationId)).Count > 0, "the opt-out confirmation");
        var entry = Assert.Single(await ListAsync(admin.Client));
        Assert.Equal(phone, entry.GetProperty("phone").GetString());
        Assert.Equal("KEYWORD", entry.GetProperty("source").GetString());
        Assert.Equal("STOP", entry.GetProperty("keyword").GetString());
        Assert.True(entry.TryGetProperty("contactId", out _));

        // Writing it again changes nothing and confirms nothing.
        await WritesAsync(admin.Client, conversationId, "STOP!");
        await factory.OutboxDrainedAsync(admin.OrganizationId);
        Assert.Equal([OptOutKeywords.DefaultOptOutReply], await OutboundTextsAsync(conversationId));
        Assert.Equal(entry.GetProperty("id").GetGuid(), Assert.Single(await ListAsync(admin.Client)).GetProperty("id").GetGuid());

        await WritesAsync(admin.Client, conversationId, "Start");
        await MessagingTestData.EventuallyAsync(async () => (await OutboundTextsAsync(conversationId)).Count > 1, "the re-subscribe confirmation");
        Assert.Empty(await ListAsync(admin.Client));
        Assert.Equal([OptOutKeywords.DefaultOptOutReply, OptOutKeywords.DefaultOptInReply], await OutboundTextsAsync(conversationId));
    }

    [Fact]
    public async Task Only_a_whole_message_matches_and_accents_and_case_do_not_matter()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await SandboxNumberAsync(admin.Client);
        await (await admin.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new
        {
            keywordsEnabled = true, stopKeywords = new[] { "ARRÊT" }, startKeywords = new[] { "START" }, optOutReply = "Vous êtes désabonné.", optInReply = "",
        })).ShouldBe(HttpStatusCode.OK);

        var conversationId = await factory.CustomerWritesAsync(admin.Client, Phone(), "Please stop the arret of my order", "STOP");
        await factory.OutboxDrainedAsync(admin.OrganizationId);
        Assert.Empty(await ListAsync(admin.Client));
        Assert.Empty(await OutboundTextsAsync(conversationId));

        await WritesAsync(admin.Client, conversationId, "arret.");
        await MessagingTestData.EventuallyAsync(async () => (await OutboundTextsAsync(conversationId)).Count > 0, "the confirmation");
        Assert.Equal("ARRET", Assert.Single(await ListAsync(admin.Client)).GetProperty("keyword").GetString());
        Assert.Equal(["Vous êtes désabonné."], await OutboundTextsAsync(conversationId));
    }

    [Fact]
    public async Task A_second_delivery_of_the_same_event_neither_changes_the_list_nor_confirms_again()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await SandboxNumberAsync(admin.Client);
        var conversationId = await factory.CustomerWritesAsync(admin.Client, Phone(), "UNSUBSCRIBE");
        await MessagingTestData.EventuallyAsync(async () => (await OutboundTextsAsync(conversationId)).Count > 0, "the confirmation");
        Guid keywordMessage;
        await using (var db = factory.SystemDb())
            keywordMessage = await db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.INBOUND).Select(m => m.Id).SingleAsync();

        // The outbox delivers at least once: the listener may see the event again.
        var listener = factory.Services.GetRequiredService<OptOutKeywordListener>();
        await listener.HandleAsync(new MessageReceived(admin.OrganizationId, conversationId, keywordMessage), CancellationToken.None);
        await listener.HandleAsync(new MessageReceived(admin.OrganizationId, conversationId, keywordMessage), CancellationToken.None);

        Assert.Single(await OutboundTextsAsync(conversationId));
        Assert.Single(await ListAsync(admin.Client));
    }

    [Fact]
    public async Task Keywords_switched_off_leave_the_list_alone()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await SandboxNumberAsync(admin.Client);
        await (await admin.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new { keywordsEnabled = false, stopKeywords = new[] { "STOP" } })).ShouldBe(HttpStatusCode.OK);

        var conversationId = await factory.CustomerWritesAsync(admin.Client, Phone(), "STOP");
        await factory.OutboxDrainedAsync(admin.OrganizationId);
        Assert.Empty(await ListAsync(admin.Client));
        Assert.Empty(await OutboundTextsAsync(conversationId));
        Assert.Equal(0, await KeywordRowsAsync(admin.OrganizationId)); // nothing to do: the message wrote no outbox row for it

        // On again: the very next message is checked (the listener's cached "not interested" was dropped by the change).
        await (await admin.Client.PutAsJsonAsync("/api/v1/opt-outs/settings", new { keywordsEnabled = true, stopKeywords = new[] { "STOP" } })).ShouldBe(HttpStatusCode.OK);
        await WritesAsync(admin.Client, conversationId, "STOP");
        Assert.Equal(1, await KeywordRowsAsync(admin.OrganizationId));
        await MessagingTestData.EventuallyAsync(async () => (await ListAsync(admin.Client)).Count == 1, "the customer on the list");
    }

    private async Task<int> KeywordRowsAsync(Guid org)
    {
        await using var db = factory.SystemDb();
        return await db.OutboxDeliveries.CountAsync(d => d.OrganizationId == org && d.Listener == nameof(OptOutKeywordListener));
    }
}
