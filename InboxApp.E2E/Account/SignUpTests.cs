using System.Net;
using System.Net.Http.Json;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Account;

/// <summary>Self-service sign-up as a person meets it: the answer, the emailed link, its page, the app.</summary>
[Collection(SharedServer.Name)]
public sealed class SignUpTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_emailed_link_of_a_sign_up_creates_the_organization_and_signs_its_admin_in_once()
    {
        var email = $"owner-{Guid.NewGuid():N}@signup.test";
        var since = DateTime.UtcNow.AddSeconds(-2);
        using var api = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var response = await api.PostAsJsonAsync("/api/v1/auth/register", new { organizationName = "Linked Co", name = "Lina Owner", email, password = "Linked-Co-2026" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var link = await Mailbox.SignupLinkAsync(Server, email, since);
        await Page.GotoAsync(link);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Create Linked Co" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + "/");
        await Expect(Shell.Heading).ToHaveTextAsync("Welcome, Lina Owner");
        await Expect(Page.GetByText("You are signed in to Linked Co as an admin.")).ToBeVisibleAsync();

        // The link works once.
        await Page.GotoAsync(link);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already used");
    }
}
