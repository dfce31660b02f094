using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Templates;

/// <summary>Settings › Templates: the editor lints as one types (problems under their component, Submit refused) and saves a draft.</summary>
[Collection(SharedServer.Name)]
public sealed class TemplateEditorTests(InboxServer server, Chromium chromium, ITestOutputHelper output) : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task A_lint_problem_shows_under_its_component_and_blocks_submit_and_a_valid_template_saves_as_a_draft()
    {
        await SignInAsAsync(UserRole.ADMIN);
        await Page.GotoAsync("/settings/templates");
        await Page.WaitForInteractiveAsync();
        var name = $"e2e_draft_{Guid.NewGuid().ToString("N")[..8]}";

        await Page.GetByRole(AriaRole.Button, new() { Name = "New template", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await dialog.GetByLabel("Body", new() { Exact = true }).FillAsync("Hi {{1}}, your order is ready for pickup.");

        // No example for {{1}} yet: the problem is listed right under the body (after its example field), and Submit is refused.
        var example = dialog.GetByLabel("Example for {{1}}");
        await Expect(example).ToBeVisibleAsync();
        var bodyProblems = example.Locator("xpath=following::ul[@aria-label='Problems'][1]");
        await Expect(bodyProblems).ToContainTextAsync("Give an example for the variable {{1}}");
        var submit = dialog.GetByRole(AriaRole.Button, new() { Name = "Submit for review" });
        await Expect(submit).ToBeDisabledAsync();
        await Expect(dialog.GetByRole(AriaRole.List, new() { Name = "Problems" }).Filter(new() { HasText = "Give an example" })).ToHaveCountAsync(1);

        // With its example the template is clean: the problem goes and Submit may be pressed; saved as a draft instead.
        await example.FillAsync("Ana");
        await Expect(dialog.GetByText("Give an example for the variable {{1}}")).ToHaveCountAsync(0);
        await Expect(submit).ToBeEnabledAsync();
        await ScreenshotAsync("template-editor");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var row = Page.GetByTestId("templates-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("template-status")).ToHaveTextAsync("Draft");
        await Expect(row).ToContainTextAsync("your order is ready for pickup.");
    }
}
