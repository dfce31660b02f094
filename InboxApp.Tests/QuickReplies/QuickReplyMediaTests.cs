using System.Net;
using System.Net.Http.Json;
using System.Text;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.QuickReplies;

[Collection(SharedApp.Second)]
public sealed class QuickReplyMediaTests(NoJobsAppFactory factory)
{
    private string MediaFolder => Path.Combine(factory.DataDirectory, "media", "quick-replies");

    /// <summary>The attachment files stored for one organization.</summary>
    private IReadOnlyList<string> StoredFiles(Guid organizationId)
    {
        var folder = Path.Combine(MediaFolder, organizationId.ToString("N"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    [Fact]
    public async Task An_image_is_attached_served_to_every_role_replaced_and_removed()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var reply = await admin.Client.CreateQuickReplyAsync("catalog", "Here is our catalog");
        var png = QuickReplyBuilders.Png(2048);

        var uploaded = await admin.Client.UploadAsync(reply.Id(), png, "image/png", "C:\\photos\\catalog.png");
        await uploaded.ShouldBe(HttpStatusCode.OK);
        var media = (await uploaded.Data()).GetProperty("media");
        Assert.Equal("image/png", media.Str("mimeType"));
        Assert.Equal("catalog.png", media.Str("fileName"));
        Assert.Equal(2048, media.GetProperty("size").GetInt64());
        Assert.Equal($"/api/v1/quick-replies/{reply.Id()}/media", media.Str("url"));

        var served = await agent.Client.GetAsync(media.Str("url"));
        await served.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        var listed = Assert.Single((await (await agent.Client.GetAsync("/api/v1/quick-replies")).Data()).EnumerateArray());
        Assert.Equal("catalog.png", listed.GetProperty("media").Str("fileName"));
        Assert.Single(StoredFiles(admin.OrganizationId));

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% price list\n");
        var replaced = await (await admin.Client.UploadAsync(reply.Id(), pdf, "application/pdf", "prices.pdf")).Data();
        Assert.Equal("application/pdf", replaced.GetProperty("media").Str("mimeType"));
        var download = await agent.Client.GetAsync(media.Str("url"));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Single(StoredFiles(admin.OrganizationId));

        var removed = await (await admin.Client.DeleteAsync($"/api/v1/quick-replies/{reply.Id()}/media")).Data();
        Assert.False(removed.TryGetProperty("media", out _));
        Assert.Empty(StoredFiles(admin.OrganizationId));
        await (await agent.Client.GetAsync(media.Str("url"))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"/api/v1/quick-replies/{reply.Id()}/media")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Deleting_a_quick_reply_deletes_its_attachment_file()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var single = await admin.Client.CreateQuickReplyAsync("single");
        var bulk = await admin.Client.CreateQuickReplyAsync("bulk");
        await (await admin.Client.UploadAsync(single.Id(), QuickReplyBuilders.Png(), "image/png")).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.UploadAsync(bulk.Id(), QuickReplyBuilders.Png(), "image/png")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, StoredFiles(admin.OrganizationId).Count);

        await (await admin.Client.DeleteAsync($"/api/v1/quick-replies/{single.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Single(StoredFiles(admin.OrganizationId));
        await (await admin.Client.PostAsJsonAsync("/api/v1/quick-replies/bulk", new { action = "delete", selection = new { mode = "ids", ids = new[] { bulk.Id() } } }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Empty(StoredFiles(admin.OrganizationId));
    }

    [Theory]
    [InlineData("image/svg+xml", "logo.svg")]
    [InlineData("image/webp", "sticker.webp")]
    [InlineData("application/zip", "archive.zip")]
    [InlineData("text/html", "page.html")]
    [InlineData("application/octet-stream", "blob.bin")]
    public async Task Types_WhatsApp_cannot_send_are_refused(string contentType, string fileName)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var reply = await admin.Client.CreateQuickReplyAsync("file");
        var error = await (await admin.Client.UploadAsync(reply.Id(), QuickReplyBuilders.Png(), contentType, fileName)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("file", out _));
        var stored = Assert.Single((await (await admin.Client.GetAsync("/api/v1/quick-replies/all")).Data()).EnumerateArray());
        Assert.False(stored.TryGetProperty("media", out _));
    }

    [Fact]
    public async Task Uploads_that_are_not_what_they_claim_empty_or_malformed_are_refused()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var reply = await admin.Client.CreateQuickReplyAsync("broken");
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");

        async Task FileErrorAsync(HttpResponseMessage response)
        {
            var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty("file", out _));
        }

        await FileErrorAsync(await admin.Client.UploadAsync(reply.Id(), html, "image/png", "fake.png"));
        await FileErrorAsync(await admin.Client.UploadAsync(reply.Id(), QuickReplyBuilders.Png(), "image/jpeg", "fake.jpg"));
        await FileErrorAsync(await admin.Client.UploadAsync(reply.Id(), [], "application/pdf", "empty.pdf"));
        await FileErrorAsync(await admin.Client.UploadAsync(reply.Id(), QuickReplyBuilders.Png(), "image/png", field: "avatar"));
        await FileErrorAsync(await admin.Client.PostRawJsonAsync($"/api/v1/quick-replies/{reply.Id()}/media", "{\"file\":\"x\"}"));
        Assert.Empty(StoredFiles(admin.OrganizationId));
    }

    [Fact]
    public async Task Files_over_WhatsApps_limit_for_their_kind_are_refused_as_too_large()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var reply = await admin.Client.CreateQuickReplyAsync("big");
        const int fiveMb = 5 * 1024 * 1024;

        var error = await (await admin.Client.UploadAsync(reply.Id(), QuickReplyBuilders.Png(fiveMb + 1), "image/png", "huge.png"))
            .ShouldFail(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Contains("5 MB", error.GetProperty("message").GetString());
        Assert.Empty(StoredFiles(admin.OrganizationId));

        // The same size is fine for a document (WhatsApp allows 100 MB), and exactly 5 MB is fine for an image.
        var document = new byte[fiveMb + 1];
        await (await admin.Client.UploadAsync(reply.Id(), document, "application/pdf", "big.pdf")).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.UploadAsync(reply.Id(), QuickReplyBuilders.Png(fiveMb), "image/png", "edge.png")).ShouldBe(HttpStatusCode.OK);
    }
}
