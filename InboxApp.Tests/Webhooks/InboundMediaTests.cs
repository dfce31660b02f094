using System.Net;
using System.Security.Cryptography;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>The app pointed at a fake Graph API, with media retries one second apart.</summary>
public sealed class MediaAppFactory : InboxAppFactory, IAsyncLifetime
{
    public MediaAppFactory() => WithoutJobs();

    public FakeGraphApi Graph { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl);
        With("InboundMedia:FirstRetryDelaySeconds", "1");
        With("InboundMedia:MaxRetryDelaySeconds", "2");
    }

    async Task IAsyncLifetime.DisposeAsync() => await Graph.DisposeAsync();
}

/// <summary>Inbound media: downloaded at ingest, served back to the organization, retried with backoff, limited by type and size.</summary>
[RunsLong(10)]
public sealed class InboundMediaTests(MediaAppFactory factory) : IClassFixture<MediaAppFactory>
{
    private FakeGraphApi Graph => factory.Graph;

    [Fact]
    public async Task An_image_is_downloaded_at_ingest_and_served_back_to_the_organization()
    {
        var (admin, metaId, _) = await ConnectAsync();
        var bytes = RandomNumberGenerator.GetBytes(40_000);
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = (bytes, "image/jpeg");
        var messageId = await ReceiveAsync(metaId, Media($"wamid.img{Guid.NewGuid():N}", "15552220001", "image", mediaId, "image/jpeg", DateTimeOffset.UtcNow,
            sha256: Convert.ToBase64String(SHA256.HashData(bytes)), caption: "the receipt"));

        var message = await WaitForMediaAsync(messageId, MediaStatus.DOWNLOADED);
        Assert.Equal(bytes.Length, message.MediaSize);
        Assert.Equal("image/jpeg", message.MimeType);
        Assert.Null(message.MediaError);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "media", message.MediaPath!)));

        var served = await admin.Client.GetAsync($"/api/v1/messages/{messageId}/media");
        await served.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());

        var browser = await factory.SignInWithCookieAsync(admin.Email, admin.Password);
        Assert.Equal(bytes, await (await browser.GetAsync($"/api/v1/messages/{messageId}/media")).Content.ReadAsByteArrayAsync());

        var state = await (await admin.Client.GetAsync($"/api/v1/messages/{messageId}/media/status")).Data();
        Assert.Equal("DOWNLOADED", state.GetProperty("mediaStatus").GetString());
        Assert.Equal($"/api/v1/messages/{messageId}/media", state.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_document_is_served_as_a_download_under_its_file_name()
    {
        var (admin, metaId, _) = await ConnectAsync();
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = ("%PDF-1.4 invoice"u8.ToArray(), "application/pdf");
        var messageId = await ReceiveAsync(metaId, Media($"wamid.doc{Guid.NewGuid():N}", "15552220002", "document", mediaId, "application/pdf",
            DateTimeOffset.UtcNow, fileName: "invoice-42.pdf"));
        await WaitForMediaAsync(messageId, MediaStatus.DOWNLOADED);

        var served = await admin.Client.GetAsync($"/api/v1/messages/{messageId}/media");
        await served.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("invoice-42.pdf", served.Content.Headers.ContentDisposition?.FileNameStar ?? served.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task A_failed_download_keeps_the_message_and_is_retried_until_it_succeeds()
    {
        var (admin, metaId, _) = await ConnectAsync();
        var bytes = RandomNumberGenerator.GetBytes(2_000);
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = (bytes, "audio/ogg; codecs=opus");
        Graph.Failures.Enqueue((mediaId, 500, 131016, "Service temporarily unavailable"));
        var messageId = await ReceiveAsync(metaId, Media($"wamid.aud{Guid.NewGuid():N}", "15552220003", "audio", mediaId, "audio/ogg; codecs=opus", DateTimeOffset.UtcNow));

        var failed = await WaitForAsync(messageId, m => m.MediaAttempts >= 1);
        Assert.Equal(MessageType.AUDIO, failed.Type);
        var message = await WaitForMediaAsync(messageId, MediaStatus.DOWNLOADED);
        Assert.Equal(2, message.MediaAttempts);
        Assert.Equal(2, Graph.CallsTo(mediaId).Count(c => !c.Path.StartsWith("download", StringComparison.Ordinal)));
        Assert.Equal(bytes, await (await admin.Client.GetAsync($"/api/v1/messages/{messageId}/media")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_failure_is_recorded_with_its_reason_and_a_scheduled_retry()
    {
        var (_, metaId, _) = await ConnectAsync();
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = ([1, 2, 3], "image/jpeg");
        for (var i = 0; i < 20; i++) Graph.Failures.Enqueue((mediaId, 400, 100, "Unsupported get request"));
        var messageId = await ReceiveAsync(metaId, Media($"wamid.fail{Guid.NewGuid():N}", "15552220004", "image", mediaId, "image/jpeg", DateTimeOffset.UtcNow));
        try
        {
            var message = await WaitForAsync(messageId, m => m.MediaStatus == MediaStatus.FAILED);
            Assert.Contains("Unsupported get request", message.MediaError);
            Assert.Contains("code 100", message.MediaError);
            Assert.NotNull(message.MediaNextAttemptAt);
            var retried = await WaitForAsync(messageId, m => m.MediaAttempts >= 2);
            Assert.True(retried.MediaStatus is MediaStatus.FAILED or MediaStatus.PENDING);
        }
        finally
        {
            Graph.Failures.Clear();
        }
        await WaitForMediaAsync(messageId, MediaStatus.DOWNLOADED);
    }

    [Fact]
    public async Task Media_over_the_size_limit_fails_with_a_clear_reason_and_is_not_retried()
    {
        var (_, metaId, _) = await ConnectAsync();
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = (new byte[600 * 1024], "image/webp");
        var messageId = await ReceiveAsync(metaId, Media($"wamid.big{Guid.NewGuid():N}", "15552220005", "sticker", mediaId, "image/webp", DateTimeOffset.UtcNow));

        var message = await WaitForMediaAsync(messageId, MediaStatus.FAILED);
        Assert.Equal("The sticker is larger than the 500 KB limit for stickers", message.MediaError);
        Assert.Null(message.MediaNextAttemptAt);
        Assert.Null(message.MediaPath);
        Assert.Equal(MessageType.STICKER, message.Type);
    }

    [Fact]
    public async Task Media_of_the_wrong_type_for_its_message_fails_and_is_never_stored()
    {
        var (_, metaId, _) = await ConnectAsync();
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = ("<svg onload=alert(1)>"u8.ToArray(), "image/svg+xml");
        var messageId = await ReceiveAsync(metaId, Media($"wamid.svg{Guid.NewGuid():N}", "15552220006", "image", mediaId, "image/jpeg", DateTimeOffset.UtcNow));

        var message = await WaitForMediaAsync(messageId, MediaStatus.FAILED);
        Assert.Contains("image/svg+xml", message.MediaError);
        Assert.Null(message.MediaPath);
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "media", "messages", message.OrganizationId.ToString("N"))));
    }

    [Fact]
    public async Task Retry_media_queues_a_failed_download_again_and_refuses_when_there_is_nothing_to_retry()
    {
        var (admin, metaId, _) = await ConnectAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = (new byte[20 * 1024 * 1024], "video/mp4");
        var messageId = await ReceiveAsync(metaId, Media($"wamid.vid{Guid.NewGuid():N}", "15552220007", "video", mediaId, "video/mp4", DateTimeOffset.UtcNow));
        var failed = await WaitForMediaAsync(messageId, MediaStatus.FAILED);
        Assert.Contains("16 MB limit for videos", failed.MediaError);
        await (await agent.Client.GetAsync($"/api/v1/messages/{messageId}/media")).ShouldFail(HttpStatusCode.Conflict, MediaErrors.NotDownloaded);

        var smaller = RandomNumberGenerator.GetBytes(1_000);
        Graph.Media[mediaId] = (smaller, "video/mp4");
        var retry = await agent.Client.PostAsync($"/api/v1/messages/{messageId}/retry-media", null);
        await retry.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("PENDING", (await retry.Data()).GetProperty("mediaStatus").GetString());
        await WaitForMediaAsync(messageId, MediaStatus.DOWNLOADED);
        Assert.Equal(smaller, await (await agent.Client.GetAsync($"/api/v1/messages/{messageId}/media")).Content.ReadAsByteArrayAsync());

        await (await agent.Client.PostAsync($"/api/v1/messages/{messageId}/retry-media", null)).ShouldFail(HttpStatusCode.Conflict, MediaErrors.NothingToRetry);
        var textId = await ReceiveAsync(metaId, Text($"wamid.txt{Guid.NewGuid():N}", "15552220007", "no media", DateTimeOffset.UtcNow));
        await (await agent.Client.PostAsync($"/api/v1/messages/{textId}/retry-media", null)).ShouldFail(HttpStatusCode.Conflict, MediaErrors.NothingToRetry);
        await (await agent.Client.PostAsync($"/api/v1/messages/{Guid.NewGuid()}/retry-media", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Media_whose_id_has_expired_is_marked_expired_without_asking_WhatsApp()
    {
        var (admin, metaId, _) = await ConnectAsync();
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = ([1, 2, 3], "image/jpeg");
        var messageId = await ReceiveAsync(metaId, Media($"wamid.old{Guid.NewGuid():N}", "15552220008", "image", mediaId, "image/jpeg", DateTimeOffset.UtcNow.AddDays(-8)));

        var message = await WaitForMediaAsync(messageId, MediaStatus.EXPIRED);
        Assert.Contains("expired", message.MediaError);
        Assert.Empty(Graph.CallsTo(mediaId));
        await (await admin.Client.PostAsync($"/api/v1/messages/{messageId}/retry-media", null)).ShouldFail(HttpStatusCode.Conflict, MediaErrors.MediaExpired);
    }

    [Fact]
    public async Task A_failure_too_close_to_the_expiry_for_another_retry_ends_expired_with_the_last_error()
    {
        var (_, metaId, _) = await ConnectAsync();
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = ([1, 2, 3], "image/jpeg");
        Graph.Failures.Enqueue((mediaId, 500, 2, "Service temporarily unavailable"));
        var messageId = await ReceiveAsync(metaId, Media($"wamid.edge{Guid.NewGuid():N}", "15552220009", "image", mediaId, "image/jpeg",
            DateTimeOffset.UtcNow.AddDays(-7).AddMinutes(2)));

        var message = await WaitForMediaAsync(messageId, MediaStatus.EXPIRED);
        Assert.Contains("Service temporarily unavailable", message.MediaError);
        Assert.Equal(1, message.MediaAttempts);
    }

    [Fact]
    public async Task An_account_without_a_usable_token_fails_the_download_and_keeps_retrying()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = ([1, 2, 3], "image/jpeg");
        var messageId = await ReceiveAsync(metaId, Media($"wamid.tok{Guid.NewGuid():N}", "15552220010", "image", mediaId, "image/jpeg", DateTimeOffset.UtcNow));

        var message = await WaitForAsync(messageId, m => m.MediaStatus == MediaStatus.FAILED);
        Assert.Contains("access token", message.MediaError);
        Assert.NotNull(message.MediaNextAttemptAt);
        Assert.Empty(Graph.CallsTo(mediaId));
    }

    [Fact]
    public async Task Another_organizations_media_is_not_found_and_nobody_unsigned_gets_any()
    {
        var (a, metaA, _) = await ConnectAsync();
        var (b, _, _) = await ConnectAsync();
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = ([9, 9, 9], "image/png");
        var messageId = await ReceiveAsync(metaA, Media($"wamid.iso{Guid.NewGuid():N}", "15552220011", "image", mediaId, "image/png", DateTimeOffset.UtcNow));
        await WaitForMediaAsync(messageId, MediaStatus.DOWNLOADED);

        await (await b.Client.GetAsync($"/api/v1/messages/{messageId}/media")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await b.Client.GetAsync($"/api/v1/messages/{messageId}/media/status")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await b.Client.PostAsync($"/api/v1/messages/{messageId}/retry-media", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var browserB = await factory.SignInWithCookieAsync(b.Email, b.Password);
        await (await browserB.GetAsync($"/api/v1/messages/{messageId}/media")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await factory.CreateClient().GetAsync($"/api/v1/messages/{messageId}/media")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await a.Client.GetAsync($"/api/v1/messages/{messageId}/media")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Media_the_business_sent_from_the_WhatsApp_Business_app_is_downloaded_at_once()
    {
        var (admin, metaId, _) = await ConnectAsync();
        var bytes = RandomNumberGenerator.GetBytes(3_000);
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = (bytes, "image/jpeg");
        var wamid = $"wamid.echo{Guid.NewGuid():N}";
        // An echo (smb_message_echoes) raises no MessageReceived: without its own wake-up it waited for the 30 s poll.
        var echo = Media(wamid, "15550783881", "image", mediaId, "image/jpeg", DateTimeOffset.UtcNow, caption: "the catalogue");
        echo["to"] = "15552220009";
        await (await factory.CreateClient().SendAsync(Signed(WhatsAppSamples.Echoes(metaId, echo)))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        Guid messageId;
        await using (var db = factory.SystemDb())
            messageId = (await db.Messages.SingleAsync(m => m.WaMessageId == wamid && m.OrganizationId == admin.OrganizationId)).Id;

        var message = await WaitForMediaAsync(messageId, MediaStatus.DOWNLOADED);
        Assert.Equal(Core.Conversations.MessageDirection.OUTBOUND, message.Direction);
        Assert.Equal(bytes, await (await admin.Client.GetAsync($"/api/v1/messages/{messageId}/media")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_download_that_cannot_be_stored_is_a_failure_retried_soon_not_a_claim_held_for_minutes()
    {
        var (admin, metaId, _) = await ConnectAsync();
        var bytes = RandomNumberGenerator.GetBytes(1_000);
        var mediaId = NewMediaId();
        Graph.Media[mediaId] = (bytes, "image/jpeg");
        // The organization's media folder cannot be made: a file has its name.
        var folder = Path.Combine(factory.DataDirectory, "media", Core.Storage.MediaStore.MessageFolder, admin.OrganizationId.ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        await File.WriteAllTextAsync(folder, "in the way");
        try
        {
            var messageId = await ReceiveAsync(metaId, Media($"wamid.disk{Guid.NewGuid():N}", "15552220010", "image", mediaId, "image/jpeg", DateTimeOffset.UtcNow));
            var failed = await WaitForAsync(messageId, m => m.MediaStatus == MediaStatus.FAILED);
            Assert.Equal("The download failed on the server (IOException)", failed.MediaError);
            Assert.NotNull(failed.MediaNextAttemptAt);
            Assert.True(failed.MediaNextAttemptAt < DateTimeOffset.UtcNow.AddMinutes(1), "retried with the usual backoff, not after the claim's lease");

            File.Delete(folder);
            var message = await WaitForMediaAsync(messageId, MediaStatus.DOWNLOADED);
            Assert.Equal(bytes, await (await admin.Client.GetAsync($"/api/v1/messages/{messageId}/media")).Content.ReadAsByteArrayAsync());
        }
        finally
        {
            if (File.Exists(folder)) File.Delete(folder); // a folder once the download went through
        }
    }

    private async Task<(SignedIn Admin, string MetaId, string Token)> ConnectAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, token) = Graph.AddAccount();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId, accessToken: token);
        return (admin, metaId, token);
    }

    private static string NewMediaId() => Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString();

    /// <summary>Posts one inbound message signed, waits for the webhook worker, returns the stored message id.</summary>
    private async Task<Guid> ReceiveAsync(string metaId, System.Text.Json.Nodes.JsonObject message)
    {
        var wamid = message["id"]!.GetValue<string>();
        var from = message["from"]!.GetValue<string>();
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, Array(Contact(from, "Customer")), Array(message))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        return (await db.Messages.SingleAsync(m => m.WaMessageId == wamid)).Id;
    }

    private Task<Message> WaitForMediaAsync(Guid messageId, MediaStatus status) => WaitForAsync(messageId, m => m.MediaStatus == status);

    /// <summary>Polls the stored message every 25 ms until the condition holds (10 s at most).</summary>
    private async Task<Message> WaitForAsync(Guid messageId, Func<Message, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using (var db = factory.SystemDb())
            {
                var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId);
                if (condition(message)) return message;
                if (DateTime.UtcNow > deadline)
                    Assert.Fail($"Media of message {messageId} stayed {message.MediaStatus} (attempts {message.MediaAttempts}, error {message.MediaError})");
            }
            await Task.Delay(25);
        }
    }
}
