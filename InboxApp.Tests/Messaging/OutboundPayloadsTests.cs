using System.Text.Json.Nodes;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Messaging;

namespace InboxApp.Tests.Messaging;

/// <summary>The Cloud API payloads, compared with the JSON Meta documents for each type, and WhatsApp's limits.</summary>
public sealed class OutboundPayloadsTests
{
    private static readonly Guid MessageId = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

    private static void SameJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\n but got {actual.ToJsonString()}");

    private static IReadOnlyDictionary<string, string[]> Refused(Action check)
    {
        var e = Assert.Throws<InboxException>(check);
        Assert.Equal(400, e.StatusCode);
        Assert.Equal("VALIDATION_ERROR", e.Code);
        return e.Details!;
    }

    [Fact]
    public void An_image_is_sent_by_media_id_with_its_caption_inside_the_envelope()
    {
        var payload = CloudApiPayloads.Envelope("16505551234", MessageContentJson.Media(MessageType.IMAGE, "1479537139650973", "The receipt", "ignored.png"), "wamid.Q", MessageId);
        SameJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"image",
             "image":{"id":"1479537139650973","caption":"The receipt"},
             "biz_opaque_callback_data":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","context":{"message_id":"wamid.Q"}}
            """, payload);
    }

    [Fact]
    public void Documents_carry_caption_and_filename_while_audio_and_stickers_carry_only_the_id()
    {
        SameJson("""{"type":"document","document":{"id":"42","caption":"Invoice","filename":"invoice.pdf"}}""",
            MessageContentJson.Media(MessageType.DOCUMENT, "42", "Invoice", "invoice.pdf"));
        SameJson("""{"type":"video","video":{"id":"42","caption":"Demo"}}""", MessageContentJson.Media(MessageType.VIDEO, "42", "Demo", "demo.mp4"));
        SameJson("""{"type":"audio","audio":{"id":"42"}}""", MessageContentJson.Media(MessageType.AUDIO, "42", "no caption", "voice.ogg"));
        SameJson("""{"type":"sticker","sticker":{"id":"42"}}""", MessageContentJson.Media(MessageType.STICKER, "42", null, "s.webp"));
    }

    [Fact]
    public void A_reaction_names_the_message_and_the_emoji_and_an_empty_emoji_removes_it()
    {
        SameJson("""{"type":"reaction","reaction":{"message_id":"wamid.HBgL","emoji":"\uD83D\uDC4D"}}""", MessageContentJson.Reaction("wamid.HBgL", "👍"));
        SameJson("""{"type":"reaction","reaction":{"message_id":"wamid.HBgL","emoji":""}}""", MessageContentJson.Reaction("wamid.HBgL", ""));
    }

    [Fact]
    public void Reply_buttons_follow_metas_interactive_button_shape()
    {
        var content = MessageContentJson.Interactive(new InteractiveContent(Buttons: new InteractiveButtons("Was this helpful?",
            [new ReplyButton("yes", "Yes"), new ReplyButton("no", "No")], Header: "Survey", Footer: "Acme")));
        SameJson("""
            {"type":"interactive","interactive":{"type":"button","header":{"type":"text","text":"Survey"},"body":{"text":"Was this helpful?"},
             "footer":{"text":"Acme"},"action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}},{"type":"reply","reply":{"id":"no","title":"No"}}]}}}
            """, content);
    }

    [Fact]
    public void A_list_has_a_button_and_sections_of_rows()
    {
        var content = MessageContentJson.Interactive(new InteractiveContent(List: new InteractiveList("Pick a slot", "Slots",
            [new ListSection("Monday", [new ListRow("mon-9", "9:00", "Morning"), new ListRow("mon-14", "14:00")])])));
        SameJson("""
            {"type":"interactive","interactive":{"type":"list","body":{"text":"Pick a slot"},"action":{"button":"Slots",
             "sections":[{"title":"Monday","rows":[{"id":"mon-9","title":"9:00","description":"Morning"},{"id":"mon-14","title":"14:00"}]}]}}}
            """, content);
    }

    [Fact]
    public void Location_and_contacts_follow_metas_shapes()
    {
        SameJson("""{"type":"location","location":{"latitude":37.4847,"longitude":-122.1477,"name":"HQ","address":"1 Hacker Way"}}""",
            MessageContentJson.Location(new LocationContent(37.4847, -122.1477, "HQ", "1 Hacker Way")));
        var contacts = MessageContentJson.Contacts([new ContactCard(new ContactName("Jane Doe", "Jane", "Doe"),
            Phones: [new ContactPhone("+1 650 555 1234", "WORK", "16505551234")], Emails: [new ContactEmail("jane@acme.test", "WORK")],
            Org: new ContactOrg("Acme", Title: "Support"), Urls: [new ContactUrl("https://acme.test")])]);
        SameJson("""
            {"type":"contacts","contacts":[{"name":{"formatted_name":"Jane Doe","first_name":"Jane","last_name":"Doe"},
             "phones":[{"phone":"+1 650 555 1234","type":"WORK","wa_id":"16505551234"}],"emails":[{"email":"jane@acme.test","type":"WORK"}],
             "org":{"company":"Acme","title":"Support"},"urls":[{"url":"https://acme.test"}]}]}
            """, contacts);
    }

    [Fact]
    public void A_template_has_name_language_and_components_with_parameters()
    {
        var content = MessageContentJson.Template(new TemplateContent("order_update", "en_US",
        [
            new TemplateComponent("header", [new TemplateParameter("image", Image: new TemplateMedia(Id: "2762702990552401"))]),
            new TemplateComponent("body", [new TemplateParameter("text", Text: "Jane"),
                new TemplateParameter("currency", Currency: new TemplateCurrency("$100.99", "USD", 100990))]),
            new TemplateComponent("button", [new TemplateParameter("payload", Payload: "TRACK")], SubType: "quick_reply", Index: 0),
        ]));
        SameJson("""
            {"type":"template","template":{"name":"order_update","language":{"code":"en_US"},"components":[
              {"type":"header","parameters":[{"type":"image","image":{"id":"2762702990552401"}}]},
              {"type":"body","parameters":[{"type":"text","text":"Jane"},{"type":"currency","currency":{"fallback_value":"$100.99","code":"USD","amount_1000":100990}}]},
              {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"TRACK"}]}]}}
            """, content);
    }

    [Fact]
    public void Named_template_parameters_carry_their_names()
    {
        var content = MessageContentJson.Template(new TemplateContent("welcome", "es", [new TemplateComponent("body", [new TemplateParameter("text", Text: "Ana", ParameterName: "first_name")])]));
        SameJson("""{"type":"template","template":{"name":"welcome","language":{"code":"es"},"components":[{"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Ana"}]}]}}""", content);
    }

    [Fact]
    public void Buttons_beyond_whatsapps_limits_are_refused_with_the_field()
    {
        var four = Refused(() => OutboundValidation.Interactive(new InteractiveContent(new InteractiveButtons("Hi",
            [new ReplyButton("a", "A"), new ReplyButton("b", "B"), new ReplyButton("c", "C"), new ReplyButton("d", "D")]))));
        Assert.Contains("interactive.buttons.buttons", four.Keys);
        var longTitle = Refused(() => OutboundValidation.Interactive(new InteractiveContent(new InteractiveButtons("Hi", [new ReplyButton("a", new string('x', 21))]))));
        Assert.Contains("interactive.buttons.buttons[0].title", longTitle.Keys);
        var duplicate = Refused(() => OutboundValidation.Interactive(new InteractiveContent(new InteractiveButtons("Hi", [new ReplyButton("a", "Yes"), new ReplyButton("a", "No")]))));
        Assert.Contains("interactive.buttons.buttons", duplicate.Keys);
        Refused(() => OutboundValidation.Interactive(new InteractiveContent(new InteractiveButtons(new string('x', 1025), [new ReplyButton("a", "A")]))));
        // Exactly at the limits passes.
        OutboundValidation.Interactive(new InteractiveContent(new InteractiveButtons(new string('x', 1024),
            [new ReplyButton("a", new string('t', 20)), new ReplyButton("b", "B"), new ReplyButton("c", "C")])));
    }

    [Fact]
    public void Lists_beyond_whatsapps_limits_are_refused_with_the_field()
    {
        var rows = Enumerable.Range(0, 11).Select(i => new ListRow($"r{i}", $"Row {i}")).ToList();
        Assert.Contains("interactive.list.sections", Refused(() => OutboundValidation.Interactive(new InteractiveContent(List: new InteractiveList("Body", "Open", [new ListSection("S", rows)])))).Keys);
        var untitled = Refused(() => OutboundValidation.Interactive(new InteractiveContent(List: new InteractiveList("Body", "Open",
            [new ListSection(null, [new ListRow("a", "A")]), new ListSection("Two", [new ListRow("b", "B")])]))));
        Assert.Contains("interactive.list.sections[0].title", untitled.Keys);
        var tooLong = Refused(() => OutboundValidation.Interactive(new InteractiveContent(List: new InteractiveList("Body", new string('b', 21),
            [new ListSection("S", [new ListRow("a", new string('t', 25), new string('d', 73))])]))));
        Assert.Contains("interactive.list.button", tooLong.Keys);
        Assert.Contains("interactive.list.sections[0].rows[0].title", tooLong.Keys);
        Assert.Contains("interactive.list.sections[0].rows[0].description", tooLong.Keys);
        Assert.Contains("interactive", Refused(() => OutboundValidation.Interactive(new InteractiveContent())).Keys);
    }

    [Fact]
    public void Locations_contacts_and_templates_are_checked_before_meta_sees_them()
    {
        Assert.Contains("location.latitude", Refused(() => OutboundValidation.Location(new LocationContent(91, 0))).Keys);
        Assert.Contains("location.longitude", Refused(() => OutboundValidation.Location(new LocationContent(0, null))).Keys);
        Assert.Contains("contacts[0].name.formattedName", Refused(() => OutboundValidation.Contacts([new ContactCard(null, Phones: [new ContactPhone("+1 555 0100")])])).Keys);
        Assert.Contains("contacts[0].phones[0].phone", Refused(() => OutboundValidation.Contacts([new ContactCard(new ContactName("A"), Phones: [new ContactPhone("call me")])])).Keys);
        Assert.Contains("template.name", Refused(() => OutboundValidation.Template(new TemplateContent("Order Update", "en_US"))).Keys);
        Assert.Contains("template.language", Refused(() => OutboundValidation.Template(new TemplateContent("order_update", "english"))).Keys);
        Assert.Contains("template.components[0].parameters[0].text", Refused(() => OutboundValidation.Template(new TemplateContent("t", "en",
            [new TemplateComponent("header", [new TemplateParameter("text", Text: new string('h', 61))])]))).Keys);
        Assert.Contains("template.components[0].subType", Refused(() => OutboundValidation.Template(new TemplateContent("t", "en",
            [new TemplateComponent("button", [new TemplateParameter("payload", Payload: "X")], SubType: "teleport", Index: 0)]))).Keys);
    }

    [Theory]
    [InlineData("👍", true)]
    [InlineData("❤️", true)]
    [InlineData("👍🏽", true)]
    [InlineData("🇧🇷", true)]
    [InlineData("1️⃣", true)]
    [InlineData("", true)]
    [InlineData("a", false)]
    [InlineData("👍👍", false)]
    [InlineData("ok", false)]
    [InlineData("1", false)]
    public void A_reaction_is_one_emoji_or_empty(string emoji, bool accepted)
    {
        if (accepted) OutboundValidation.Emoji(emoji);
        else Assert.Contains("emoji", Refused(() => OutboundValidation.Emoji(emoji)).Keys);
    }
}
