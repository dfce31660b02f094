using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Teams;

[Collection(SharedServer.Name)]
public sealed class TeamsPageTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task An_admin_creates_a_team_adds_a_lead_and_deactivates_the_team()
    {
        await SignInAsAsync(UserRole.ADMIN, "/settings/teams");
        await Page.WaitForInteractiveAsync();
        var name = $"Billing {Guid.NewGuid().ToString("N")[..6]}";

        await Page.GetByRole(AriaRole.Button, new() { Name = "New team", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await dialog.GetByLabel("Description (optional)").FillAsync("Invoices and refunds");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var row = Page.GetByTestId("teams-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Members of {name}" }).ClickAsync();
        await Expect(dialog.GetByTestId("team-members-empty")).ToBeVisibleAsync();
        // MudSelect: open the list by its label, then pick an option.
        await dialog.GetByLabel("Add a person").ClickAsync();
        var option = Page.GetByRole(AriaRole.Option).First;
        var person = (await option.TextContentAsync())!.Trim();
        var personName = person[..person.IndexOf(" (", StringComparison.Ordinal)];
        await option.ClickAsync();
        await Expect(option).ToBeHiddenAsync();
        // The choice must have reached the server before Add is pressed (a busy machine was seen adding the person as a
        // member: the role's list opened while the person's list was still closing).
        await dialog.GetByLabel("Role", new() { Exact = true }).ChooseAsync("Lead");
        await Expect(dialog.GetByLabel("Role", new() { Exact = true })).ToHaveValueAsync("Lead");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        var member = dialog.GetByTestId("team-member");
        await Expect(member).ToHaveCountAsync(1);
        await Expect(member).ToContainTextAsync(personName);
        await Expect(dialog.GetByLabel($"Role of {personName}")).ToHaveValueAsync("Lead");
        await Page.Keyboard.PressAsync("Escape");

        // The list counts the member after a reload (written through, not only shown).
        await Page.ReloadAsync();
        await Page.WaitForInteractiveAsync();
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1");

        // Deactivated (soft delete): gone from the list, shown with its badge among the deactivated teams, and back on reactivation.
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {name}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync(); // the confirmation
        await Expect(row).ToHaveCountAsync(0);
        await Page.GetByText("Show deactivated teams").ClickAsync();
        await Expect(row).ToContainTextAsync("Deactivated");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Reactivate {name}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {name}" })).ToBeVisibleAsync();
    }
}
