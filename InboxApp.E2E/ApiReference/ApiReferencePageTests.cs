using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.ApiReference;

/// <summary>
/// The API reference (Swagger UI). Its tests share one loaded page (<see cref="SharedPage"/>): loading Swagger UI is the
/// heaviest page load of the suite, and each test's own checks are small. Each test leaves the page as it found it (the
/// dialog it opened closed) and opens what it needs itself (a tag, an operation), whichever test ran before.
/// </summary>
[Collection(SharedServer.Second)]
public sealed class ApiReferencePageTests(InboxServer server, Chromium chromium, ITestOutputHelper output, SharedPage reference)
    : BrowserTest(server, chromium, output), IClassFixture<SharedPage>
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
        // And it closes again (the page is the next test's too).
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).First.ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_operation_shows_its_summary_description_examples_and_errors()
    {
        await OpenReferenceAsync();
        await OpenTagAsync("Auth");

        var login = Page.Locator(".opblock-post").Filter(new() { Has = Page.Locator(".opblock-summary-path", new() { HasTextString = "/api/v1/auth/login" }) }).First;
        await Expect(login.Locator(".opblock-summary-description")).ToHaveTextAsync("Sign in with email and password");
        // Expanding an operation resolves its part of the document (every schema and example it shows): on a loaded
        // machine that alone can take longer than the default timeout (the shared page has 60 s).
        if (!await login.EvaluateAsync<bool>("e => e.classList.contains('is-open')"))
            await login.Locator(".opblock-summary-control").ClickAsync();

        await Expect(login.Locator(".opblock-description-wrapper").First).ToContainTextAsync("refresh token", new() { Timeout = 60_000 });
        await Expect(login.Locator(".responses-table")).ToContainTextAsync("INVALID_CREDENTIALS", new() { Timeout = 60_000 });
        await Expect(login.Locator(".responses-table")).ToContainTextAsync("Retry-After", new() { Timeout = 60_000 });
        await Expect(login.Locator(".body-param__example, .highlight-code").First).ToContainTextAsync("ada@example.com", new() { Timeout = 60_000 });
    }

    /// <summary>
    /// The reference, loaded by the first test of the class and shared with the others: waits until Swagger UI has rendered
    /// the document (its tags). The heaviest page of the suite (about 1 MB of script, then the whole document parsed), which
    /// on a machine at load 100+ took longer than the default 15 s (the first failures of sessions 11 and 12); as long as
    /// an operation's expansion may take, and so may the clicks on this page (its own timeout of 60 s).
    /// </summary>
    private Task OpenReferenceAsync() => UseSharedPageAsync(reference, async page =>
    {
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/api-docs");
        await Expect(page.Locator(".opblock-tag").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
    });

    /// <summary>Tags start collapsed (<c>docExpansion: none</c>): opens one so that its operations render (unless it is open).</summary>
    private async Task OpenTagAsync(string tag)
    {
        var open = Page.Locator($".opblock-tag-section.is-open .opblock-tag[data-tag='{tag}']");
        if (await open.CountAsync() == 0) await Page.Locator($".opblock-tag[data-tag='{tag}']").ClickAsync();
        await Expect(open).ToBeVisibleAsync();
    }
}
