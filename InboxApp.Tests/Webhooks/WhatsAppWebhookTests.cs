using System.Net;
using System.Text.Json.Nodes;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Core.Webhooks;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>
/// The WhatsApp webhook endpoint and its processing. A shared host: every test finds its own deliveries (its organization,
/// its number, or a marker of its own in the body), never by a count of the host's deliveries.
/// </summary>
[Collection(SharedApp.Second)]
public sealed class WhatsAppWebhookTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Verification_handshake_echoes_the_challenge_only_for_the_right_token()
    {
        var client = factory.CreateClient();
        var ok = await client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={InboxAppFactory.WhatsAppVerifyToken}&hub.challenge=1158201444");
        await ok.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        await (await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")).ShouldBe(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/webhooks/whatsapp")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong-secret")]
    [InlineData("garbage")]
    [InlineData("altered-body")]
    public async Task Deliveries_without_a_valid_signature_are_rejected_and_nothing_is_stored(string kind)
    {
        var wamid = $"wamid.sig-{Guid.NewGuid():N}";
        var body = Messages("999", messages: Array(Text(wamid, "15551234567", "hi", DateTimeOffset.UtcNow)));
        var request = kind switch
        {
            "wrong-secret" => Signed(body, secret: "not-the-secret"),
            "garbage" => Signed(body, signatureOverride: "sha256=zz"),
            "altered-body" => Signed(body, signatureOverride: Core.Channels.WhatsApp.WebhookSignature.Sign(System.Text.Encoding.UTF8.GetBytes(body + " "), InboxAppFactory.WhatsAppAppSecret)),
            _ => Signed(body),
        };
        if (kind == "missing") request.Headers.Remove(Core.Channels.WhatsApp.WebhookSignature.HeaderName);
        await (await factory.CreateClient().SendAsync(request)).ShouldBe(HttpStatusCode.Unauthorized);
        await using var db = factory.SystemDb();
        Assert.False(await db.WebhookDeliveries.AnyAsync(d => d.Payload.Contains(wamid)));
    }

    [Fact]
    public async Task An_inbound_text_creates_contact_conversation_and_message()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, numberId, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var wamid = $"wamid.HBgL{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var body = Messages(metaId, Array(Contact("5491155551234", "Maria Gomez")), Array(Text(wamid, "5491155551234", "Hola, necesito ayuda", at)));

        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        var message = await db.Messages.SingleAsync(m => m.WaMessageId == wamid);
        Assert.Equal(MessageDirection.INBOUND, message.Direction);
        Assert.Equal(MessageType.TEXT, message.Type);
        Assert.Equal("Hola, necesito ayuda", message.Text);
        Assert.Equal(admin.OrganizationId, message.OrganizationId);
        Assert.Contains("Hola, necesito ayuda", message.RawJson);
        var conversation = await db.Conversations.Include(c => c.Contact).SingleAsync(c => c.Id == message.ConversationId);
        Assert.Equal(ConversationStatus.OPEN, conversation.Status);
        Assert.Equal(numberId, conversation.PhoneNumberId);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Equal("Hola, necesito ayuda", conversation.LastMessagePreview);
        Assert.Equal(at.ToUnixTimeSeconds(), conversation.LastCustomerMessageAt!.Value.ToUnixTimeSeconds());
        Assert.Equal("Maria Gomez", conversation.Contact!.ProfileName);
        Assert.Equal("5491155551234", conversation.Contact.Identifier);
        Assert.Equal("5491155551234", conversation.Contact.ReplyTo);
        var delivery = await db.WebhookDeliveries.OrderByDescending(d => d.ReceivedAt).FirstAsync(d => d.OrganizationId == admin.OrganizationId);
        Assert.Equal(WebhookDeliveryStatus.PROCESSED, delivery.Status);
        Assert.Equal(1, delivery.MessageCount);
    }

    [Fact]
    public async Task The_same_delivery_three_times_stores_one_message()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var wamid = $"wamid.dup{Guid.NewGuid():N}";
        var body = Messages(metaId, Array(Contact("15557654321", "Dup")), Array(Text(wamid, "15557654321", "once", DateTimeOffset.UtcNow)));
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++) await (await client.SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.WaMessageId == wamid));
        var conversation = await db.Conversations.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Equal(3, await db.WebhookDeliveries.CountAsync(d => d.OrganizationId == admin.OrganizationId && d.Status == WebhookDeliveryStatus.PROCESSED));
    }

    [Fact]
    public async Task Every_entry_change_and_message_of_a_delivery_is_processed()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 3).Select(i => $"wamid.multi{i}{Guid.NewGuid():N}").ToArray();
        var first = Parse(Messages(metaId, Array(Contact("15550000001", "One"), Contact("15550000002", "Two")),
            Array(Text(ids[0], "15550000001", "a", now), Text(ids[1], "15550000002", "b", now))));
        var second = Parse(Messages(metaId, Array(Contact("15550000001", "One")), Array(Text(ids[2], "15550000001", "c", now.AddSeconds(1)))));
        var combined = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(JsonNode.Parse(first.GetProperty("entry")[0].GetRawText())!, JsonNode.Parse(second.GetProperty("entry")[0].GetRawText())!),
        }.ToJsonString();
        await (await factory.CreateClient().SendAsync(Signed(combined))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        Assert.Equal(3, await db.Messages.CountAsync(m => ids.Contains(m.WaMessageId!)));
        Assert.Equal(2, await db.Conversations.CountAsync(c => c.OrganizationId == admin.OrganizationId));
        var one = await db.Conversations.Include(c => c.Contact).SingleAsync(c => c.OrganizationId == admin.OrganizationId && c.Contact!.Identifier == "15550000001");
        Assert.Equal(2, one.UnreadCount);
        Assert.Equal("c", one.LastMessagePreview);
    }

    [Fact]
    public async Task A_contact_with_only_a_business_scoped_user_id_is_kept_and_replied_to_by_it()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var bsuid = "US.13491208655302741918";
        var message = new JsonObject
        {
            ["from_user_id"] = bsuid, ["id"] = $"wamid.bsuid{Guid.NewGuid():N}", ["timestamp"] = Unix(DateTimeOffset.UtcNow).ToString(),
            ["type"] = "text", ["text"] = new JsonObject { ["body"] = "no phone here" },
        };
        var contact = new JsonObject { ["profile"] = new JsonObject { ["name"] = "Private Person" }, ["user_id"] = bsuid, ["username"] = "@private" };
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, Array(contact), Array(message))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        var stored = await db.Contacts.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal(bsuid, stored.Identifier);
        Assert.Equal(bsuid, stored.ReplyTo);
        Assert.Null(stored.Phone);
        Assert.Null(stored.WaId);
        Assert.Equal("@private", stored.Username);
        Assert.Equal("Private Person", stored.ProfileName);
    }

    [Fact]
    public async Task Brazilian_numbers_with_and_without_the_ninth_digit_are_one_contact()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var client = factory.CreateClient();
        await (await client.SendAsync(Signed(Messages(metaId, Array(Contact("5511987654321", "Ana")),
            Array(Text($"wamid.br1{Guid.NewGuid():N}", "5511987654321", "oi", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await (await client.SendAsync(Signed(Messages(metaId, Array(Contact("551187654321", "Ana")),
            Array(Text($"wamid.br2{Guid.NewGuid():N}", "551187654321", "de novo", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        var contact = await db.Contacts.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal("551187654321", contact.ReplyTo);
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.OrganizationId == admin.OrganizationId));
    }

    [Fact]
    public async Task A_delivery_for_an_unknown_phone_number_is_acknowledged_and_flagged_unroutable()
    {
        var wamid = $"wamid.unk{Guid.NewGuid():N}";
        var body = Messages("000000000000001", Array(Contact("15551112222", "X")), Array(Text(wamid, "15551112222", "hello?", DateTimeOffset.UtcNow)));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Payload.Contains(wamid));
        Assert.Equal(WebhookDeliveryStatus.UNROUTABLE, delivery.Status);
        Assert.Contains("000000000000001", delivery.Error);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Theory]
    [InlineData("{\"not\":\"whatsapp\",\"test\":\"{marker}\"}")]
    [InlineData("this is not json {marker}")]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"test\":\"{marker}\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[]}}]}]}")]
    public async Task A_signed_but_malformed_delivery_is_kept_flagged_and_answered_200(string template)
    {
        // A marker of this run in each body, so the delivery is found by its body on a host other classes send to as well.
        var body = template.Replace("{marker}", Guid.NewGuid().ToString("N"));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Payload == body);
        Assert.Equal(WebhookDeliveryStatus.MALFORMED, delivery.Status);
        Assert.False(string.IsNullOrEmpty(delivery.Error));
    }

    [Fact]
    public async Task Status_updates_in_any_order_end_in_the_right_state()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var client = factory.CreateClient();
        await (await client.SendAsync(Signed(Messages(metaId, Array(Contact("15553334444", "S")),
            Array(Text($"wamid.in{Guid.NewGuid():N}", "15553334444", "hi", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        var orders = new[] { new[] { "read", "sent", "delivered" }, ["delivered", "read", "sent"], ["sent", "delivered", "read"], ["read", "delivered", "sent"] };
        var t0 = DateTimeOffset.UtcNow;
        foreach (var order in orders)
        {
            var wamid = await SeedOutboundAsync(admin.OrganizationId);
            foreach (var status in order)
            {
                var at = t0.AddSeconds(status switch { "sent" => 1, "delivered" => 2, _ => 3 });
                await (await client.SendAsync(Signed(Messages(metaId, statuses: Array(Status(wamid, status, at, "15553334444")))))).ShouldBe(HttpStatusCode.OK);
                await factory.DrainWebhooksAsync();
            }
            await using var db = factory.SystemDb();
            var message = await db.Messages.SingleAsync(m => m.WaMessageId == wamid);
            Assert.Equal(MessageStatus.READ, message.Status);
            Assert.NotNull(message.SentAt);
            Assert.NotNull(message.DeliveredAt);
            Assert.NotNull(message.ReadAt);
            Assert.Equal("service", message.PricingCategory);
            Assert.True(message.Billable);
        }
    }

    [Fact]
    public async Task A_failed_status_keeps_code_title_and_details_and_a_late_sent_does_not_hide_it()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, Array(Contact("15553330000", "F")),
            Array(Text($"wamid.in{Guid.NewGuid():N}", "15553330000", "hi", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        var wamid = await SeedOutboundAsync(admin.OrganizationId);
        var error = new JsonObject
        {
            ["code"] = 131047, ["title"] = "Re-engagement message",
            ["message"] = "Re-engagement message",
            ["error_data"] = new JsonObject { ["details"] = "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
        };
        var now = DateTimeOffset.UtcNow;
        var body = Messages(metaId, statuses: Array(Status(wamid, "failed", now.AddSeconds(2), "15553330000", error), Status(wamid, "sent", now, "15553330000")));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        var message = await db.Messages.SingleAsync(m => m.WaMessageId == wamid);
        Assert.Equal(MessageStatus.FAILED, message.Status);
        Assert.Equal("131047", message.ErrorCode);
        Assert.Equal("Re-engagement message", message.ErrorTitle);
        Assert.Contains("24 hours", message.ErrorDetails);
    }

    [Fact]
    public async Task A_status_for_a_send_whose_response_was_lost_reconciles_through_the_callback_data()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, Array(Contact("15553331111", "L")),
            Array(Text($"wamid.in{Guid.NewGuid():N}", "15553331111", "hi", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        var ownId = await SeedOutboundAsync(admin.OrganizationId, withWamid: false);
        var wamid = $"wamid.lost{Guid.NewGuid():N}";
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, statuses: Array(Status(wamid, "delivered", DateTimeOffset.UtcNow, "15553331111", callbackData: ownId))))))
            .ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        var message = await db.Messages.SingleAsync(m => m.Id == Guid.Parse(ownId));
        Assert.Equal(wamid, message.WaMessageId);
        Assert.Equal(MessageStatus.DELIVERED, message.Status);
    }

    [Fact]
    public async Task A_status_for_an_unknown_message_is_acknowledged_and_ignored()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var body = Messages(metaId, statuses: Array(Status("wamid.nobody", "read", DateTimeOffset.UtcNow, "15550000000")));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        Assert.Equal(WebhookDeliveryStatus.PROCESSED, (await db.WebhookDeliveries.SingleAsync(d => d.Payload == body)).Status);
    }

    [Fact]
    public async Task A_reaction_attaches_to_the_message_it_reacts_to_without_touching_the_preview()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var original = $"wamid.orig{Guid.NewGuid():N}";
        var client = factory.CreateClient();
        await (await client.SendAsync(Signed(Messages(metaId, Array(Contact("15558889999", "R")), Array(Text(original, "15558889999", "the original", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        var reaction = new JsonObject
        {
            ["from"] = "15558889999", ["id"] = $"wamid.react{Guid.NewGuid():N}", ["timestamp"] = Unix(DateTimeOffset.UtcNow).ToString(), ["type"] = "reaction",
            ["reaction"] = new JsonObject { ["message_id"] = original, ["emoji"] = "👍" },
        };
        await (await client.SendAsync(Signed(Messages(metaId, Array(Contact("15558889999", "R")), Array(reaction))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        var stored = await db.Messages.SingleAsync(m => m.Type == MessageType.REACTION && m.OrganizationId == admin.OrganizationId);
        Assert.Equal(original, stored.ContextWaMessageId);
        Assert.Equal("👍", stored.Emoji);
        var conversation = await db.Conversations.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal("the original", conversation.LastMessagePreview);
        Assert.Equal(1, conversation.UnreadCount);
    }

    /// <summary>An outbound message in the organization's only conversation; returns its wamid (or our id without one).</summary>
    private async Task<string> SeedOutboundAsync(Guid organizationId, bool withWamid = true)
    {
        await using var db = factory.SystemDb();
        var conversation = await db.Conversations.FirstAsync(c => c.OrganizationId == organizationId);
        var message = new Message
        {
            OrganizationId = organizationId, ConversationId = conversation.Id, Direction = MessageDirection.OUTBOUND, Type = MessageType.TEXT,
            Text = "our reply", Status = withWamid ? MessageStatus.PENDING : MessageStatus.UNKNOWN,
            WaMessageId = withWamid ? $"wamid.out{Guid.NewGuid():N}" : null, Timestamp = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.WaMessageId ?? message.Id.ToString();
    }
}
