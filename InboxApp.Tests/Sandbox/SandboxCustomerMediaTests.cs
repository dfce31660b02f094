using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.QuickReplies;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Sandbox;

/// <summary>The sandbox customer sends files, a location and button replies, as a WhatsApp customer would.</summary>
[Collection(SharedApp.Second)]
public sealed class SandboxCustomerMediaTests(NoJobsAppFactory factory)
{
    private async Task<(SignedIn Admin, Guid ConversationId)> ConversationAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Media sandbox" })).ShouldBe(HttpStatusCode.Created);
        var started = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation", new { contact = new { name = "Filipa" }, messages = new[] { "Hi" } });
        await started.ShouldBe(HttpStatusCode.Created);
        return (admin, (await started.Data()).GetProperty("conversationId").GetGuid());
    }

    private static Task<HttpResponseMessage> SendFileAsync(HttpClient client, Guid conversationId, string type, byte[] content, string contentType, string fileName,
        string? caption = null, string? voice = null)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var form = new MultipartFormDataContent { { new StringContent(conversationId.ToString()), "conversationId" }, { new StringContent(type), "type" }, { file, "file", fileName } };
        if (caption is not null) form.Add(new StringContent(caption), "caption");
        if (voice is not null) form.Add(new StringContent(voice), "voice");
        return client.PostAsync("/api/v1/dev/simulate/media", form);
    }

    private async Task<Message> DownloadedAsync(Guid messageId)
    {
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            return await db.Messages.AnyAsync(m => m.Id == messageId && m.MediaStatus == MediaStatus.DOWNLOADED);
        }, "the simulated file to be downloaded");
        await using var read = factory.SystemDb();
        return await read.Messages.SingleAsync(m => m.Id == messageId);
    }

    [Fact]
    public async Task The_sandbox_customer_sends_a_photo_a_document_and_a_voice_note_that_the_inbox_serves()
    {
        var (admin, conversationId) = await ConversationAsync();
        var png = QuickReplyBuilders.Png();

        var photo = await SendFileAsync(admin.Client, conversationId, "image", png, "image/png", "box.png", caption: "The box");
        await photo.ShouldBe(HttpStatusCode.Created);
        var photoId = (await photo.Data()).GetProperty("messageId").GetGuid();
        var stored = await DownloadedAsync(photoId);
        Assert.Equal(MessageType.IMAGE, stored.Type);
        Assert.Equal(MessageDirection.INBOUND, stored.Direction);
        Assert.Equal("The box", stored.Caption);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), stored.MediaSha256);
        var served = await admin.Client.GetAsync($"/api/v1/messages/{photoId}/media");
        await served.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());

        var pdf = "%PDF-1.4 invoice"u8.ToArray();
        var document = await SendFileAsync(admin.Client, conversationId, "document", pdf, "application/pdf", "invoice-42.pdf");
        await document.ShouldBe(HttpStatusCode.Created);
        var doc = await DownloadedAsync((await document.Data()).GetProperty("messageId").GetGuid());
        Assert.Equal(MessageType.DOCUMENT, doc.Type);
        Assert.Equal("invoice-42.pdf", doc.FileName);

        var voice = await SendFileAsync(admin.Client, conversationId, "audio", "OggS voice"u8.ToArray(), "audio/ogg; codecs=opus", "note.ogg", voice: "true");
        await voice.ShouldBe(HttpStatusCode.Created);
        var note = await DownloadedAsync((await voice.Data()).GetProperty("messageId").GetGuid());
        Assert.Equal(MessageType.AUDIO, note.Type);
        Assert.Contains("\"voice\":true", note.RawJson);

        await using var db = factory.SystemDb();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        Assert.Equal(4, await db.Messages.CountAsync(m => m.ConversationId == conversationId && m.Direction == MessageDirection.INBOUND));
        Assert.NotNull(conversation.LastMessagePreview);
    }

    [Fact]
    public async Task Files_that_do_not_fit_their_kind_or_lack_fields_are_refused_naming_the_field()
    {
        var (admin, conversationId) = await ConversationAsync();
        var png = QuickReplyBuilders.Png();

        (await (await SendFileAsync(admin.Client, conversationId, "image", "<svg/>"u8.ToArray(), "image/svg+xml", "x.svg")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("file");
        (await (await SendFileAsync(admin.Client, conversationId, "image", "not a png at all"u8.ToArray(), "image/png", "x.png")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("file");
        (await (await SendFileAsync(admin.Client, conversationId, "audio", png, "image/png", "x.png")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("file");
        (await (await SendFileAsync(admin.Client, conversationId, "sticker", png, "image/png", "x.png")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("type");
        (await (await SendFileAsync(admin.Client, conversationId, "image", png, "image/png", "x.png", voice: "true")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("voice");
        (await (await SendFileAsync(admin.Client, conversationId, "image", png, "image/png", "x.png", caption: new string('c', 1025))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("caption");
        var noConversation = new MultipartFormDataContent { { new StringContent("image"), "type" }, { new ByteArrayContent(png), "file", "x.png" } };
        (await (await admin.Client.PostAsync("/api/v1/dev/simulate/media", noConversation)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("conversationId");
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/media", new { conversationId })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        await using var db = factory.SystemDb();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == conversationId));
    }

    [Fact]
    public async Task Another_organization_cannot_send_files_or_replies_into_a_sandbox_conversation()
    {
        var (_, conversationId) = await ConversationAsync();
        var (other, _) = await ConversationAsync();
        var agent = await factory.AddMemberAsync(other, "AGENT");

        await (await SendFileAsync(other.Client, conversationId, "image", QuickReplyBuilders.Png(), "image/png", "x.png")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "location", latitude = 38.7, longitude = -9.1 }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "interactive", buttonTitle = "Yes" }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await SendFileAsync(agent.Client, conversationId, "image", QuickReplyBuilders.Png(), "image/png", "x.png")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");

        await using var db = factory.SystemDb();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == conversationId));
    }

    [Fact]
    public async Task The_customer_answers_the_business_buttons_with_one_of_the_offered_options_and_shares_a_location()
    {
        var (admin, conversationId) = await ConversationAsync();
        var offered = await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new
        {
            type = "interactive",
            interactive = new { buttons = new { body = "Was this helpful?", buttons = new[] { new { id = "yes", title = "Yes, thanks" }, new { id = "no", title = "Not really" } } } },
        });
        await offered.ShouldBe(HttpStatusCode.Created);
        var offeredId = (await offered.Data()).GetProperty("id").GetGuid();
        string? wamid = null;
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            wamid = await db.Messages.Where(m => m.Id == offeredId).Select(m => m.WaMessageId).SingleAsync();
            return wamid is not null;
        }, "the interactive message to reach the sandbox");

        var reply = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "interactive", messageId = offeredId, buttonId = "no" });
        await reply.ShouldBe(HttpStatusCode.Created);
        var replyId = (await reply.Data()).GetProperty("messageId").GetGuid();
        (await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "interactive", messageId = offeredId, buttonId = "maybe" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR")).GetProperty("details").GetProperty("buttonId");
        (await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "interactive", messageId = Guid.NewGuid(), buttonId = "no" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR")).GetProperty("details").GetProperty("messageId");

        var location = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "location", latitude = 38.7223, longitude = -9.1393, name = "Rossio", address = "Praça Dom Pedro IV, Lisboa" });
        await location.ShouldBe(HttpStatusCode.Created);
        var locationId = (await location.Data()).GetProperty("messageId").GetGuid();
        (await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, type = "location", latitude = 91, longitude = 0 }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR")).GetProperty("details").GetProperty("latitude");

        await using (var db = factory.SystemDb())
        {
            var answer = await db.Messages.SingleAsync(m => m.Id == replyId);
            Assert.Equal(MessageType.INTERACTIVE, answer.Type);
            Assert.Equal("no", answer.ReplyOptionId);
            Assert.Equal("Not really", answer.ReplyOptionTitle);
            Assert.Equal(wamid, answer.ContextWaMessageId);
            var place = await db.Messages.SingleAsync(m => m.Id == locationId);
            Assert.Equal(MessageType.LOCATION, place.Type);
            Assert.Equal("Rossio", place.LocationName);
            Assert.Equal(38.7223, place.Latitude!.Value, 4);
        }
    }
}
