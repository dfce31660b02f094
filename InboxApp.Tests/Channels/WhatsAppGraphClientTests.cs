using System.Text.Json.Nodes;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.Channels;

public sealed class WhatsAppGraphClientTests : IAsyncLifetime
{
    private FakeGraphApi graph = null!;
    private WhatsAppGraphClient client = null!;

    public async Task InitializeAsync()
    {
        graph = await FakeGraphApi.StartAsync();
        client = new WhatsAppGraphClient(new HttpClient(), Options.Create(new WhatsAppOptions { GraphApiBaseUrl = graph.BaseUrl, GraphApiVersion = "v23.0" }));
    }

    public async Task DisposeAsync() => await graph.DisposeAsync();

    [Fact]
    public async Task Reads_a_phone_number_with_the_versioned_path_and_the_bearer_token()
    {
        var (_, phoneId, token) = graph.AddAccount("+1 555-010-0199", "Acme Support");
        var phone = await client.GetPhoneNumberAsync(phoneId, token);
        Assert.Equal("+1 555-010-0199", phone.DisplayPhoneNumber);
        Assert.Equal("Acme Support", phone.VerifiedName);
        Assert.Equal("GREEN", phone.QualityRating);
        Assert.Equal("STANDARD", phone.ThroughputLevel);
        var call = Assert.Single(graph.CallsTo(phoneId));
        Assert.StartsWith($"v23.0/{phoneId}?fields=", call.Path);
        Assert.Equal(token, call.Token);
    }

    [Fact]
    public async Task Graph_errors_keep_metas_code_type_and_details()
    {
        var (_, phoneId, _) = graph.AddAccount();
        var e = await Assert.ThrowsAsync<GraphApiException>(() => client.GetPhoneNumberAsync(phoneId, "EAAG-expired"));
        Assert.Equal(401, e.HttpStatus);
        Assert.Equal(GraphApiException.ExpiredToken, e.Code);
        Assert.Equal("OAuthException", e.Type);
        Assert.True(e.IsTokenProblem);
        Assert.Contains("Session has expired", e.Message);
        Assert.NotNull(e.TraceId);
    }

    [Fact]
    public async Task Sends_a_message_and_returns_the_wamid_and_maps_throughput_errors()
    {
        var (_, phoneId, token) = graph.AddAccount();
        var wamid = await client.SendMessageAsync(phoneId, token, new JsonObject { ["to"] = "15551234567", ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hi" } });
        Assert.StartsWith("wamid.", wamid);
        Assert.Contains("\"messaging_product\":\"whatsapp\"", graph.CallsTo("/messages").Single().Body);

        graph.Failures.Enqueue(("/messages", 400, GraphApiException.Throughput, "(#130429) Rate limit hit"));
        var e = await Assert.ThrowsAsync<GraphApiException>(() => client.SendMessageAsync(phoneId, token, new JsonObject { ["to"] = "1", ["type"] = "text" }));
        Assert.Equal(GraphApiException.Throughput, e.Code);
        Assert.False(e.OutcomeUnknown);
    }

    [Fact]
    public async Task Downloads_media_through_its_short_lived_url_and_enforces_the_size_limit()
    {
        var (_, _, token) = graph.AddAccount();
        graph.Media["777"] = ([1, 2, 3, 4], "image/jpeg");
        var (content, mime) = await client.DownloadMediaAsync("777", token, maxBytes: 1024);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, content);
        Assert.Equal("image/jpeg", mime);
        var tooBig = await Assert.ThrowsAsync<GraphApiException>(() => client.DownloadMediaAsync("777", token, maxBytes: 2));
        Assert.Equal(GraphApiException.MediaError, tooBig.Code);
    }

    [Fact]
    public async Task Embedded_signup_code_exchange_and_app_subscription()
    {
        var (wabaId, _, token) = graph.AddAccount();
        graph.Codes["code-123"] = token;
        Assert.Equal(token, await client.ExchangeCodeAsync(graph.AppId, "secret", "code-123"));
        var bad = await Assert.ThrowsAsync<GraphApiException>(() => client.ExchangeCodeAsync(graph.AppId, "secret", "nope"));
        Assert.Equal(100, bad.Code);

        Assert.Empty(await client.GetSubscribedAppsAsync(wabaId, token));
        await client.SubscribeAppAsync(wabaId, token);
        Assert.Equal([graph.AppId], await client.GetSubscribedAppsAsync(wabaId, token));
        await client.UnsubscribeAppAsync(wabaId, token);
        Assert.Empty(await client.GetSubscribedAppsAsync(wabaId, token));
    }

    [Fact]
    public async Task An_unreachable_send_is_reported_as_outcome_unknown()
    {
        var offline = new WhatsAppGraphClient(new HttpClient(), Options.Create(new WhatsAppOptions { GraphApiBaseUrl = "http://127.0.0.1:9", GraphApiVersion = "v23.0" }));
        var e = await Assert.ThrowsAsync<GraphApiException>(() => offline.SendMessageAsync("1", "t", new JsonObject { ["to"] = "1" }));
        Assert.True(e.OutcomeUnknown);
        Assert.Equal(0, e.Code);
    }
}
