using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Tests.Messaging;

/// <summary>A Graph API stand-in that reads each request and then drops the connection: the send's outcome is unknown.</summary>
public sealed class DroppingGraphApi : IAsyncDisposable
{
    private readonly WebApplication app;

    public ConcurrentQueue<string> Paths { get; } = new();
    public string BaseUrl { get; }

    private DroppingGraphApi(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<DroppingGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        DroppingGraphApi? self = null;
        app.Map("/{**path}", async (HttpContext context) =>
        {
            await new StreamReader(context.Request.Body).ReadToEndAsync();
            self!.Paths.Enqueue(context.Request.Path.Value!);
            context.Abort();
        });
        await app.StartAsync();
        self = new DroppingGraphApi(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed class LostResponseApp : IAsyncLifetime
{
    public DroppingGraphApi Graph { get; private set; } = null!;
    public FakeGraphApi Tokens { get; private set; } = null!;
    public InboxAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await DroppingGraphApi.StartAsync();
        Tokens = await FakeGraphApi.StartAsync();
        Factory = new InboxAppFactory().With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Graph.DisposeAsync();
        await Tokens.DisposeAsync();
    }
}

public sealed class LostResponseTests(LostResponseApp app) : IClassFixture<LostResponseApp>
{
    [Fact]
    public async Task A_lost_send_response_marks_the_message_unknown_never_resends_it_and_a_status_webhook_reconciles_it()
    {
        var factory = app.Factory;
        var admin = await factory.RegisterOrganizationAsync();
        // The fake only issues the number and token; sends go to the server that drops connections.
        var number = await factory.SeedCloudNumberAsync(app.Tokens, admin.OrganizationId);
        var waId = MessagingTestData.NewWaId();
        var (conversationId, _, _) = await factory.InboundTextAsync(number.MetaId, waId);

        var response = await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text = "Your refund is on its way" });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        var id = data.GetProperty("id").GetGuid();
        Assert.Equal("UNKNOWN", data.GetProperty("status").GetString());
        Assert.False(data.TryGetProperty("waMessageId", out _));
        Assert.Single(app.Graph.Paths, p => p.EndsWith($"{number.MetaId}/messages", StringComparison.Ordinal));

        // It may have gone out: it is not failed, not retried by the server, and not in the failed list as FAILED.
        var unknown = await (await admin.Client.GetAsync("/api/v1/messages/failed?status=UNKNOWN")).Data();
        Assert.Equal(id, Assert.Single(unknown.EnumerateArray()).GetProperty("id").GetGuid());

        // Meta did send it: the delivered webhook carries our id as callback data.
        var wamid = "wamid.HBgL" + Guid.NewGuid().ToString("N");
        await factory.StatusAsync(number.MetaId, wamid, "delivered", waId, callbackData: id.ToString());

        await using var db = factory.SystemDb();
        var message = await db.Messages.SingleAsync(m => m.Id == id);
        Assert.Equal(MessageStatus.DELIVERED, message.Status);
        Assert.Equal(wamid, message.WaMessageId);
        Assert.Single(app.Graph.Paths, p => p.EndsWith($"{number.MetaId}/messages", StringComparison.Ordinal));
        var failed = await (await admin.Client.GetAsync("/api/v1/messages/failed")).Data();
        Assert.Equal(0, failed.GetArrayLength());
    }

    [Fact]
    public async Task A_lost_response_marks_an_interactive_message_unknown_and_a_lost_upload_fails_it_as_nothing_was_sent()
    {
        var factory = app.Factory;
        var admin = await factory.RegisterOrganizationAsync();
        var number = await factory.SeedCloudNumberAsync(app.Tokens, admin.OrganizationId);
        var (conversationId, _, _) = await factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());

        var buttons = await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new
        {
            type = "interactive",
            interactive = new { buttons = new { body = "Did that help?", buttons = new[] { new { id = "y", title = "Yes" }, new { id = "n", title = "No" } } } },
        })).Data();
        Assert.Equal("UNKNOWN", buttons.GetProperty("status").GetString());
        Assert.Single(app.Graph.Paths, p => p.EndsWith($"{number.MetaId}/messages", StringComparison.Ordinal));

        // The upload's answer is lost: no message went to the customer, so it is FAILED (retryable), not UNKNOWN.
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(InboxApp.Tests.Profile.TestImages.Png());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "p.png");
        var image = await (await admin.Client.PostAsync($"/api/v1/conversations/{conversationId}/messages/media", form)).Data();
        Assert.Equal("FAILED", image.GetProperty("status").GetString());
        Assert.Equal("NETWORK", image.GetProperty("error").GetProperty("code").GetString());
        Assert.Single(app.Graph.Paths, p => p.EndsWith($"{number.MetaId}/media", StringComparison.Ordinal));
        Assert.Single(app.Graph.Paths, p => p.EndsWith($"{number.MetaId}/messages", StringComparison.Ordinal));
    }
}
