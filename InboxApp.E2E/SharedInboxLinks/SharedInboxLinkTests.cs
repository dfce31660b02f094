using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.SharedInboxLinks;

/// <summary>
/// A person without an account opens a shared inbox link: they see and answer the conversations of the link's number only,
/// new messages arrive live, and revoking the link closes the open page.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class SharedInboxLinkTests(InboxServer server, Chromium chromium, ITestOutputHelper output) : BrowserTest(server, chromium, output)
{
    /// <summary>A new organization (its admin through the API) with two sandbox numbers.</summary>
    private async Task<(HttpClient Api, Guid Shared, Guid Other)> OrganizationAsync()
    {
        var api = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var email = $"links-{Guid.NewGuid():N}@org.test";
        var since = DateTime.UtcNow.AddSeconds(-2);
        await Ok(await api.PostAsJsonAsync("/api/v1/auth/register",
            new { organizationName = "Links " + Guid.NewGuid().ToString("N")[..6], name = "Links Admin", email, password = "Test-Password-1" }));
        // Sign-up is confirmed by the emailed link's token.
        var link = await Mailbox.SignupLinkAsync(Server, email, since);
        var token = Uri.UnescapeDataString(link[(link.LastIndexOf('/') + 1)..].Split('?')[0]);
        var registered = await Ok(await api.PostAsJsonAsync("/api/v1/auth/register/confirm", new { token }));
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registered["data"]!["accessToken"]!.GetValue<string>());
        var shared = (await Ok(await api.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Shared" })))["data"]!["id"]!.GetValue<Guid>();
        var other = (await Ok(await api.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Other" })))["data"]!["id"]!.GetValue<Guid>();
        return (api, shared, other);
    }

    private static async Task<JsonNode> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<Guid> CustomerWritesAsync(HttpClient api, Guid number, string name, string text)
    {
        var simulated = await Ok(await api.PostAsJsonAsync("/api/v1/dev/simulate/conversation",
            new { phoneNumberId = number, contact = new { name, phone = "+4477" + Random.Shared.Next(10_000_000, 99_999_999) }, messages = new[] { text } }));
        return simulated["data"]!["conversationId"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task A_shared_link_shows_and_answers_one_numbers_conversations_live_and_stops_when_revoked()
    {
        var (api, shared, other) = await OrganizationAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var conversation = await CustomerWritesAsync(api, shared, $"Lucia {suffix}", "Is my parcel on its way?");
        await CustomerWritesAsync(api, other, $"Otto {suffix}", "A message for the other number");
        var link = await Ok(await api.PostAsJsonAsync("/v1/shared-inbox-links", new
        {
            phoneNumberId = shared, name = "Agency",
            permissions = new { readInbox = true, readDetails = false, markRead = true, sendText = true },
        }));
        var linkId = link["data"]!["id"]!.GetValue<Guid>();
        var url = link["data"]!["publicUrl"]!.GetValue<string>();

        // Not signed in: the browser context is fresh.
        await Page.GotoAsync(url);
        await Expect(Page.GetByTestId("shared-inbox")).ToHaveAttributeAsync("data-interactive", "true");
        var list = Page.GetByRole(AriaRole.Region, new() { Name = "Conversations" });
        await Expect(list).ToContainTextAsync($"Lucia {suffix}");
        await Expect(list).Not.ToContainTextAsync($"Otto {suffix}");
        await Expect(Page.GetByTestId("conversation-row")).ToHaveCountAsync(1);

        await list.GetByText($"Lucia {suffix}").ClickAsync();
        var thread = Page.GetByTestId("thread");
        await Expect(thread).ToContainTextAsync("Is my parcel on its way?");
        // Contact details are not part of this link.
        await Expect(Page.GetByTestId("thread-phone")).ToHaveCountAsync(0);
        // Only text: no file, template or location controls.
        await Expect(Page.GetByLabel("Attach a file")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Send location" })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Mark as read" })).ToBeDisabledAsync();

        await Page.GetByLabel("Message", new() { Exact = true }).FillAsync("Yes, it arrives tomorrow");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(thread.GetByTestId("message").Filter(new() { HasText = "Yes, it arrives tomorrow" })).ToContainTextAsync("Shared link");

        // The customer answers: the open page shows it without a reload.
        await Ok(await api.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId = conversation, text = "Great, thank you!" }));
        await Expect(thread).ToContainTextAsync("Great, thank you!", new() { Timeout = 15_000 });

        await ScreenshotAsync("answered");

        // The organization sees the reply, sent through the link.
        var messages = await Ok(await api.GetAsync($"/api/v1/conversations/{conversation}/messages"));
        Assert.Contains(messages["data"]!.AsArray(), m => m!["text"]?.GetValue<string>() == "Yes, it arrives tomorrow" && m["sentByLinkId"]?.GetValue<Guid>() == linkId);

        // Revoked: the open page closes at once, and the URL shows why.
        await Ok(await api.PostAsync($"/v1/shared-inbox-links/{linkId}/revoke", null));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This link no longer works" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("thread")).ToHaveCountAsync(0);
        await Page.GotoAsync(url);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This link was revoked");
        await ScreenshotAsync("revoked");
    }
}

/// <summary>The demo admin shares the sandbox number's inbox from Settings, opens the URL shown once, and revokes it.</summary>
[Collection(SharedServer.Name)]
public sealed class SharedInboxLinksSettingsTests(InboxServer server, Chromium chromium, ITestOutputHelper output) : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task An_admin_creates_a_link_opens_its_url_and_revokes_it()
    {
        await SignInAsAsync(Core.Identity.UserRole.ADMIN, "/settings/shared-inbox-links");
        var create = Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true });
        // Enabled once the page is interactive.
        await Expect(create).ToBeEnabledAsync();
        var name = "Agency " + Guid.NewGuid().ToString("N")[..6];
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Page.GetByLabel("Send files").CheckAsync();
        await create.ClickAsync();
        var url = Page.GetByTestId("new-link-url");
        await Expect(url).ToContainTextAsync("/s/");
        var publicUrl = (await url.TextContentAsync())!.Trim();
        await Expect(Page.GetByTestId("links-grid")).ToContainTextAsync(name);

        var visitor = await NewSessionAsync();
        await visitor.GotoAsync(publicUrl);
        await Expect(visitor.GetByTestId("shared-inbox")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(visitor.GetByTestId("shared-title")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("REVOKED");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "This link no longer works" })).ToBeVisibleAsync();
    }
}
