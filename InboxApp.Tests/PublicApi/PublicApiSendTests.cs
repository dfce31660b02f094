using System.Net;
using System.Text.Json.Nodes;
using InboxApp.Core.Data;
using InboxApp.Core.Templates;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.PublicApi;

/// <summary><c>POST /v1/phones/{phoneId}/messages</c> against the fake Graph API: every type reaches Meta in its own shape.</summary>
[Collection(GraphBackedApp.Collection)]
public sealed class PublicApiSendTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");
    private static readonly byte[] Mp4 = [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0, .. "mp42isom"u8, 0, 0, 0, 8, .. "free"u8];
    private static readonly byte[] Opus = "OggS\0\x02\0\0\0\0\0\0\0\0\x01\x13OpusHead"u8.ToArray();
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Webp = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8 "u8, 0x0E, 0, 0, 0, 0x30, 0x01, 0, 0x9D, 0x01, 0x2A, 1, 0, 1, 0, 0, 0, 0, 0];

    private async Task<(SignedIn Admin, HttpClient Key, CloudNumber Number)> PartnerAsync()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        return (admin, await Factory.ApiKeyClientAsync(admin), number);
    }

    private async Task ApprovedTemplateAsync(Guid organizationId, Guid phoneId, string name)
    {
        await using var db = Factory.Services.GetRequiredService<InboxDb>().For(organizationId);
        var accountId = await db.PhoneNumbers.Where(p => p.Id == phoneId).Select(p => p.AccountId).FirstAsync();
        db.Add(new MessageTemplate
        {
            AccountId = accountId, Name = name, Language = "en_US", Category = TemplateCategory.UTILITY, Status = TemplateStatus.APPROVED,
            ComponentsJson = TemplateJson.Serialize([new TemplateComponentSpec("BODY", Text: "Hi {{1}}, your order {{2}} has shipped.",
                Example: new TemplateExample(BodyText: [["Ana", "#1"]]))]),
            MetaTemplateId = "9" + Random.Shared.Next(100_000, 999_999), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private async Task<List<JsonNode>> SendsAsync(string metaId, int count)
    {
        await MessagingTestData.EventuallyAsync(() => Task.FromResult(Graph.Sends(metaId).Count >= count), $"{count} sends to Meta");
        return Graph.Sends(metaId).Select(c => JsonNode.Parse(c.Body)!).ToList();
    }

    private static object Media(byte[] bytes, string mimeType, string fileName, string? caption = null) =>
        new { data = Convert.ToBase64String(bytes), mimeType, fileName, caption };

    [Fact]
    public async Task Every_message_type_is_sent_once_through_the_one_pipeline_in_metas_shape()
    {
        var (admin, key, number) = await PartnerAsync();
        var waId = MessagingTestData.NewWaId();
        var (conversationId, inboundId, inboundWamid) = await Factory.InboundTextAsync(number.MetaId, waId);
        await ApprovedTemplateAsync(admin.OrganizationId, number.Id, "order_shipped");
        object[] bodies =
        [
            new { type = "text", to = waId, text = "Hello!", replyTo = inboundId },
            new { type = "image", to = waId, image = Media(Png, "image/png", "receipt.png", "Your receipt") },
            new { type = "video", to = waId, video = Media(Mp4, "video/mp4", "clip.mp4") },
            new { type = "audio", to = waId, audio = Media(Opus, "audio/ogg", "note.ogg") },
            new { type = "document", to = waId, document = Media(Pdf, "application/pdf", "invoice.pdf", "Invoice") },
            new { type = "sticker", to = waId, sticker = Media(Webp, "image/webp", "smile.webp") },
            new { type = "location", to = waId, location = new { latitude = -34.6037, longitude = -58.3816, name = "Store", address = "Av. Corrientes 1000" } },
            new { type = "contacts", to = waId, contacts = new[] { new { name = new { formattedName = "Support Line" }, phones = new[] { new { phone = "+1 555 010 0199", type = "WORK" } } } } },
            new { type = "interactive", to = waId, interactive = new { buttons = new { body = "How was our service?", buttons = new[] { new { id = "g", title = "Great" }, new { id = "b", title = "Bad" } } } } },
            new { type = "template", to = waId, template = new { name = "order_shipped", language = "en_US", parameters = new Dictionary<string, string> { ["1"] = "Ana", ["2"] = "#1042" } } },
            new { type = "reaction", to = waId, reaction = new { messageId = inboundId, emoji = "👍" } },
        ];
        var answered = new List<System.Text.Json.JsonElement>();
        foreach (var body in bodies) answered.Add(await key.SentAsync(number.Id, body));

        Assert.All(answered, m => Assert.Equal(conversationId, m.GetProperty("conversationId").GetGuid()));
        Assert.All(answered, m => Assert.Equal(waId, m.Str("contactIdentifier")));
        Assert.Equal(["TEXT", "IMAGE", "VIDEO", "AUDIO", "DOCUMENT", "STICKER", "LOCATION", "CONTACTS", "INTERACTIVE", "TEMPLATE", "REACTION"],
            answered.Select(m => m.Str("type")));

        var sends = await SendsAsync(number.MetaId, bodies.Length);
        Assert.Equal(bodies.Length, sends.Count);
        Assert.All(sends, p => Assert.Equal(waId, p["to"]!.GetValue<string>()));
        JsonNode Of(string type) => Assert.Single(sends, p => p["type"]!.GetValue<string>() == type);
        Assert.Equal("Hello!", Of("text")["text"]!["body"]!.GetValue<string>());
        Assert.Equal(inboundWamid, Of("text")["context"]!["message_id"]!.GetValue<string>());
        Assert.Equal("Your receipt", Of("image")["image"]!["caption"]!.GetValue<string>());
        foreach (var kind in new[] { "image", "video", "audio", "document", "sticker" })
            Assert.False(string.IsNullOrEmpty(Of(kind)[kind]!["id"]!.GetValue<string>()), $"{kind} is sent by its uploaded media id");
        Assert.Equal("invoice.pdf", Of("document")["document"]!["filename"]!.GetValue<string>());
        Assert.Equal(5, Graph.Uploads.Count(u => u.PhoneNumberId == number.MetaId));
        Assert.Equal(Png, Graph.Uploads.Single(u => u.PhoneNumberId == number.MetaId && u.MimeType == "image/png").Content);
        Assert.Equal(-34.6037, Of("location")["location"]!["latitude"]!.GetValue<double>());
        Assert.Equal("Support Line", Of("contacts")["contacts"]![0]!["name"]!["formatted_name"]!.GetValue<string>());
        Assert.Equal(["Great", "Bad"], Of("interactive")["interactive"]!["action"]!["buttons"]!.AsArray().Select(b => b!["reply"]!["title"]!.GetValue<string>()));
        var template = Of("template")["template"]!;
        Assert.Equal("order_shipped", template["name"]!.GetValue<string>());
        Assert.Equal("en_US", template["language"]!["code"]!.GetValue<string>());
        Assert.Equal(["Ana", "#1042"], template["components"]![0]!["parameters"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()));
        Assert.Equal(inboundWamid, Of("reaction")["reaction"]!["message_id"]!.GetValue<string>());
        Assert.Equal("👍", Of("reaction")["reaction"]!["emoji"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_template_to_a_bsuid_nobody_knew_creates_a_contact_without_a_phone_and_its_conversation()
    {
        var (admin, key, number) = await PartnerAsync();
        await ApprovedTemplateAsync(admin.OrganizationId, number.Id, "welcome_back");
        var bsuid = $"US.{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";

        await (await key.SendAsync(number.Id, new { type = "template", to = bsuid, template = new { name = "no_such_template" } })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await using (var before = Factory.SystemDb())
        {
            Assert.False(await before.Contacts.AnyAsync(c => c.OrganizationId == admin.OrganizationId), "an unknown template creates no contact");
            Assert.False(await before.Conversations.AnyAsync(c => c.OrganizationId == admin.OrganizationId), "an unknown template creates no conversation");
        }
        Assert.Equal(["template.parameters.body.1", "template.parameters.body.2"],
            (await (await key.SendAsync(number.Id, new { type = "template", to = bsuid, template = new { name = "welcome_back" } })).FieldErrorsAsync()).Order());
        var sent = await key.SentAsync(number.Id, new { type = "template", to = bsuid, template = new { name = "welcome_back", parameters = new Dictionary<string, string> { ["1"] = "Pat", ["2"] = "#7" } } });
        Assert.Equal(bsuid, sent.Str("contactIdentifier"));
        Assert.Equal(bsuid, sent.Str("contactReplyTo"));
        Assert.Null(sent.Str("contactPhone"));
        var payload = Assert.Single(await SendsAsync(number.MetaId, 1));
        Assert.Equal(bsuid, payload["to"]!.GetValue<string>());

        var conversation = Assert.Single((await (await key.GetAsync($"/v1/phones/{number.Id}/conversations")).Data()).EnumerateArray());
        Assert.Equal(sent.GetProperty("conversationId").GetGuid(), conversation.GetProperty("id").GetGuid());
        Assert.Null(conversation.Str("contactPhone"));
        Assert.False(conversation.GetProperty("windowOpen").GetBoolean());
        await using var db = Factory.SystemDb();
        var contact = await db.Contacts.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal(bsuid, contact.Bsuid);
        Assert.Null(contact.Phone);

        // A second template to the same BSUID reuses the contact and its conversation.
        var again = await key.SentAsync(number.Id, new { type = "template", to = bsuid, template = new { name = "welcome_back", parameters = new Dictionary<string, string> { ["1"] = "Pat", ["2"] = "#8" } } });
        Assert.Equal(sent.GetProperty("conversationId").GetGuid(), again.GetProperty("conversationId").GetGuid());
    }

    [Fact]
    public async Task A_reply_to_a_customer_who_wrote_with_a_bsuid_only_goes_to_that_identifier()
    {
        var (_, key, number) = await PartnerAsync();
        var bsuid = $"US.{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        var inbound = new JsonObject
        {
            ["from_user_id"] = bsuid, ["id"] = $"wamid.b-{Guid.NewGuid():N}", ["timestamp"] = Unix(DateTimeOffset.UtcNow.AddMinutes(-1)).ToString(),
            ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hi" },
        };
        var profile = Array(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Pat" }, ["user_id"] = bsuid, ["username"] = "@pat" });
        await (await Factory.CreateClient().SendAsync(Signed(Messages(number.MetaId, profile, Array(inbound))))).ShouldBe(HttpStatusCode.OK);
        await Factory.DrainWebhooksAsync();

        var sent = await key.SentAsync(number.Id, new { type = "text", to = bsuid, text = "Hi Pat" });
        Assert.Null(sent.Str("contactPhone"));
        Assert.Equal(bsuid, sent.Str("contactIdentifier"));
        Assert.Equal(bsuid, Assert.Single(await SendsAsync(number.MetaId, 1))["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task Outside_the_24_hour_window_only_a_template_goes_out()
    {
        var (admin, key, number) = await PartnerAsync();
        var waId = MessagingTestData.NewWaId();
        await Factory.InboundTextAsync(number.MetaId, waId, at: DateTimeOffset.UtcNow.AddHours(-25));
        await ApprovedTemplateAsync(admin.OrganizationId, number.Id, "order_shipped");

        var wrongType = await key.SendAsync(number.Id, new { type = "image", to = waId, image = Media(Pdf, "image/png", "a.png") });
        var error = await wrongType.ShouldFail(HttpStatusCode.BadRequest, "UNSUPPORTED_MEDIA_TYPE");
        Assert.Equal(["image.data"], error.GetProperty("details").EnumerateObject().Select(p => p.Name));
        await (await key.SendAsync(number.Id, new { type = "text", to = waId, text = "Still there?" })).ShouldFail(HttpStatusCode.Conflict, "WINDOW_CLOSED");
        await (await key.SendAsync(number.Id, new { type = "image", to = waId, image = Media(Png, "image/png", "a.png") })).ShouldFail(HttpStatusCode.Conflict, "WINDOW_CLOSED");
        Assert.Empty(Graph.Sends(number.MetaId));
        var sent = await key.SentAsync(number.Id, new { type = "template", to = "+" + waId, template = new { name = "order_shipped", language = "en_US", parameters = new Dictionary<string, string> { ["1"] = "Ana", ["2"] = "#9" } } });
        Assert.Equal("TEMPLATE", sent.Str("type"));
        Assert.Single(await SendsAsync(number.MetaId, 1));
    }

    [Theory]
    [InlineData("https://localhost/receipt.png", "not a public address")]        // a name that resolves to 127.0.0.1
    [InlineData("https://127.0.0.1:8443/receipt.png", "not a public address")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "not a public address")]
    [InlineData("https://[::1]/receipt.png", "not a public address")]
    [InlineData("http://files.example.com/receipt.png", "must use https")]
    [InlineData("https://user:secret@files.example.com/receipt.png", "credentials")]
    public async Task A_media_link_to_a_private_address_or_without_https_is_refused_before_anything_is_fetched(string link, string because)
    {
        var (_, key, number) = await PartnerAsync();
        var waId = MessagingTestData.NewWaId();
        await Factory.InboundTextAsync(number.MetaId, waId);

        var response = await key.SendAsync(number.Id, new { type = "image", to = waId, image = new { link, caption = "Receipt" } });
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var details = error.GetProperty("details");
        Assert.Equal(["image.link"], details.EnumerateObject().Select(p => p.Name));
        Assert.Contains(because, details.GetProperty("image.link")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(Graph.Sends(number.MetaId));
    }

    [Fact]
    public async Task A_media_message_gives_its_file_either_as_data_or_by_link()
    {
        var (_, key, number) = await PartnerAsync();
        var waId = MessagingTestData.NewWaId();
        await Factory.InboundTextAsync(number.MetaId, waId);

        var both = await key.SendAsync(number.Id, new { type = "image", to = waId, image = new { data = Convert.ToBase64String(Png), link = "https://files.example.com/a.png" } });
        Assert.Equal(["image.link"], await both.FieldErrorsAsync());
        var neither = await key.SendAsync(number.Id, new { type = "document", to = waId, document = new { fileName = "a.pdf" } });
        Assert.Equal(["document.data"], await neither.FieldErrorsAsync());
        var notUrl = await key.SendAsync(number.Id, new { type = "document", to = waId, document = new { link = "files/a.pdf" } });
        Assert.Equal(["document.link"], await notUrl.FieldErrorsAsync());
        Assert.Empty(Graph.Sends(number.MetaId));
    }
}
