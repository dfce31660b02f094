using System.Net;
using System.Text.Json.Nodes;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Tests.PublicApi;

/// <summary>
/// Media sent by <c>link</c> on <c>POST /v1/phones/{phoneId}/messages</c>: the platform downloads the file (this host may
/// reach loopback, as a development setup with <c>OutgoingWebhooks:AllowPrivateTargets</c>), stores it so the inbox shows it,
/// and sends it to Meta by media id; a link that redirects, fails, serves the wrong type or too much is a 400 on the link.
/// (Refusals of private addresses are in <see cref="PublicApiSendTests"/>, on a host that does not allow them.)
/// </summary>
[Collection(PartnerGraphApp.Name)]
public sealed class PublicApiMediaLinkTests(PartnerGraphApp app) : IAsyncLifetime
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;
    private WebApplication files = null!;
    private string filesUrl = "";

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();
    private const long ImageLimit = 5L * 1024 * 1024;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        files = builder.Build();
        files.MapGet("/receipt.png", () => Results.Bytes(Png, "image/png"));
        files.MapGet("/invoice", () => Results.Bytes(Pdf, "application/pdf"));
        files.MapGet("/page.png", () => Results.Text("<html>not an image</html>", "text/html"));
        files.MapGet("/big.png", () => Results.Bytes(new byte[ImageLimit + 1], "image/png"));
        files.MapGet("/endless.png", async (HttpContext context) =>
        {
            // No Content-Length: the limit must hold on what arrives.
            context.Response.ContentType = "image/png";
            await context.Response.Body.WriteAsync(Png);
            var chunk = new byte[64 * 1024];
            for (long sent = 0; sent <= ImageLimit && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        });
        files.MapGet("/moved.png", () => Results.Redirect("/receipt.png"));
        files.MapGet("/gone.png", () => Results.NotFound());
        await files.StartAsync();
        filesUrl = files.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await files.DisposeAsync();

    /// <summary>A number whose customer wrote (the window is open), its API key and the customer's wa_id.</summary>
    private async Task<(SignedIn Admin, HttpClient Key, CloudNumber Number, string WaId)> OpenWindowAsync()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var waId = MessagingTestData.NewWaId();
        await Factory.InboundTextAsync(number.MetaId, waId);
        return (admin, await Factory.ApiKeyClientAsync(admin), number, waId);
    }

    [Fact]
    public async Task An_image_and_a_document_by_link_are_downloaded_stored_for_the_inbox_and_sent_to_meta_by_media_id()
    {
        var (admin, key, number, waId) = await OpenWindowAsync();

        var image = await key.SentAsync(number.Id, new { type = "image", to = waId, image = new { link = filesUrl + "/receipt.png", caption = "Your receipt" } });
        var document = await key.SentAsync(number.Id, new { type = "document", to = waId, document = new { link = filesUrl + "/invoice", fileName = "invoice-1042.pdf" } });

        await MessagingTestData.EventuallyAsync(() => Task.FromResult(Graph.Sends(number.MetaId).Count >= 2), "two sends to Meta");
        var sends = Graph.Sends(number.MetaId).Select(c => JsonNode.Parse(c.Body)!).ToList();
        var sentImage = sends.Single(s => s["type"]!.GetValue<string>() == "image")["image"]!;
        Assert.NotNull(sentImage["id"]);
        Assert.Null(sentImage["link"]); // Meta gets our upload, never the partner's link
        Assert.Equal("Your receipt", sentImage["caption"]!.GetValue<string>());
        Assert.Equal("invoice-1042.pdf", sends.Single(s => s["type"]!.GetValue<string>() == "document")["document"]!["filename"]!.GetValue<string>());
        Assert.Equal(Png, Graph.Uploads.Single(u => u.PhoneNumberId == number.MetaId && u.MimeType == "image/png").Content);
        Assert.Equal(Pdf, Graph.Uploads.Single(u => u.PhoneNumberId == number.MetaId && u.MimeType == "application/pdf").Content);

        // The inbox shows the files: they were stored when sent.
        var served = await admin.Client.GetAsync(image.GetProperty("mediaUrl").GetString());
        await served.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(Pdf, await (await admin.Client.GetAsync(document.GetProperty("mediaUrl").GetString())).Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/page.png", "text/html")]
    [InlineData("/big.png", "at most 5 MB")]
    [InlineData("/endless.png", "at most 5 MB")]
    [InlineData("/moved.png", "redirects")]
    [InlineData("/gone.png", "answered 404")]
    public async Task A_link_that_serves_the_wrong_type_too_much_a_redirect_or_nothing_is_refused_on_the_link(string path, string because)
    {
        var (_, key, number, waId) = await OpenWindowAsync();
        var response = await key.SendAsync(number.Id, new { type = "image", to = waId, image = new { link = filesUrl + path } });
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var details = error.GetProperty("details");
        Assert.Equal(["image.link"], details.EnumerateObject().Select(p => p.Name));
        Assert.Contains(because, details.GetProperty("image.link")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(Graph.Sends(number.MetaId));
        Assert.DoesNotContain(Graph.Uploads, u => u.PhoneNumberId == number.MetaId);
        await using var db = Factory.SystemDb();
        Assert.False(await db.Messages.AnyAsync(m => m.Direction == InboxApp.Core.Conversations.MessageDirection.OUTBOUND
            && db.Conversations.Any(c => c.Id == m.ConversationId && c.PhoneNumberId == number.Id)));
    }
}
