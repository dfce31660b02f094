using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Partners;

/// <summary>Settings › Embedding in a browser: the demo admin lists an allowed origin (a wrong one is named), then removes it again.</summary>
[Collection(SharedServer.Name)]
public sealed class FrameOriginsPageTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_admin_saves_an_allowed_origin_and_is_told_which_one_is_wrong()
    {
        await SignInAsAsync(UserRole.ADMIN, "/settings/frame-origins");
        await Page.WaitForInteractiveAsync();
        var origins = Page.GetByLabel("Allowed origins");
        var save = Page.GetByRole(AriaRole.Button, new() { Name = "Save origins" });
        var origin = $"https://helpdesk-{Guid.NewGuid().ToString("N")[..6]}.example";

        await origins.FillAsync($"{origin}\nhttp://plain.example");
        await save.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Origin 2: The origin must start with https://");

        await origins.FillAsync(origin);
        await save.ClickAsync();
        await Expect(Page.GetByText("Origins saved")).ToBeVisibleAsync();
        await Page.ReloadAsync();
        await Expect(Page.GetByLabel("Allowed origins")).ToHaveValueAsync(origin);

        // Leave the demo organization as it was.
        await Page.WaitForInteractiveAsync();
        await Page.GetByLabel("Allowed origins").FillAsync("");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save origins" }).ClickAsync();
        await Expect(Page.GetByText("Origins saved")).ToBeVisibleAsync();
    }
}
