using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Messaging;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Sandbox;

[Collection(GraphBackedApp.Collection)]
public sealed class SandboxTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;

    private static async Task<Guid> CreateNumberAsync(SignedIn admin)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Test sandbox" });
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> SimulateAsync(SignedIn admin, object body)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", body);
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    private async Task<MessageStatus> StatusOfAsync(Guid messageId)
    {
        await using var db = Factory.SystemDb();
        return await db.Messages.Where(m => m.Id == messageId).Select(m => m.Status).SingleAsync();
    }

    [Fact]
    public async Task Creating_a_sandbox_number_gives_a_registered_number_with_every_capability()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await (await admin.Client.GetAsync("/api/v1/sandbox/numbers")).ShouldBe(HttpStatusCode.OK);
        var response = await admin.Client.PostAsync("/api/v1/sandbox/numbers", null);
        await response.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Data()).GetProperty("id").GetGuid();

        await using var db = Factory.SystemDb();
        var number = await db.PhoneNumbers.Include(p => p.Account).SingleAsync(p => p.Id == id);
        Assert.Equal(admin.OrganizationId, number.OrganizationId);
        Assert.Equal(PhoneNumberKind.SANDBOX, number.Kind);
        Assert.StartsWith("sandbox-", number.MetaPhoneNumberId);
        Assert.StartsWith("sandbox-", number.Account!.WabaId);
        Assert.True(number.Account.IsSandbox);
        Assert.Equal(RegistrationStatus.REGISTERED, number.RegistrationStatus);
        Assert.True(number.CanReceiveMessages && number.CanSendMessages && number.CanSendTemplates);
        var list = await (await admin.Client.GetAsync("/api/v1/sandbox/numbers")).Data();
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetGuid());

        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        await (await agent.Client.PostAsync("/api/v1/sandbox/numbers", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.GetAsync("/api/v1/sandbox/numbers")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Sandbox_round_trip_from_a_simulated_customer_to_a_read_reply()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var numberId = await CreateNumberAsync(admin);
        var simulated = await SimulateAsync(admin, new { contact = new { name = "Maria Gomez", phone = "+54 9 11 5555-1234" }, messages = new[] { "Hola!", "My order is late" } });
        var conversationId = simulated.GetProperty("conversationId").GetGuid();
        Assert.Equal(numberId, simulated.GetProperty("phoneNumberId").GetGuid());
        Assert.Equal(2, simulated.GetProperty("messageIds").GetArrayLength());

        await using (var db = Factory.SystemDb())
        {
            var inbound = await db.Messages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Timestamp).ToListAsync();
            Assert.Equal(["Hola!", "My order is late"], inbound.Select(m => m.Text));
            Assert.All(inbound, m => Assert.Equal(MessageStatus.RECEIVED, m.Status));
            var conversation = await db.Conversations.Include(c => c.Contact).SingleAsync(c => c.Id == conversationId);
            Assert.Equal(admin.OrganizationId, conversation.OrganizationId);
            Assert.Equal("Maria Gomez", conversation.Contact!.ProfileName);
            Assert.Equal("5491155551234", conversation.Contact.ReplyTo);
            Assert.Equal(2, conversation.UnreadCount);
            // Injected through the same pipeline as Meta's traffic.
            Assert.True(await db.WebhookDeliveries.AnyAsync(d => d.Id == simulated.GetProperty("deliveryId").GetGuid() && d.Status == WebhookDeliveryStatus.PROCESSED));
        }

        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        var reply = await (await agent.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text = "Let me check that for you" })).Data();
        var replyId = reply.GetProperty("id").GetGuid();
        Assert.StartsWith("wamid.SBX", reply.GetProperty("waMessageId").GetString());
        await MessagingTestData.EventuallyAsync(async () => await StatusOfAsync(replyId) == MessageStatus.READ, "the reply to be read");

        await using var check = Factory.SystemDb();
        var message = await check.Messages.SingleAsync(m => m.Id == replyId);
        Assert.NotNull(message.SentAt);
        Assert.NotNull(message.DeliveredAt);
        Assert.NotNull(message.ReadAt);
        var wamid = message.WaMessageId!;
        // The worker records a delivery's outcome (and its organization) just after the processor's commit made the message READ.
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = Factory.SystemDb();
            return await db.WebhookDeliveries.CountAsync(d => d.Payload.Contains(wamid) && d.Status == WebhookDeliveryStatus.PROCESSED) == 3;
        }, "the three status deliveries to be recorded");
        var statusDeliveries = await check.WebhookDeliveries.Where(d => d.OrganizationId == admin.OrganizationId && d.Payload.Contains(wamid)).ToListAsync();
        Assert.Equal(3, statusDeliveries.Count);
        Assert.All(statusDeliveries, d => Assert.Equal(WebhookDeliveryStatus.PROCESSED, d.Status));
    }

    [Fact]
    public async Task Sandbox_failures_come_from_a_text_marker_or_an_armed_failure_and_reach_the_failed_list()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await CreateNumberAsync(admin);
        var conversationId = (await SimulateAsync(admin, new { contact = new { name = "Lukas" }, messages = new[] { "Hi" } })).GetProperty("conversationId").GetGuid();
        var url = $"/api/v1/conversations/{conversationId}/messages";

        var marked = (await (await admin.Client.PostAsJsonAsync(url, new { type = "text", text = "This will bounce #fail" })).Data()).GetProperty("id").GetGuid();
        await MessagingTestData.EventuallyAsync(async () => await StatusOfAsync(marked) == MessageStatus.FAILED, "the marked reply to fail");

        var armed = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/next-failure", new { conversationId, errorCode = 131047 });
        await armed.ShouldBe(HttpStatusCode.Created);
        var failing = (await (await admin.Client.PostAsJsonAsync(url, new { type = "text", text = "Armed" })).Data()).GetProperty("id").GetGuid();
        await MessagingTestData.EventuallyAsync(async () => await StatusOfAsync(failing) == MessageStatus.FAILED, "the armed reply to fail");
        var fine = (await (await admin.Client.PostAsJsonAsync(url, new { type = "text", text = "Used once" })).Data()).GetProperty("id").GetGuid();
        await MessagingTestData.EventuallyAsync(async () => await StatusOfAsync(fine) == MessageStatus.READ, "the next reply to be read");

        // A synchronous Graph error (130429) is retried by the sender and then goes out.
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/next-failure", new { conversationId, errorCode = 130429 })).ShouldBe(HttpStatusCode.Created);
        var throttled = await (await admin.Client.PostAsJsonAsync(url, new { type = "text", text = "Throttled once" })).Data();
        Assert.StartsWith("wamid.SBX", throttled.GetProperty("waMessageId").GetString());

        var failed = (await (await admin.Client.GetAsync("/api/v1/messages/failed")).Data()).EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetGuid(), f => f.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(new Dictionary<Guid, string?> { [marked] = "131026", [failing] = "131047" }, failed);
    }

    [Fact]
    public async Task Simulated_customer_messages_reactions_and_batches_go_through_the_pipeline()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await CreateNumberAsync(admin);
        var conversationId = (await SimulateAsync(admin, new { contact = new { name = "Sam", userId = "US.1349120865530274" }, messages = new[] { "Hi" } }))
            .GetProperty("conversationId").GetGuid();
        var reply = (await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text = "Hello Sam" })).Data()).GetProperty("id").GetGuid();

        var text = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, text = "Thanks!" });
        await text.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(conversationId, (await text.Data()).GetProperty("conversationId").GetGuid());
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "reaction", messageId = reply, emoji = "👍" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "location", latitude = 48.85, longitude = 2.35, name = "Paris" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "interactive", buttonTitle = "Yes" })).ShouldBe(HttpStatusCode.Created);

        await using (var db = Factory.SystemDb())
        {
            var contact = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Contact!).SingleAsync();
            Assert.Null(contact.WaId);
            Assert.Equal("US.1349120865530274", contact.ReplyTo);
            var messages = await db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == Core.Conversations.MessageDirection.INBOUND).ToListAsync();
            Assert.Contains(messages, m => m.Type == MessageType.TEXT && m.Text == "Thanks!");
            Assert.Contains(messages, m => m.Type == MessageType.LOCATION && m.LocationName == "Paris");
            Assert.Contains(messages, m => m.Type == MessageType.INTERACTIVE && m.ReplyOptionTitle == "Yes");
            var reaction = Assert.Single(messages, m => m.Type == MessageType.REACTION);
            Assert.Equal("👍", reaction.Emoji);
            var dto = await db.ToDtosAsync([await db.Messages.SingleAsync(m => m.Id == reply)]);
            Assert.Equal("👍", Assert.Single(dto[0].Reactions).Emoji);
        }

        var batch = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/batch", new
        {
            conversations = new object[]
            {
                new { contact = new { name = "A", phone = "14155550101" }, messages = new[] { "One" } },
                new { contact = new { name = "B", phone = "14155550102" }, messages = new[] { "Two", "Three" } },
            },
        });
        await batch.ShouldBe(HttpStatusCode.Created);
        var results = (await batch.Data()).EnumerateArray().ToList();
        Assert.Equal(2, results.Select(r => r.GetProperty("conversationId").GetGuid()).Distinct().Count());
    }

    [Fact]
    public async Task A_simulated_template_status_update_is_stored_and_processed()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await CreateNumberAsync(admin);
        var response = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/template-status", new { templateName = "order_update", @event = "APPROVED" });
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal("PROCESSED", data.GetProperty("deliveryStatus").GetString());
        await using var db = Factory.SystemDb();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == data.GetProperty("deliveryId").GetGuid());
        Assert.Equal(admin.OrganizationId, delivery.OrganizationId);
        Assert.Contains("message_template_status_update", delivery.Payload);
        Assert.Contains("order_update", delivery.Payload);

        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/template-status", new { templateName = "order_update", @event = "MAYBE" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/template-status", new { templateName = "Bad Name", @event = "APPROVED" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Simulation_refuses_cloud_api_numbers_foreign_numbers_and_organizations_without_a_sandbox()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var body = new { contact = new { name = "X" }, messages = new[] { "hi" } };
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", body)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/template-status", new { templateName = "t", @event = "APPROVED" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        var cloud = await Factory.SeedCloudNumberAsync(app.Graph, admin.OrganizationId);
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", new { phoneNumberId = cloud.Id, contact = new { name = "X" }, messages = new[] { "hi" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "NOT_SANDBOX");
        var (cloudConversation, _, _) = await Factory.InboundTextAsync(cloud.MetaId, MessagingTestData.NewWaId());
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId = cloudConversation, text = "hi" })).ShouldFail(HttpStatusCode.BadRequest, "NOT_SANDBOX");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/next-failure", new { conversationId = cloudConversation })).ShouldFail(HttpStatusCode.BadRequest, "NOT_SANDBOX");

        var other = await Factory.RegisterOrganizationAsync();
        var foreignNumber = await CreateNumberAsync(other);
        var foreignConversation = (await SimulateAsync(other, new { contact = new { name = "Y" }, messages = new[] { "hi" } })).GetProperty("conversationId").GetGuid();
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", new { phoneNumberId = foreignNumber, contact = new { name = "X" }, messages = new[] { "hi" } }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId = foreignConversation, text = "hi" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/next-failure", new { conversationId = foreignConversation })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"/api/v1/dev/simulate/next-failure/{foreignConversation}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{foreignConversation}/messages", new { type = "text", text = "hi" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        var agent = await Factory.AddMemberAsync(other, "AGENT");
        await (await agent.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", body)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId = foreignConversation, text = "hi" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.DeleteAsync("/api/v1/dev/simulate/cleanup")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Theory]
    [InlineData("""{"messages":["hi"]}""", "contact")]
    [InlineData("""{"contact":{"name":"A"},"messages":[]}""", "messages")]
    [InlineData("""{"contact":{"name":"A"}}""", "messages")]
    [InlineData("""{"contact":{"name":"A"},"messages":[""]}""", "messages")]
    [InlineData("""{"contact":{"name":"A","phone":"12ab"},"messages":["hi"]}""", "contact.phone")]
    [InlineData("""{"contact":{"name":"A","userId":"has spaces"},"messages":["hi"]}""", "contact.userId")]
    public async Task Invalid_simulation_bodies_are_refused_with_the_field_named(string body, string field)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await CreateNumberAsync(admin);
        var error = await (await admin.Client.PostRawJsonAsync("/api/v1/dev/simulate/conversation", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"expected an error on {field}");
    }

    [Fact]
    public async Task Invalid_simulated_messages_are_refused()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await CreateNumberAsync(admin);
        var conversationId = (await SimulateAsync(admin, new { contact = new { name = "A" }, messages = new[] { "hi" } })).GetProperty("conversationId").GetGuid();
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { text = "hi" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "video" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "location", latitude = 91, longitude = 0 })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "reaction", messageId = Guid.NewGuid(), emoji = "👍" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync("/api/v1/dev/simulate/message", $$"""{"conversationId":"{{conversationId}}","text":5}""")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId = Guid.NewGuid(), text = "hi" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Cleanup_removes_only_the_callers_sandbox_data()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await CreateNumberAsync(admin);
        var sandboxConversation = (await SimulateAsync(admin, new { contact = new { name = "A" }, messages = new[] { "hi", "there" } })).GetProperty("conversationId").GetGuid();
        var cloud = await Factory.SeedCloudNumberAsync(app.Graph, admin.OrganizationId);
        var (cloudConversation, _, _) = await Factory.InboundTextAsync(cloud.MetaId, MessagingTestData.NewWaId());
        var other = await Factory.RegisterOrganizationAsync();
        await CreateNumberAsync(other);
        var otherConversation = (await SimulateAsync(other, new { contact = new { name = "B" }, messages = new[] { "hi" } })).GetProperty("conversationId").GetGuid();

        var response = await admin.Client.DeleteAsync("/api/v1/dev/simulate/cleanup");
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal(1, data.GetProperty("conversations").GetInt32());
        Assert.Equal(2, data.GetProperty("messages").GetInt32());
        Assert.Equal(1, data.GetProperty("contacts").GetInt32());

        await using var db = Factory.SystemDb();
        Assert.False(await db.Conversations.AnyAsync(c => c.Id == sandboxConversation));
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == sandboxConversation));
        Assert.True(await db.Conversations.AnyAsync(c => c.Id == cloudConversation));
        Assert.True(await db.Messages.AnyAsync(m => m.ConversationId == cloudConversation));
        Assert.True(await db.Conversations.AnyAsync(c => c.Id == otherConversation));
        Assert.True(await db.PhoneNumbers.AnyAsync(p => p.OrganizationId == admin.OrganizationId && p.Kind == PhoneNumberKind.SANDBOX));
    }
}
