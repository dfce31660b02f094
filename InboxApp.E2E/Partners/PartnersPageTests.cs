using System.Net.Http.Headers;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Partners;

/// <summary>The admin console's partners page: a super admin creates a partner and a key that is shown once and works.</summary>
[Collection(SharedServer.Name)]
public sealed class PartnersPageTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_super_admin_creates_a_partner_and_a_key_shown_once_that_opens_the_partner_api()
    {
        await SignInAsAsync(UserRole.SUPER_ADMIN, "/admin/partners");
        await Page.WaitForInteractiveAsync();
        var name = "Partner " + Guid.NewGuid().ToString("N")[..6];

        await Page.GetByLabel("Partner name").FillAsync(name);
        await Page.GetByLabel("Allowed iframe origins").FillAsync("https://app.partner.test");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create partner" }).ClickAsync();

        var table = Page.GetByTestId("partners-grid");
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("https://app.partner.test");
        var panel = Page.GetByTestId("partner-panel");
        await Expect(panel).ToContainTextAsync(name);
        await panel.GetByLabel("Key name").FillAsync("Backend");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await Page.GetByTestId("new-partner-key").TextContentAsync();
        Assert.StartsWith("sk_partner_", key);
        await Expect(panel.GetByTestId("partner-keys")).ToContainTextAsync("Backend");

        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.True((await http.GetAsync("/api/v1/accounts")).IsSuccessStatusCode);

        // Shown once: after another partner is opened and this one again, only the prefix is on the page.
        await table.GetByRole(AriaRole.Button, new() { Name = $"Manage {name}" }).ClickAsync();
        await Expect(Page.GetByTestId("new-partner-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key!, await Page.ContentAsync());
    }
}
