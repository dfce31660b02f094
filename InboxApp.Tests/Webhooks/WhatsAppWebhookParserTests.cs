using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Messaging;

namespace InboxApp.Tests.Webhooks;

/// <summary>The parser against payloads shaped as in Meta's webhook reference, one per message and status type.</summary>
public sealed class WhatsAppWebhookParserTests
{
    private static string Wrap(string message, string contacts = """[{"profile":{"name":"Kerry Fisher"},"wa_id":"16315551234"}]""") => $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
          "contacts":{{contacts}},"messages":[{{message}}]},"field":"messages"}]}]}
        """;

    private static InboundMessage Single(string message)
    {
        var parsed = WhatsAppWebhookParser.Parse(Wrap(message));
        var change = Assert.Single(parsed.Changes);
        Assert.Equal("messages", change.Field);
        Assert.Equal("106540352242922", change.Messages!.PhoneNumberId);
        return Assert.Single(change.Messages.Messages);
    }

    private const string Head = """ "from":"16315551234","id":"wamid.ID","timestamp":"1749416383", """;

    [Theory]
    [InlineData("1739321024", 1739321024L)]
    [InlineData("\"1739321024\"", 1739321024L)]
    [InlineData("1739321024123", 1739321024L)]
    [InlineData("null", null)]
    [InlineData("-5", null)]
    [InlineData("\"soon\"", null)]
    [InlineData("99999999999999999", null)]
    public void An_entrys_time_is_kept_with_each_of_its_changes(string time, long? unixSeconds)
    {
        var parsed = WhatsAppWebhookParser.Parse($$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":{{time}},"changes":[
              {"value":{"event":"ACCOUNT_RESTRICTION","restriction_info":[]},"field":"account_update"},
              {"value":{"event":"APPROVED","message_template_id":1},"field":"message_template_status_update"}]}]}
            """);
        Assert.Equal(2, parsed.Changes.Count);
        Assert.All(parsed.Changes, c => Assert.Equal(unixSeconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null, c.EntryTime));
    }

    [Fact]
    public void Text()
    {
        var m = Single($$$"""{ {{{Head}}} "type":"text","text":{"body":"Does it come in another color?"}}""");
        Assert.Equal(MessageType.TEXT, m.Type);
        Assert.Equal("Does it come in another color?", m.Text);
        Assert.Equal("16315551234", m.SenderIdentifier);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749416383), m.Timestamp);
        Assert.Contains("another color", m.RawJson);
    }

    [Theory]
    [InlineData("image", MessageType.IMAGE, "image/jpeg", "caption", null)]
    [InlineData("video", MessageType.VIDEO, "video/mp4", "caption", null)]
    [InlineData("audio", MessageType.AUDIO, "audio/ogg; codecs=opus", null, null)]
    [InlineData("sticker", MessageType.STICKER, "image/webp", null, null)]
    [InlineData("document", MessageType.DOCUMENT, "application/pdf", "caption", "invoice.pdf")]
    public void Media(string type, MessageType expected, string mime, string? caption, string? fileName)
    {
        var extra = (caption is null ? "" : $",\"caption\":\"{caption}\"") + (fileName is null ? "" : $",\"filename\":\"{fileName}\"");
        var m = Single($$$"""{ {{{Head}}} "type":"{{{type}}}","{{{type}}}":{"mime_type":"{{{mime}}}","sha256":"abc=","id":"1003383421387256"{{{extra}}} } }""");
        Assert.Equal(expected, m.Type);
        Assert.Equal("1003383421387256", m.MediaId);
        Assert.Equal(mime, m.MimeType);
        Assert.Equal("abc=", m.MediaSha256);
        Assert.Equal(caption, m.Caption);
        Assert.Equal(fileName, m.FileName);
    }

    [Fact]
    public void Location()
    {
        var m = Single($$$"""{ {{{Head}}} "type":"location","location":{"address":"1 Hacker Way, Menlo Park, CA 94025","latitude":37.483307,"longitude":-122.148981,"name":"Main Office"}}""");
        Assert.Equal(MessageType.LOCATION, m.Type);
        Assert.Equal(37.483307, m.Latitude);
        Assert.Equal(-122.148981, m.Longitude);
        Assert.Equal("Main Office", m.LocationName);
        Assert.Equal("1 Hacker Way, Menlo Park, CA 94025", m.LocationAddress);
    }

    [Fact]
    public void Contacts()
    {
        var m = Single($$$"""{ {{{Head}}} "type":"contacts","contacts":[{"name":{"formatted_name":"Barbara J. Johnson","first_name":"Barbara"},"phones":[{"phone":"+1 (940) 555-1234","type":"HOME","wa_id":"19405551234"}]}]}""");
        Assert.Equal(MessageType.CONTACTS, m.Type);
        Assert.Equal("Barbara J. Johnson (+1 (940) 555-1234)", m.Text);
    }

    [Theory]
    [InlineData("button_reply", "cancel-button", "Cancel")]
    [InlineData("list_reply", "priority_express", "Priority Mail Express")]
    public void Interactive_replies_show_the_chosen_option(string kind, string id, string title)
    {
        var m = Single($$$"""{"context":{"from":"15550783881","id":"wamid.ORIGINAL"}, {{{Head}}} "type":"interactive","interactive":{"type":"{{{kind}}}","{{{kind}}}":{"id":"{{{id}}}","title":"{{{title}}}","description":"Next Day to 2 Days"} } }""");
        Assert.Equal(MessageType.INTERACTIVE, m.Type);
        Assert.Equal(id, m.ReplyOptionId);
        Assert.Equal(title, m.ReplyOptionTitle);
        Assert.Equal("wamid.ORIGINAL", m.ContextMessageId);
    }

    [Fact]
    public void Flow_reply_answers_become_fields()
    {
        var m = Single($$$"""{ {{{Head}}} "type":"interactive","interactive":{"type":"nfm_reply","nfm_reply":{"name":"flow","body":"Sent","response_json":"{\"flow_token\":\"x\",\"rating\":\"5\",\"screen_0_Preferred_date_1\":\"2026-12-24\",\"newsletter\":true}"} } }""");
        Assert.Equal(MessageType.INTERACTIVE, m.Type);
        Assert.Equal("Sent", m.ReplyOptionTitle);
        var form = m.Details!.Form!;
        Assert.Equal([("rating", "Rating", "5"), ("screen_0_Preferred_date_1", "Preferred date", "2026-12-24"), ("newsletter", "Newsletter", "Yes")],
            form.Fields.Select(f => (f.Name, f.Label, f.Value)));
        Assert.Equal("Rating: 5\nPreferred date: 2026-12-24\nNewsletter: Yes", m.Text);
    }

    [Fact]
    public void Template_quick_reply_button()
    {
        var m = Single($$$"""{"context":{"from":"15550783881","id":"wamid.TEMPLATE"}, {{{Head}}} "type":"button","button":{"payload":"STOP_PROMOS","text":"Stop promotions"}}""");
        Assert.Equal(MessageType.BUTTON, m.Type);
        Assert.Equal("STOP_PROMOS", m.ReplyOptionId);
        Assert.Equal("Stop promotions", m.ReplyOptionTitle);
    }

    [Fact]
    public void Reaction_points_at_the_message_it_reacts_to()
    {
        var m = Single($$$"""{ {{{Head}}} "type":"reaction","reaction":{"message_id":"wamid.TARGET","emoji":"❤️"}}""");
        Assert.Equal(MessageType.REACTION, m.Type);
        Assert.Equal("wamid.TARGET", m.ContextMessageId);
        Assert.Equal("❤️", m.Emoji);
        var removed = Single($$$"""{ {{{Head}}} "type":"reaction","reaction":{"message_id":"wamid.TARGET"}}""");
        Assert.Equal("", removed.Emoji);
    }

    [Theory]
    [InlineData("2", "10.50", "1", "5")]
    [InlineData("2", "10.5", "1", "5.00")]
    [InlineData("2", "\"10.50\"", "\"1\"", "\"5\"")]
    [InlineData("\"2\"", "\"10.50\"", "\"1\"", "\"5\"")]
    public void Order_quantities_and_prices_are_read_as_numbers_or_strings(string quantity, string price, string quantity2, string price2)
    {
        var m = Single($$$"""{ {{{Head}}} "type":"order","order":{"catalog_id":"1","text":"Gift wrap please","product_items":[{"product_retailer_id":"A","quantity":{{{quantity}}},"item_price":{{{price}}},"currency":"USD"},{"product_retailer_id":"B","quantity":{{{quantity2}}},"item_price":{{{price2}}},"currency":"USD"}]}}""");
        Assert.Equal(MessageType.ORDER, m.Type);
        Assert.Equal("Order of 3 item(s): Gift wrap please", m.Text);
        var order = m.Details!.Order!;
        Assert.Equal([("A", 2m, 10.5m), ("B", 1m, 5m)], order.Items.Select(i => (i.ProductRetailerId!, i.Quantity, i.ItemPrice!.Value)));
        Assert.Equal(26m, order.Total);
        Assert.Equal("USD", order.Currency);
    }

    [Fact]
    public void System_message()
    {
        var m = Single($$$"""{ {{{Head}}} "type":"system","system":{"body":"User changed number from 16315551234 to 16315559999","new_wa_id":"16315559999","type":"user_changed_number"}}""");
        Assert.Equal(MessageType.SYSTEM, m.Type);
        Assert.StartsWith("User changed number", m.Text);
    }

    [Fact]
    public void Click_to_whatsapp_referral_keeps_the_raw_referral()
    {
        var m = Single($$$"""{"referral":{"source_url":"https://fb.me/x","source_type":"ad","source_id":"1","headline":"Summer sale","body":"Up to 50%"}, {{{Head}}} "type":"text","text":{"body":"I saw your ad"}}""");
        Assert.Equal(MessageType.TEXT, m.Type);
        Assert.Contains("Summer sale", m.RawJson);
    }

    [Fact]
    public void Unsupported_and_unknown_types_are_kept_with_their_error()
    {
        var m = Single($$$"""{ {{{Head}}} "type":"unsupported","errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}]}""");
        Assert.Equal(MessageType.UNSUPPORTED, m.Type);
        Assert.Equal("Message type unknown", m.Text);
        var future = Single($$$"""{ {{{Head}}} "type":"hologram","hologram":{"id":"1"}}""");
        Assert.Equal(MessageType.UNSUPPORTED, future.Type);
        Assert.Equal("hologram", future.TypeName);
    }

    [Fact]
    public void Business_scoped_user_id_without_phone()
    {
        var parsed = WhatsAppWebhookParser.Parse(Wrap(
            """{"from_user_id":"US.13491208655302741918","id":"wamid.B","timestamp":"1749416383","type":"text","text":{"body":"hi"}}""",
            """[{"profile":{"name":"Pat"},"user_id":"US.13491208655302741918","username":"@pat"}]"""));
        var value = parsed.Changes[0].Messages!;
        var m = Assert.Single(value.Messages);
        Assert.Null(m.From);
        Assert.Equal("US.13491208655302741918", m.SenderIdentifier);
        var contact = Assert.Single(value.Contacts);
        Assert.Null(contact.WaId);
        Assert.Equal("@pat", contact.Username);
        Assert.Equal("Pat", contact.ProfileName);
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("delivered")]
    [InlineData("read")]
    public void Statuses_with_pricing(string status)
    {
        var body = $$"""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
             "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
             "statuses":[{"id":"wamid.OUT","status":"{{status}}","timestamp":"1750263773","recipient_id":"16505551234","biz_opaque_callback_data":"our-id",
               "pricing":{"billable":true,"pricing_model":"PMP","category":"utility","type":"regular"} }]} }]}]}
            """;
        var s = Assert.Single(WhatsAppWebhookParser.Parse(body).Changes[0].Messages!.Statuses);
        Assert.Equal("wamid.OUT", s.MessageId);
        Assert.Equal(status, s.Status);
        Assert.Equal("16505551234", s.RecipientId);
        Assert.Equal("utility", s.PricingCategory);
        Assert.True(s.Billable);
        Assert.Equal("our-id", s.CallbackData);
        Assert.Equal(MessageStatusMachine.FromWebhook(status), status switch { "sent" => MessageStatus.SENT, "delivered" => MessageStatus.DELIVERED, _ => MessageStatus.READ });
    }

    [Fact]
    public void Failed_status_keeps_code_title_and_details()
    {
        var body = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
             "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
             "statuses":[{"id":"wamid.OUT","status":"failed","timestamp":"1750263773","recipient_id":"16505551234",
               "errors":[{"code":131026,"title":"Message undeliverable","message":"Message undeliverable","error_data":{"details":"Message Undeliverable."}}]}]}}]}]}
            """;
        var s = Assert.Single(WhatsAppWebhookParser.Parse(body).Changes[0].Messages!.Statuses);
        Assert.Equal("failed", s.Status);
        Assert.Equal("131026", s.ErrorCode);
        Assert.Equal("Message undeliverable", s.ErrorTitle);
        Assert.Equal("Message Undeliverable.", s.ErrorDetails);
        Assert.Null(s.PricingCategory);
    }

    [Fact]
    public void Non_message_fields_are_kept_raw()
    {
        var body = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","time":1,"changes":[
              {"field":"message_template_status_update","value":{"event":"APPROVED","message_template_id":1,"message_template_name":"order_update","message_template_language":"en_US","reason":"NONE"}},
              {"field":"phone_number_quality_update","value":{"display_phone_number":"15550783881","event":"FLAGGED","current_limit":"TIER_10K"}}]}]}
            """;
        var parsed = WhatsAppWebhookParser.Parse(body);
        Assert.Equal(["message_template_status_update", "phone_number_quality_update"], parsed.Changes.Select(c => c.Field));
        Assert.All(parsed.Changes, c => Assert.Null(c.Messages));
        Assert.Contains("order_update", parsed.Changes[0].RawValueJson);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account"}""")]
    public void A_body_that_is_not_a_webhook_is_reported_not_thrown(string body)
    {
        var parsed = WhatsAppWebhookParser.Parse(body);
        Assert.NotNull(parsed.Error);
        Assert.Empty(parsed.Changes);
    }

    [Theory]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{}}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[{"type":"text","timestamp":"1"}]}}]}]}""")]
    public void Parts_that_cannot_be_used_are_skipped_and_named(string body)
    {
        var parsed = WhatsAppWebhookParser.Parse(body);
        Assert.Null(parsed.Error);
        Assert.NotEmpty(parsed.Problems!);
        Assert.All(parsed.Changes, c => Assert.Empty(c.Messages?.Messages ?? []));
    }

    [Fact]
    public void Identifiers_longer_than_any_real_one_are_not_taken_as_identifiers()
    {
        var longId = new string('9', 40);
        var parsed = WhatsAppWebhookParser.Parse(Wrap($$$"""{"from":"{{{longId}}}","id":"wamid.L","timestamp":"1749416383","type":"text","text":{"body":"hi"}}""",
            $$$"""[{"profile":{"name":"{{{new string('n', 300)}}}"},"wa_id":"{{{longId}}}"}]"""));
        var value = parsed.Changes[0].Messages!;
        Assert.Null(value.Messages[0].SenderIdentifier);
        Assert.Null(value.Contacts[0].WaId);
        Assert.Equal(200, value.Contacts[0].ProfileName!.Length);
    }

    [Fact]
    public void A_missing_or_unreadable_timestamp_takes_the_time_of_receipt_and_milliseconds_are_recognised()
    {
        var receivedAt = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
        string Body(string timestamp) => $$$"""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[{"id":"x","from":"1","type":"text","timestamp":{{{timestamp}}}}]}}]}]}""";
        Assert.Equal(receivedAt, WhatsAppWebhookParser.Parse(Body("\"soon\""), receivedAt).Changes[0].Messages!.Messages[0].Timestamp);
        Assert.Equal(receivedAt, WhatsAppWebhookParser.Parse(Body("null"), receivedAt).Changes[0].Messages!.Messages[0].Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749416383), WhatsAppWebhookParser.Parse(Body("1749416383"), receivedAt).Changes[0].Messages!.Messages[0].Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749416383), WhatsAppWebhookParser.Parse(Body("1749416383123"), receivedAt).Changes[0].Messages!.Messages[0].Timestamp);
    }
}

public sealed class MessageStatusMachineTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch.AddDays(20000);

    [Theory]
    [InlineData("sent,delivered,read", MessageStatus.READ)]
    [InlineData("read,sent,delivered", MessageStatus.READ)]
    [InlineData("delivered,sent", MessageStatus.DELIVERED)]
    [InlineData("sent,failed", MessageStatus.FAILED)]
    [InlineData("failed,sent", MessageStatus.FAILED)]
    [InlineData("failed,delivered", MessageStatus.DELIVERED)]
    [InlineData("read,failed", MessageStatus.READ)]
    public void Statuses_only_move_forward(string sequence, MessageStatus expected)
    {
        var message = new Message { Status = MessageStatus.PENDING };
        foreach (var s in sequence.Split(','))
            MessageStatusMachine.Apply(message, MessageStatusMachine.FromWebhook(s)!.Value, T, s == "failed" ? "131026" : null, s == "failed" ? "Undeliverable" : null);
        Assert.Equal(expected, message.Status);
        if (sequence.Contains("failed")) Assert.Equal("131026", message.ErrorCode);
    }

    [Fact]
    public void Every_permutation_of_sent_delivered_read_ends_read_with_all_times()
    {
        string[][] permutations = [["sent", "delivered", "read"], ["sent", "read", "delivered"], ["delivered", "sent", "read"],
            ["delivered", "read", "sent"], ["read", "sent", "delivered"], ["read", "delivered", "sent"]];
        foreach (var order in permutations)
        {
            var message = new Message { Status = MessageStatus.UNKNOWN };
            foreach (var s in order) MessageStatusMachine.Apply(message, MessageStatusMachine.FromWebhook(s)!.Value, T);
            Assert.Equal(MessageStatus.READ, message.Status);
            Assert.NotNull(message.SentAt);
            Assert.NotNull(message.DeliveredAt);
            Assert.NotNull(message.ReadAt);
        }
    }

    [Fact]
    public void Unknown_webhook_statuses_are_ignored()
    {
        Assert.Null(MessageStatusMachine.FromWebhook("warning"));
        Assert.Equal(MessageStatus.READ, MessageStatusMachine.FromWebhook("played"));
    }
}
