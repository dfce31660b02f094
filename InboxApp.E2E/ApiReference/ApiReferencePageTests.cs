using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.ApiReference;

[Collection(SharedServer.Second)]
public sealed class ApiReferencePageTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_api_reference_lists_the_operations_of_the_openapi_document()
    {
        await OpenReferenceAsync();

        await Expect(Page).ToHaveTitleAsync("API reference · InboxApp");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "InboxApp API" })).ToBeVisibleAsync();
        // Every tag of the document is listed (collapsed), down to the last ones.
        foreach (var tag in new[] { "Auth", "Conversations", "Templates", "Routing", "Webhooks" })
            await Expect(Page.Locator($".opblock-tag[data-tag='{tag}']")).ToBeVisibleAsync();
        await OpenTagAsync("Auth");
        var login = Page.Locator(".opblock-post").Filter(new() { Has = Page.Locator(".opblock-summary-path", new() { HasTextString = "/api/v1/auth/login" }) });
        await Expect(login.First).ToBeVisibleAsync();
        await Expect(Page.Locator(".opblock-get .opblock-summary-path", new() { HasTextString = "/api/v1/auth/me" }).First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_authorize_dialog_describes_access_tokens_and_api_keys()
    {
        await OpenReferenceAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).First.ClickAsync();

        var dialog = Page.Locator(".dialog-ux .modal-ux");
        await Expect(dialog).ToContainTextAsync("Bearer");
        await Expect(dialog).ToContainTextAsync("sk_org_");
        await Expect(dialog).ToContainTextAsync("at.");
    }

    [Fact]
    public async Task An_operation_shows_its_summary_description_examples_and_errors()
    {
        await OpenReferenceAsync();
        await OpenTagAsync("Auth");

        var login = Page.Locator(".opblock-post").Filter(new() { Has = Page.Locator(".opblock-summary-path", new() { HasTextString = "/api/v1/auth/login" }) }).First;
        await Expect(login.Locator(".opblock-summary-description")).ToHaveTextAsync("Sign in with email and password");
        // Expanding an operation resolves its part of the document (every schema and example it shows): on a loaded
        // machine that alone can take longer than the default timeout.
        Page.SetDefaultTimeout(60_000);
        await login.Locator(".opblock-summary-control").ClickAsync();

        await Expect(login.Locator(".opblock-description-wrapper").First).ToContainTextAsync("refresh token", new() { Timeout = 60_000 });
        await Expect(login.Locator(".responses-table")).ToContainTextAsync("INVALID_CREDENTIALS", new() { Timeout = 60_000 });
        await Expect(login.Locator(".responses-table")).ToContainTextAsync("Retry-After", new() { Timeout = 60_000 });
        await Expect(login.Locator(".body-param__example, .highlight-code").First).ToContainTextAsync("ada@example.com", new() { Timeout = 60_000 });
    }

    /// <summary>
    /// Opens the reference and waits until Swagger UI has rendered the document (its tags): the heaviest page of the
    /// suite (about 1 MB of script, then the whole document parsed), which on a machine at load 100+ took longer than the
    /// default 15 s (the first failures of sessions 11 and 12); as long as an operation's expansion below may take, and
    /// so may the clicks on this page (the next test's page gets the default timeout again).
    /// </summary>
    private async Task OpenReferenceAsync()
    {
        Page.SetDefaultTimeout(60_000);
        await Page.GotoAsync("/api-docs");
        await Expect(Page.Locator(".opblock-tag").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>Tags start collapsed (<c>docExpansion: none</c>): opens one so that its operations render.</summary>
    private async Task OpenTagAsync(string tag)
    {
        var header = Page.Locator($".opblock-tag[data-tag='{tag}']");
        await header.ClickAsync();
        await Expect(Page.Locator($".opblock-tag-section.is-open .opblock-tag[data-tag='{tag}']")).ToBeVisibleAsync();
    }
}
