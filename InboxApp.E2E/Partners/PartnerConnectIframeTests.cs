using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.E2E.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InboxApp.E2E.Partners;

/// <summary>
/// The partner flow in a browser: the partner's own page (another origin, served to the browser by the test) frames the
/// connect page; the end user connects a sandbox number inside the iframe and the number appears in the organization.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class PartnerConnectIframeTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_connect_page_in_a_partners_iframe_connects_a_sandbox_number_to_the_account()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var connectUrlSource = new TaskCompletionSource<string>();
        await using var partnerApp = await PartnerApp.StartAsync(connectUrlSource.Task);
        var (partnerKey, _) = await CreatePartnerAsync(http, partnerApp.Url);
        using var partner = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partnerKey);
        var account = await Data(await partner.PostAsJsonAsync("/api/v1/accounts", new { name = "Iframe Customer " + Guid.NewGuid().ToString("N")[..6] }));
        var accountId = account.GetProperty("id").GetGuid();
        var slug = account.GetProperty("workspaceSlug").GetString()!;

        // The partner's backend mints the token; only the connect URL reaches the browser.
        using var mint = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/workspace/{slug}/whatsapp/connect-token");
        mint.Headers.Add("X-Account-Id", accountId.ToString());
        var minted = await (await partner.SendAsync(mint)).Content.ReadFromJsonAsync<JsonElement>();
        var connectUrl = minted.GetProperty("connect_url").GetString()!;

        connectUrlSource.SetResult(connectUrl);
        await Page.GotoAsync(partnerApp.Url + "/settings/whatsapp");

        var frame = Page.FrameLocator("iframe[title='Connect WhatsApp']");
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Connect WhatsApp" })).ToBeVisibleAsync();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Connect a sandbox number" }).ClickAsync();
        await Expect(frame.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your WhatsApp number is connected.");
        await Expect(Page.Locator("#outcome")).ToHaveTextAsync("Connected: registered");

        // The number is the organization's now.
        var accounts = await Data(await partner.GetAsync("/api/v1/accounts"));
        var listed = accounts.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == accountId);
        Assert.Equal(1, listed.GetProperty("connectedNumbers").GetInt32());

        // The page is spent: opened again, it says so and offers nothing.
        await Page.GotoAsync(connectUrl);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Each connect link works once");
        await Expect(Page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_site_that_is_not_one_of_the_partners_origins_cannot_frame_the_connect_page()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var connectUrlSource = new TaskCompletionSource<string>();
        await using var registered = await PartnerApp.StartAsync(connectUrlSource.Task);
        await using var stranger = await PartnerApp.StartAsync(connectUrlSource.Task);
        var (partnerKey, _) = await CreatePartnerAsync(http, registered.Url);
        using var partner = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partnerKey);
        var account = await Data(await partner.PostAsJsonAsync("/api/v1/accounts", new { name = "Framed Elsewhere " + Guid.NewGuid().ToString("N")[..6] }));
        using var mint = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/workspace/{account.GetProperty("workspaceSlug").GetString()}/whatsapp/connect-token");
        mint.Headers.Add("X-Account-Id", account.GetProperty("id").GetGuid().ToString());
        connectUrlSource.SetResult((await (await partner.SendAsync(mint)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connect_url").GetString()!);

        var refused = Page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.Contains("frame-ancestors", StringComparison.Ordinal), Timeout = 15_000 });
        await Page.GotoAsync(stranger.Url + "/settings/whatsapp");
        Assert.Contains(registered.Url, (await refused).Text);
        await Expect(Page.FrameLocator("iframe[title='Connect WhatsApp']").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    private async Task<(string Key, Guid PartnerId)> CreatePartnerAsync(HttpClient http, string partnerOrigin)
    {
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = InboxServer.SuperAdminEmail, password = InboxServer.SuperAdminPassword });
        var accessToken = (await Data(login)).GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var partner = await Data(await http.PostAsJsonAsync("/api/v1/admin/partners", new { name = "E2E partner", allowedOrigins = new[] { partnerOrigin } }));
        var id = partner.GetProperty("id").GetGuid();
        var key = await Data(await http.PostAsJsonAsync($"/api/v1/admin/partners/{id}/keys", new { name = "E2E" }));
        return (key.GetProperty("key").GetString()!, id);
    }

    private static async Task<JsonElement> Data(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    /// <summary>
    /// The partner's own web app, on an origin of its own (http on 127.0.0.1, as development allows): one page that frames
    /// the connect URL its backend minted and shows what the connect page tells it through <c>postMessage</c>.
    /// </summary>
    private sealed class PartnerApp(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public static async Task<PartnerApp> StartAsync(Task<string> connectUrl)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/settings/whatsapp", async () => Results.Content($$"""
                <!DOCTYPE html><html lang="en"><head><title>Partner app</title></head><body>
                <h1>Partner app: WhatsApp</h1>
                <p id="outcome" role="status">Waiting</p>
                <iframe title="Connect WhatsApp" src="{{await connectUrl}}" width="600" height="400"></iframe>
                <script>
                  window.addEventListener('message', e => {
                    if (e.data && e.data.type === 'inboxapp:whatsapp-connected') document.getElementById('outcome').textContent = 'Connected: ' + e.data.phone_status;
                  });
                </script>
                </body></html>
                """, "text/html"));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            return new PartnerApp(app, address);
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
