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
    [Fact]
    public async Task A_visitor_signs_up_from_the_sign_in_page_and_the_emailed_link_opens_the_new_organization()
    {
        var email = $"visitor-{Guid.NewGuid():N}@signup.test";
        var since = DateTime.UtcNow.AddSeconds(-2);
        await Login.GotoAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Create an organization" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Create an organization" })).ToBeVisibleAsync();

        await Page.GetByLabel("Organization name").FillAsync("Paged Co");
        await Page.GetByLabel("Your name").FillAsync("Pia Paged");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync("Paged-Co-2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create organization" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync(email);
        await Page.GotoAsync(await Mailbox.SignupLinkAsync(Server, email, since));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();
        await Expect(Page.GetByText("You are signed in to Paged Co as an admin.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_refused_sign_up_says_why_and_keeps_what_was_typed_except_the_password()
    {
        await Login.GotoAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Create an organization" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Create an organization" })).ToBeVisibleAsync();
        await Page.GetByLabel("Organization name").FillAsync("Weak Co");
        await Page.GetByLabel("Your name").FillAsync("Wes Weak");
        await Page.GetByLabel("Email").FillAsync("wes@signup.test");
        await Page.GetByLabel("Password").FillAsync("onlyletters"); // long enough for the browser, refused by the policy (no digit or symbol)
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create organization" }).ClickAsync();

        await Expect(Page.Locator(".login-card").GetByRole(AriaRole.Alert)).ToContainTextAsync("at least one digit or symbol");
        await Expect(Page.GetByLabel("Organization name")).ToHaveValueAsync("Weak Co");
        await Expect(Page.GetByLabel("Your name")).ToHaveValueAsync("Wes Weak");
        await Expect(Page.GetByLabel("Email")).ToHaveValueAsync("wes@signup.test");
        await Expect(Page.GetByLabel("Password")).ToHaveValueAsync("");
    }
}
