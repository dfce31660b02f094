using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Messaging;

[Collection(GraphBackedApp.Collection)]
public sealed class MediaMessagesTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");

    private async Task<(SignedIn Admin, CloudNumber Number, Guid ConversationId, string WaId)> ConversationAsync(bool validToken = true, DateTimeOffset? at = null)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId, validToken);
        var waId = MessagingTestData.NewWaId();
        var (conversationId, _, _) = await Factory.InboundTextAsync(number.MetaId, waId, at: at);
        return (admin, number, conversationId, waId);
    }

    private static Task<HttpResponseMessage> SendFileAsync(SignedIn who, Guid conversationId, byte[] content, string contentType, string fileName,
        string? caption = null, Guid? replyTo = null, string? type = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        if (caption is not null) form.Add(new StringContent(caption), "caption");
        if (replyTo is not null) form.Add(new StringContent(replyTo.ToString()!), "replyTo");
        if (type is not null) form.Add(new StringContent(type), "type");
        return who.Client.PostAsync($"/api/v1/conversations/{conversationId}/messages/media", form);
    }

    private List<FakeGraphApi.Upload> UploadsOf(string phoneId) => Graph.Uploads.Where(u => u.PhoneNumberId == phoneId).ToList();

    [Fact]
    public async Task An_image_is_stored_uploaded_to_meta_then_sent_by_media_id_and_shown_in_the_thread()
    {
        var (admin, number, conversationId, waId) = await ConversationAsync();
        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        var png = TestImages.Png(4, 4);

        var response = await SendFileAsync(agent, conversationId, png, "image/png", "photo.png", caption: "Here is the label");
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        Assert.Equal("IMAGE", data.GetProperty("type").GetString());
        Assert.Equal("Here is the label", data.GetProperty("caption").GetString());
        Assert.Equal("image/png", data.GetProperty("mimeType").GetString());
        Assert.Equal(png.Length, data.GetProperty("mediaSize").GetInt64());
        Assert.Equal("PENDING", data.GetProperty("status").GetString());
        Assert.StartsWith("wamid.", data.GetProperty("waMessageId").GetString());

        var upload = Assert.Single(UploadsOf(number.MetaId));
        Assert.Equal("image/png", upload.MimeType);
        Assert.Equal(png, upload.Content);
        var upCall = Assert.Single(Graph.CallsTo($"{number.MetaId}/media"));
        Assert.Equal(number.Token, upCall.Token);
        var payload = JsonNode.Parse(Assert.Single(Graph.Sends(number.MetaId)).Body)!;
        Assert.Equal(waId, payload["to"]!.GetValue<string>());
        Assert.Equal("image", payload["type"]!.GetValue<string>());
        Assert.Equal(upload.MediaId, payload["image"]!["id"]!.GetValue<string>());
        Assert.Equal("Here is the label", payload["image"]!["caption"]!.GetValue<string>());
        Assert.Null(payload["image"]!["link"]);

        // The thread shows our own file at once.
        var mediaUrl = data.GetProperty("mediaUrl").GetString()!;
        var served = await agent.Client.GetAsync(mediaUrl);
        await served.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());

        await using var db = Factory.SystemDb();
        var stored = await db.Messages.SingleAsync(m => m.Id == data.GetProperty("id").GetGuid());
        Assert.Equal(upload.MediaId, stored.MediaId);
        Assert.Equal(MediaStatus.DOWNLOADED, stored.MediaStatus);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        Assert.Equal("📷 Here is the label", conversation.LastMessagePreview);
        Assert.Equal(MessageDirection.OUTBOUND, conversation.LastMessageDirection);
    }

    [Fact]
    public async Task A_document_keeps_its_file_name_and_caption_and_can_quote_a_message()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, inboundId, inboundWamid) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId(), "Can I get the invoice?");

        var data = await (await SendFileAsync(admin, conversationId, Pdf, "application/pdf", @"C:\Users\me\invoice-42.pdf", caption: "Your invoice", replyTo: inboundId)).Data();
        Assert.Equal("DOCUMENT", data.GetProperty("type").GetString());
        Assert.Equal("invoice-42.pdf", data.GetProperty("fileName").GetString());
        Assert.Equal(inboundWamid, data.GetProperty("replyToWaMessageId").GetString());
        var payload = JsonNode.Parse(Assert.Single(Graph.Sends(number.MetaId)).Body)!;
        Assert.Equal("document", payload["type"]!.GetValue<string>());
        Assert.Equal("invoice-42.pdf", payload["document"]!["filename"]!.GetValue<string>());
        Assert.Equal("Your invoice", payload["document"]!["caption"]!.GetValue<string>());
        Assert.Equal(inboundWamid, payload["context"]!["message_id"]!.GetValue<string>());
        Assert.Equal("invoice-42.pdf", Assert.Single(UploadsOf(number.MetaId)).FileName);
    }

    [Fact]
    public async Task Files_over_whatsapps_limit_for_their_kind_are_refused_with_413_before_anything_is_uploaded()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        var error = await (await SendFileAsync(admin, conversationId, TestImages.PngOfSize(5 * 1024 * 1024 + 1), "image/png", "big.png"))
            .ShouldFail(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Contains("5 MB", error.GetProperty("message").GetString());
        Assert.True(error.GetProperty("details").TryGetProperty("file", out _));
        // Exactly at the limit is fine.
        await (await SendFileAsync(admin, conversationId, TestImages.PngOfSize(5 * 1024 * 1024), "image/png", "limit.png")).ShouldBe(HttpStatusCode.Created);
        Assert.Single(UploadsOf(number.MetaId));
    }

    [Fact]
    public async Task Types_whatsapp_does_not_take_and_files_that_lie_about_their_type_are_refused()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        var gif = "GIF89a\x01\x00\x01\x00\x00\x00\x00;"u8.ToArray();
        var e1 = await (await SendFileAsync(admin, conversationId, gif, "image/gif", "anim.gif")).ShouldFail(HttpStatusCode.BadRequest, OutboundMediaRules.UnsupportedMediaType);
        Assert.Contains("image/gif", e1.GetProperty("message").GetString());
        // Declared PNG, but the bytes are a PDF.
        await (await SendFileAsync(admin, conversationId, Pdf, "image/png", "fake.png")).ShouldFail(HttpStatusCode.BadRequest, OutboundMediaRules.UnsupportedMediaType);
        // Voice notes must be Ogg/Opus.
        var vorbis = "OggS\0\x02\0\0\0\0\0\0\0\0\x01vorbis"u8.ToArray();
        var e3 = await (await SendFileAsync(admin, conversationId, vorbis, "audio/ogg", "voice.ogg")).ShouldFail(HttpStatusCode.BadRequest, OutboundMediaRules.UnsupportedMediaType);
        Assert.Contains("Opus", e3.GetProperty("message").GetString());
        // A PNG cannot be sent as a sticker (stickers are WebP).
        await (await SendFileAsync(admin, conversationId, TestImages.Png(), "image/png", "s.png", type: "sticker")).ShouldFail(HttpStatusCode.BadRequest, OutboundMediaRules.UnsupportedMediaType);
        // Audio shows no caption on WhatsApp.
        var opus = "OggS\0\x02\0\0\0\0\0\0\0\0\x01\x13OpusHead"u8.ToArray();
        var e5 = await (await SendFileAsync(admin, conversationId, opus, "audio/ogg", "voice.ogg", caption: "listen")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(e5.GetProperty("details").TryGetProperty("caption", out _));
        await (await SendFileAsync(admin, conversationId, Pdf, "application/pdf", "a.pdf", type: "hologram")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await SendFileAsync(admin, conversationId, Pdf, "application/pdf", "a.pdf", caption: new string('c', 1025))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        // Not multipart, or no file field.
        var url = $"/api/v1/conversations/{conversationId}/messages/media";
        await (await admin.Client.PostRawJsonAsync(url, "{}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var noFile = new MultipartFormDataContent { { new StringContent("hi"), "caption" } };
        var e6 = await (await admin.Client.PostAsync(url, noFile)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(e6.GetProperty("details").TryGetProperty("file", out _));
        Assert.Empty(UploadsOf(number.MetaId));
        Assert.Empty(Graph.Sends(number.MetaId));

        // The Ogg/Opus voice note without a caption goes through.
        var voice = await (await SendFileAsync(admin, conversationId, opus, "audio/ogg", "voice.ogg")).Data();
        Assert.Equal("AUDIO", voice.GetProperty("type").GetString());
        Assert.Equal("audio", JsonNode.Parse(Assert.Single(Graph.Sends(number.MetaId)).Body)!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Media_outside_the_window_is_refused_and_nothing_is_stored_or_uploaded()
    {
        var (admin, number, conversationId, _) = await ConversationAsync(at: DateTimeOffset.UtcNow.AddHours(-30));
        await (await SendFileAsync(admin, conversationId, TestImages.Png(), "image/png", "p.png")).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.WindowClosed);
        Assert.Empty(UploadsOf(number.MetaId));
        await using var db = Factory.SystemDb();
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == conversationId && m.Direction == MessageDirection.OUTBOUND));
        var folder = Path.Combine(Factory.DataDirectory, "media", "messages", admin.OrganizationId.ToString("N"));
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
    }

    [Fact]
    public async Task A_media_error_from_meta_is_kept_on_the_message_with_code_title_and_details()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 131053, "(#131053) Media upload error"));
        var data = await (await SendFileAsync(admin, conversationId, TestImages.Png(), "image/png", "p.png")).Data();
        Assert.Equal("FAILED", data.GetProperty("status").GetString());
        var error = data.GetProperty("error");
        Assert.Equal("131053", error.GetProperty("code").GetString());
        Assert.Equal("Media upload error", error.GetProperty("title").GetString());
        Assert.Contains("131053", error.GetProperty("details").GetString());

        // Retrying uploads the file again and sends it by the new id.
        var retried = await (await admin.Client.PostAsync($"/api/v1/messages/{data.GetProperty("id").GetGuid()}/retry-send", null)).Data();
        Assert.Equal("PENDING", retried.GetProperty("status").GetString());
        Assert.Equal(2, UploadsOf(number.MetaId).Count);
        var last = JsonNode.Parse(Graph.Sends(number.MetaId).Last().Body)!;
        Assert.Equal(UploadsOf(number.MetaId).Last().MediaId, last["image"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_upload_fails_the_message_and_an_expired_token_raises_an_alert()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        Graph.Failures.Enqueue(($"{number.MetaId}/media", 400, 131053, "(#131053) Media upload error"));
        var failed = await (await SendFileAsync(admin, conversationId, TestImages.Png(), "image/png", "p.png")).Data();
        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        Assert.Equal("131053", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(Graph.Sends(number.MetaId));

        var (other, otherNumber, otherConversation, _) = await ConversationAsync(validToken: false);
        var expired = await (await SendFileAsync(other, otherConversation, TestImages.Png(), "image/png", "p.png")).Data();
        Assert.Equal("FAILED", expired.GetProperty("status").GetString());
        Assert.Equal("190", expired.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(Graph.Sends(otherNumber.MetaId));
        var alert = Assert.Single((await (await other.Client.GetAsync("/api/v1/whatsapp-accounts/alerts?unacknowledged=true")).Data()).EnumerateArray());
        Assert.Equal("TOKEN", alert.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Another_organizations_conversation_is_not_found_for_media()
    {
        var (_, number, conversationId, _) = await ConversationAsync();
        var other = await Factory.RegisterOrganizationAsync();
        await (await SendFileAsync(other, conversationId, TestImages.Png(), "image/png", "p.png")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await SendFileAsync(other, Guid.NewGuid(), TestImages.Png(), "image/png", "p.png")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty(UploadsOf(number.MetaId));
    }

    [Fact]
    public async Task A_media_message_on_the_sandbox_goes_sent_delivered_read()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Sandbox" })).ShouldBe(HttpStatusCode.Created);
        var simulated = await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation",
            new { contact = new { name = "Ana" }, messages = new[] { "Send me the brochure" } })).Data();
        var conversationId = simulated.GetProperty("conversationId").GetGuid();

        var data = await (await SendFileAsync(admin, conversationId, Pdf, "application/pdf", "brochure.pdf", caption: "Our brochure")).Data();
        var id = data.GetProperty("id").GetGuid();
        Assert.StartsWith("wamid.SBX", data.GetProperty("waMessageId").GetString());
        Assert.NotNull(data.GetProperty("mediaUrl").GetString());
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = Factory.SystemDb();
            return await db.Messages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync() == MessageStatus.READ;
        }, "the sandbox document to be read");
        await using var check = Factory.SystemDb();
        var message = await check.Messages.SingleAsync(m => m.Id == id);
        Assert.StartsWith("sandbox-media-", message.MediaId);
        Assert.NotNull(message.SentAt);
        Assert.NotNull(message.DeliveredAt);
    }
}
