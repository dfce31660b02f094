using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Security;

/// <summary>The pages' Content-Security-Policy (<c>script-src 'self'</c>, no inline script, no eval) leaves Blazor Server and MudBlazor working.</summary>
[Collection(SharedServer.Name)]
public sealed class ContentSecurityPolicyTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_app_works_under_its_content_security_policy_and_nothing_is_blocked()
    {
        // Its own page: the init script and the console handler below stay with this test's page.
        await UseFreshBrowserAsync();
        var blocked = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (blocked) blocked.Add(message.Text);
        };
        await Page.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

        await SignInAsAsync(UserRole.ADMIN);
        var response = await Page.GotoAsync("/settings/tags");
        Assert.NotNull(response);
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "");
        await Page.WaitForInteractiveAsync();

        // Interactive MudBlazor: a dialog opens, a tag is saved through the circuit, the grid updates.
        var name = $"Csp {Guid.NewGuid().ToString("N")[..6]}";
        await Page.GetByRole(AriaRole.Button, new() { Name = "New tag", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Green" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByTestId("tags-grid").GetByText(name, new() { Exact = true })).ToBeVisibleAsync();

        // Enhanced navigation to the inbox (MudBlazor's popovers and the live list) under the same policy.
        await Page.GotoAsync("/inbox");
        await Page.WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Inbox", Exact = true })).ToBeAttachedAsync();

        var violations = await Page.EvaluateAsync<string[]>("() => window.__cspViolations");
        lock (blocked) Assert.True(violations.Length == 0 && blocked.Count == 0,
            "Blocked by the policy: " + string.Join("; ", violations.Concat(blocked)));
    }
}
