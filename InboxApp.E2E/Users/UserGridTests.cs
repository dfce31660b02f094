using System.Net.Http.Json;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Users;

[Collection(SharedServer.Third)]
public sealed class UserGridTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    private ILocator Grid => Page.GetByLabel("Team members");

    private ILocator ResetFilters => Page.GetByRole(AriaRole.Button, new() { Name = "Reset filters" });

    [Fact]
    public async Task The_team_list_filters_by_search_and_access_level_and_the_filters_reset()
    {
        await SignInAsAsync(UserRole.ADMIN, "/settings/users");
        await Page.WaitForInteractiveAsync();
        await Expect(Grid.GetByText("Blair Agent")).ToBeVisibleAsync();
        await Expect(ResetFilters).ToBeDisabledAsync();

        await Page.GetByLabel("Search").FillAsync("sam");
        await Expect(Grid.GetByText("Sam Supervisor")).ToBeVisibleAsync();
        await Expect(Grid.GetByText("Blair Agent")).ToHaveCountAsync(0);

        await ResetFilters.ClickAsync();
        await Expect(Page.GetByLabel("Search")).ToHaveValueAsync("");
        await Expect(Grid.GetByText("Blair Agent")).ToBeVisibleAsync();

        await Page.GetByLabel("Access level").ChooseAsync("Agent");
        await Expect(Grid.GetByText("Alex Agent")).ToBeVisibleAsync();
        await Expect(Grid.GetByText("Blair Agent")).ToBeVisibleAsync();
        await Expect(Grid.GetByText("Ada Admin")).ToHaveCountAsync(0);

        await Page.GetByLabel("Search").FillAsync("nobody-by-this-name");
        await Expect(Grid.GetByText("Nobody matches these filters. Reset the filters to see everyone.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_admin_changes_a_members_role_in_the_edit_dialog_and_sees_it_in_the_list()
    {
        // Terry is a member already (invited and joined through the API; the invitation's own pages are InviteTests'), so
        // the list shows Terry from its first load.
        var email = $"temp-{Guid.NewGuid():N}@acme.test";
        var since = DateTime.UtcNow.AddSeconds(-1);
        await Seed.PostAsync("users", new { email, name = "Terry Temp", role = "AGENT" });
        var token = (await Mailbox.InvitationLinkAsync(Server, email, since)).Split("/invite/")[1];
        using var anonymous = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        using var join = await anonymous.PostAsJsonAsync($"/api/v1/invitations/accept/{token}", new { password = "Temp-Password-1" });
        Assert.True(join.IsSuccessStatusCode, $"Accepting the invitation answered {(int)join.StatusCode}");
        await SignInAsAsync(UserRole.ADMIN, "/settings/users");
        await Page.WaitForInteractiveAsync();
        await Page.GetByLabel("Search").FillAsync("terry");
        // The search has applied (the grid re-renders its rows when it does; a click meanwhile would be lost).
        await Expect(Grid.GetByText("Blair Agent")).ToHaveCountAsync(0);
        var row = Grid.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("Agent");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit user" }).ClickAsync();
        var edit = Page.GetByRole(AriaRole.Dialog);
        await edit.GetByLabel("Role").ChooseAsync("Supervisor");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.GetByText($"User updated: {email}")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Supervisor");

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete user" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(Page.GetByText($"User deleted: {email}")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
    }
}
