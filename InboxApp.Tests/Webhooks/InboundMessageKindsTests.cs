using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Conversations;
using InboxApp.Core.Realtime;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;
using static InboxApp.Tests.Infrastructure.WhatsAppSamples;

namespace InboxApp.Tests.Webhooks;

/// <summary>What real traffic contains beyond plain messages: ads, products, orders, flows, errors and the numbers' own updates.</summary>
[Collection(SharedApp.Second)]
public sealed class InboundMessageKindsTests(NoJobsAppFactory factory)
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-5);

    private async Task PostAsync(string body)
    {
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
    }

    private async Task<(SignedIn Admin, string MetaId)> NumberAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        return (admin, metaId);
    }

    [Fact]
    public async Task A_message_from_an_ad_and_a_question_about_a_product_show_the_ad_and_the_product_and_other_organizations_cannot_read_them()
    {
        var (admin, metaId) = await NumberAsync();
        var (ad, product) = ($"wamid.ad-{Guid.NewGuid():N}", $"wamid.product-{Guid.NewGuid():N}");
        await PostAsync(Messages(metaId, Array(Contact("15552220001", "Ada")), Array(FromAd(ad, "15552220001", At), AboutProduct(product, "15552220001", At.AddSeconds(1)))));

        var fromAd = await InboundApi.MessageAsync(factory, admin, ad);
        Assert.Equal("I saw your ad", fromAd.GetProperty("text").GetString());
        var referral = fromAd.GetProperty("details").GetProperty("referral");
        Assert.Equal("Summer sale", referral.GetProperty("headline").GetString());
        Assert.Equal("Up to 50% off sandals", referral.GetProperty("body").GetString());
        Assert.Equal("https://fb.me/3cr4Wqqkv", referral.GetProperty("sourceUrl").GetString());
        Assert.Equal("ad", referral.GetProperty("sourceType").GetString());
        Assert.Equal("image", referral.GetProperty("mediaType").GetString());
        Assert.Equal("https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg", referral.GetProperty("mediaUrl").GetString());

        var asked = await InboundApi.MessageAsync(factory, admin, product);
        var referred = asked.GetProperty("details").GetProperty("referredProduct");
        Assert.Equal("194836987003835", referred.GetProperty("catalogId").GetString());
        Assert.Equal("di9ozbzfi4", referred.GetProperty("productRetailerId").GetString());

        var other = await factory.RegisterOrganizationAsync();
        var conversationId = asked.GetProperty("conversationId").GetGuid();
        await (await other.Client.GetAsync($"/api/v1/conversations/{conversationId}/messages")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_flow_reply_shows_its_answers_as_fields()
    {
        var (admin, metaId) = await NumberAsync();
        var wamid = $"wamid.flow-{Guid.NewGuid():N}";
        await PostAsync(Messages(metaId, Array(Contact("15552220002", "Flo")), Array(FlowReply(wamid, "15552220002", At))));

        var message = await InboundApi.MessageAsync(factory, admin, wamid);
        Assert.Equal("INTERACTIVE", message.GetProperty("type").GetString());
        var fields = message.GetProperty("details").GetProperty("form").GetProperty("fields").EnumerateArray()
            .Select(f => (f.GetProperty("label").GetString(), f.GetProperty("value").GetString())).ToList();
        Assert.Equal([("Full name", "Ana Silva"), ("Preferred date", "2026-12-24"), ("Rating", "5"), ("Newsletter", "Yes")], fields);
        Assert.DoesNotContain("flow_token", message.GetProperty("text").GetString());
        Assert.Contains("Full name: Ana Silva", message.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Errors_on_a_message_are_kept_on_it_and_errors_on_the_whole_change_are_kept_on_the_delivery()
    {
        var (admin, metaId) = await NumberAsync();
        var wamid = $"wamid.unsupported-{Guid.NewGuid():N}";
        await PostAsync(Messages(metaId, Array(Contact("15552220003", "Una")), Array(Unsupported(wamid, "15552220003", At))));

        var message = await InboundApi.MessageAsync(factory, admin, wamid);
        Assert.Equal("UNSUPPORTED", message.GetProperty("type").GetString());
        var error = Assert.Single(message.GetProperty("details").GetProperty("errors").EnumerateArray());
        Assert.Equal("131051", error.GetProperty("code").GetString());
        Assert.Equal("Message type unknown", error.GetProperty("title").GetString());
        Assert.Equal("Message type is currently not supported.", error.GetProperty("details").GetString());

        var since = DateTimeOffset.UtcNow;
        await PostAsync(ChangeErrors(metaId));
        await using var db = factory.SystemDb();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.OrganizationId == admin.OrganizationId && d.ReceivedAt >= since);
        Assert.Equal(Core.Webhooks.WebhookDeliveryStatus.PROCESSED, delivery.Status);
        Assert.Contains("(131000) Something went wrong", delivery.Error);
        Assert.Contains("unknown error", delivery.Error);
    }

    [Theory]
    [InlineData("THROUGHPUT_UPGRADE", "TIER_UNLIMITED", null, "HIGH")]
    [InlineData("UPGRADE", "TIER_10K", "TIER_10K", null)]
    [InlineData("DOWNGRADE", "TIER_250", "TIER_250", null)]
    public async Task Throughput_and_messaging_limit_updates_never_change_the_quality_rating(string ev, string currentLimit, string? tier, string? throughput)
    {
        var (admin, metaId) = await NumberAsync();
        await using (var db = factory.SystemDb())
            await db.PhoneNumbers.Where(p => p.MetaPhoneNumberId == metaId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.QualityRating, "GREEN").SetProperty(p => p.MessagingLimitTier, "TIER_2K").SetProperty(p => p.ThroughputLevel, "STANDARD"));

        await PostAsync(Envelope("102290129340398", ("phone_number_quality_update", Quality("1555" + metaId[..7], ev, currentLimit))));

        await using var check = factory.SystemDb();
        var number = await check.PhoneNumbers.SingleAsync(p => p.MetaPhoneNumberId == metaId);
        Assert.Equal("GREEN", number.QualityRating);
        Assert.Equal(tier ?? "TIER_2K", number.MessagingLimitTier);
        Assert.Equal(throughput ?? "STANDARD", number.ThroughputLevel);
        Assert.Equal(admin.OrganizationId, number.OrganizationId);
    }

    [Fact]
    public async Task The_daily_limit_field_that_replaces_current_limit_sets_the_messaging_limit_and_flagged_sets_the_rating()
    {
        var (_, metaId) = await NumberAsync();
        await PostAsync(Envelope("102290129340398", ("phone_number_quality_update", Quality("1555" + metaId[..7], "FLAGGED", "TIER_1K", maxDaily: "TIER_2K"))));

        await using var db = factory.SystemDb();
        var number = await db.PhoneNumbers.SingleAsync(p => p.MetaPhoneNumberId == metaId);
        Assert.Equal("FLAGGED", number.QualityRating);
        Assert.Equal("TIER_2K", number.MessagingLimitTier);
    }
}

/// <summary>Edits, revokes, changed numbers and BSUIDs, and echoes of messages the business sent from the WhatsApp Business app.</summary>
[Collection(SharedApp.Name)]
public sealed class InboundChangesTests(NoJobsAppFactory factory)
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-5);

    private async Task PostAsync(string body)
    {
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
    }

    private async Task<(SignedIn Admin, string MetaId)> NumberAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        return (admin, metaId);
    }

    private static string One(string metaId, string from, JsonObject message) => Messages(metaId, Array(Contact(from, "Customer")), Array(message));

    /// <summary>Collects the organization's live-update events until disposed.</summary>
    private sealed class Events : IDisposable
    {
        public ConcurrentQueue<InboxEvent> Seen { get; } = new();
        private readonly IDisposable subscription;

        public Events(InboxAppFactory factory, Guid organizationId) =>
            subscription = factory.Services.GetRequiredService<IInboxEventBus>().Subscribe(organizationId, e => { Seen.Enqueue(e); return Task.CompletedTask; });

        public void Dispose() => subscription.Dispose();
    }

    [Fact]
    public async Task An_edit_changes_the_text_marks_it_edited_keeps_the_earlier_texts_and_updates_the_inbox_live()
    {
        var (admin, metaId) = await NumberAsync();
        var (from, original) = ("15553330001", $"wamid.orig-{Guid.NewGuid():N}");
        await PostAsync(One(metaId, from, Text(original, from, "See you at 5", At)));
        var conversationId = (await InboundApi.MessageAsync(factory, admin, original)).GetProperty("conversationId").GetGuid();

        using var events = new Events(factory, admin.OrganizationId);
        var edit = One(metaId, from, Edit($"wamid.edit1-{Guid.NewGuid():N}", from, At.AddMinutes(1), original, "See you at 6"));
        await PostAsync(edit);
        await PostAsync(edit);
        await PostAsync(One(metaId, from, Edit($"wamid.edit2-{Guid.NewGuid():N}", from, At.AddMinutes(2), original, "See you at 7")));

        var messages = await InboundApi.MessagesAsync(admin, conversationId);
        var message = Assert.Single(messages);
        Assert.Equal("See you at 7", message.GetProperty("text").GetString());
        Assert.Equal(At.AddMinutes(2).ToUnixTimeSeconds(), message.GetProperty("editedAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(["See you at 5", "See you at 6"],
            message.GetProperty("details").GetProperty("earlierTexts").EnumerateArray().Select(e => e.GetProperty("text").GetString()));
        Assert.Contains(events.Seen, e => e is ConversationUpdated && e.ConversationId == conversationId);
        await using (var db = factory.SystemDb())
            Assert.Equal("See you at 7", (await db.Conversations.SingleAsync(c => c.Id == conversationId)).LastMessagePreview);

        // An older edit delivered late does not undo the newer one.
        await PostAsync(One(metaId, from, Edit($"wamid.edit0-{Guid.NewGuid():N}", from, At.AddSeconds(30), original, "See you at 5:30")));
        Assert.Equal("See you at 7", (await InboundApi.MessageAsync(factory, admin, original)).GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_edit_delivered_before_its_original_is_stored_as_the_edited_original_once()
    {
        var (admin, metaId) = await NumberAsync();
        var (from, original) = ("15553330002", $"wamid.late-{Guid.NewGuid():N}");
        await PostAsync(One(metaId, from, Edit($"wamid.early-edit-{Guid.NewGuid():N}", from, At.AddMinutes(1), original, "Corrected text")));
        await PostAsync(One(metaId, from, Text(original, from, "Corected txt", At)));

        var message = await InboundApi.MessageAsync(factory, admin, original);
        Assert.Equal("Corrected text", message.GetProperty("text").GetString());
        Assert.True(message.TryGetProperty("editedAt", out _));
        // The original's own text, once it arrived, is what agents saw before the edit.
        Assert.Equal(["Corected txt"], message.GetProperty("details").GetProperty("earlierTexts").EnumerateArray().Select(e => e.GetProperty("text").GetString()));
        Assert.False(message.GetProperty("details").TryGetProperty("standIn", out _));
        Assert.Single(await InboundApi.MessagesAsync(admin, message.GetProperty("conversationId").GetGuid()));
    }

    [Fact]
    public async Task A_revoke_delivered_before_its_original_stores_the_original_deleted_for_the_customer_with_its_content_kept_for_agents()
    {
        var (admin, metaId) = await NumberAsync();
        var (from, original) = ("15553330006", $"wamid.late-revoked-{Guid.NewGuid():N}");
        await PostAsync(One(metaId, from, Revoke($"wamid.early-revoke-{Guid.NewGuid():N}", from, At.AddMinutes(1), original)));
        var waiting = await InboundApi.MessageAsync(factory, admin, original);
        Assert.Equal("revoke", waiting.GetProperty("details").GetProperty("standIn").GetString());
        var conversationId = waiting.GetProperty("conversationId").GetGuid();

        using var events = new Events(factory, admin.OrganizationId);
        var late = One(metaId, from, Text(original, from, "Please delete my address: 12 Elm St", At));
        await PostAsync(late);
        await PostAsync(late);

        var message = Assert.Single(await InboundApi.MessagesAsync(admin, conversationId));
        Assert.Equal("TEXT", message.GetProperty("type").GetString());
        Assert.Equal("Please delete my address: 12 Elm St", message.GetProperty("text").GetString());
        Assert.Equal(At.AddMinutes(1).ToUnixTimeSeconds(), message.GetProperty("revokedAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(At.ToUnixTimeSeconds(), message.GetProperty("timestamp").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.False(message.TryGetProperty("details", out var details) && details.TryGetProperty("standIn", out _));
        Assert.Contains(events.Seen, e => e is ConversationUpdated && e.ConversationId == conversationId);
        await using var db = factory.SystemDb();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        Assert.Equal("🚫 Deleted: Please delete my address: 12 Elm St", conversation.LastMessagePreview);
        Assert.Equal(1, conversation.UnreadCount);
    }

    [Fact]
    public async Task A_revoke_marks_the_message_deleted_for_the_customer_and_keeps_what_agents_saw()
    {
        var (admin, metaId) = await NumberAsync();
        var (from, original) = ("15553330003", $"wamid.revoked-{Guid.NewGuid():N}");
        await PostAsync(One(metaId, from, Text(original, from, "My card number is 4111", At)));
        var conversationId = (await InboundApi.MessageAsync(factory, admin, original)).GetProperty("conversationId").GetGuid();

        using var events = new Events(factory, admin.OrganizationId);
        var revoke = One(metaId, from, Revoke($"wamid.revoke-{Guid.NewGuid():N}", from, At.AddMinutes(1), original));
        await PostAsync(revoke);
        await PostAsync(revoke);

        var message = Assert.Single(await InboundApi.MessagesAsync(admin, conversationId));
        Assert.Equal("My card number is 4111", message.GetProperty("text").GetString());
        Assert.Equal(At.AddMinutes(1).ToUnixTimeSeconds(), message.GetProperty("revokedAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Contains(events.Seen, e => e is ConversationUpdated && e.ConversationId == conversationId);
        await using var db = factory.SystemDb();
        Assert.Equal("🚫 Deleted: My card number is 4111", (await db.Conversations.SingleAsync(c => c.Id == conversationId)).LastMessagePreview);
    }

    [Fact]
    public async Task A_changed_number_moves_the_same_contact_to_the_new_number_and_is_recorded_in_the_conversation()
    {
        var (admin, metaId) = await NumberAsync();
        var (oldNumber, newNumber) = ("15553330004", "15553339994");
        await PostAsync(One(metaId, oldNumber, Text($"wamid.before-{Guid.NewGuid():N}", oldNumber, "Hello", At)));
        var system = $"wamid.system-{Guid.NewGuid():N}";
        await PostAsync(Messages(metaId, messages: Array(ChangedNumber(system, oldNumber, newNumber, At.AddMinutes(1)))));
        await PostAsync(One(metaId, newNumber, Text($"wamid.after-{Guid.NewGuid():N}", newNumber, "It's me, new phone", At.AddMinutes(2))));

        await using var db = factory.SystemDb();
        var contact = await db.Contacts.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal(newNumber, contact.Identifier);
        Assert.Equal(newNumber, contact.WaId);
        Assert.Equal(newNumber, contact.Phone);
        Assert.Equal(newNumber, contact.ReplyTo);
        var conversation = await db.Conversations.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal(2, conversation.UnreadCount);

        var recorded = await InboundApi.MessageAsync(factory, admin, system);
        Assert.Equal("SYSTEM", recorded.GetProperty("type").GetString());
        Assert.Contains(newNumber, recorded.GetProperty("text").GetString());
        var change = recorded.GetProperty("details").GetProperty("identityChange");
        Assert.Equal(oldNumber, change.GetProperty("from").GetString());
        Assert.Equal(newNumber, change.GetProperty("to").GetString());
        Assert.Equal(3, (await InboundApi.MessagesAsync(admin, conversation.Id)).Count);
    }

    [Fact]
    public async Task A_changed_business_scoped_user_id_updates_the_identity_of_the_same_contact()
    {
        var (admin, metaId) = await NumberAsync();
        var (oldBsuid, newBsuid) = ($"US.{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}", $"US.{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}");
        JsonObject FromUser(string id, string bsuid, string text, DateTimeOffset at) => new()
        {
            ["from_user_id"] = bsuid, ["id"] = id, ["timestamp"] = Unix(at).ToString(), ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
        };
        JsonArray Profile(string bsuid) => Array(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Pat" }, ["user_id"] = bsuid, ["username"] = "@pat" });
        await PostAsync(Messages(metaId, Profile(oldBsuid), Array(FromUser($"wamid.b1-{Guid.NewGuid():N}", oldBsuid, "hi", At))));
        var changed = ChangedUserId($"wamid.bsuid-{Guid.NewGuid():N}", "", oldBsuid, newBsuid, At.AddMinutes(1));
        changed.Remove("from");
        await PostAsync(Messages(metaId, messages: Array(changed)));
        await PostAsync(Messages(metaId, Profile(newBsuid), Array(FromUser($"wamid.b2-{Guid.NewGuid():N}", newBsuid, "still me", At.AddMinutes(2)))));

        await using var db = factory.SystemDb();
        var contact = await db.Contacts.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal(newBsuid, contact.Bsuid);
        Assert.Equal(newBsuid, contact.Identifier);
        Assert.Equal(newBsuid, contact.ReplyTo);
        Assert.Equal(3, await db.Messages.CountAsync(m => m.OrganizationId == admin.OrganizationId));
        Assert.Single(await db.Conversations.Where(c => c.OrganizationId == admin.OrganizationId).ToListAsync());
    }

    [Fact]
    public async Task Messages_the_business_sent_from_the_whatsapp_business_app_are_stored_as_outbound_messages_of_the_conversation()
    {
        var (admin, metaId) = await NumberAsync();
        var customer = "15553330006";
        await PostAsync(One(metaId, customer, Text($"wamid.ask-{Guid.NewGuid():N}", customer, "Do you deliver?", At)));
        var echo = $"wamid.echo-{Guid.NewGuid():N}";
        await PostAsync(Echoes(metaId, Echo(echo, customer, "Yes, every weekday", At.AddMinutes(1))));
        await PostAsync(Echoes(metaId, Echo(echo, customer, "Yes, every weekday", At.AddMinutes(1))));

        var message = await InboundApi.MessageAsync(factory, admin, echo);
        Assert.Equal("OUTBOUND", message.GetProperty("direction").GetString());
        Assert.Equal("SENT", message.GetProperty("status").GetString());
        Assert.Equal("Yes, every weekday", message.GetProperty("text").GetString());
        await using var db = factory.SystemDb();
        var conversation = await db.Conversations.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal(conversation.Id, message.GetProperty("conversationId").GetGuid());
        Assert.Equal(MessageDirection.OUTBOUND, conversation.LastMessageDirection);
        Assert.Equal("Yes, every weekday", conversation.LastMessagePreview);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Null(conversation.WaitingSince);
        Assert.Equal(2, (await InboundApi.MessagesAsync(admin, conversation.Id)).Count);
        var delivery = await db.WebhookDeliveries.OrderByDescending(d => d.ReceivedAt).FirstAsync(d => d.OrganizationId == admin.OrganizationId);
        Assert.Equal(["smb_message_echoes"], Core.Webhooks.WebhookEventKinds.Split(delivery.Kinds));
    }

    [Fact]
    public async Task An_echo_to_a_customer_without_a_conversation_starts_an_open_one_with_nothing_unread()
    {
        var (admin, metaId) = await NumberAsync();
        var echo = $"wamid.first-echo-{Guid.NewGuid():N}";
        await PostAsync(Echoes(metaId, Echo(echo, "15553330007", "Hi Sam, your order is ready", At)));

        await using var db = factory.SystemDb();
        var conversation = await db.Conversations.Include(c => c.Contact).SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal("15553330007", conversation.Contact!.Identifier);
        Assert.Equal(ConversationStatus.OPEN, conversation.Status);
        Assert.Equal(0, conversation.UnreadCount);
        Assert.Null(conversation.LastCustomerMessageAt);
        Assert.Equal("OUTBOUND", (await InboundApi.MessageAsync(factory, admin, echo)).GetProperty("direction").GetString());
    }
}
