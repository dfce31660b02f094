using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Users;

[Collection(SharedServer.Name)]
public sealed class InviteTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task An_admin_invites_a_teammate_who_accepts_the_link_and_signs_in()
    {
        await SignInAsAsync(UserRole.ADMIN, "/settings/users");
        await Page.WaitForInteractiveAsync();

        var email = $"newbie-{Guid.NewGuid():N}@acme.test";
        var since = DateTime.UtcNow.AddSeconds(-1);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByLabel("Role").ChooseAsync("Supervisor");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        // The link goes only to the invited address (ADR 0029): the admin sees that it was mailed, not the link.
        await Expect(Page.GetByText($"Invitation emailed to {email}.")).ToBeVisibleAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.GetByText("/invite/")).ToHaveCountAsync(0);
        var acceptUrl = await Mailbox.InvitationLinkAsync(Server, email, since);
        Assert.StartsWith(Server.BaseUrl + "/invite/", acceptUrl);
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Invitations" }).ClickAsync();
        // A row of the grid (the snackbar names the address too).
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Pending");

        // The invitee, in their own browser, opens the link, joins and lands signed in.
        var invitee = await NewSessionAsync();
        await invitee.GotoAsync(acceptUrl);
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Name = "Join Acme Support" })).ToBeVisibleAsync();
        await invitee.GetByLabel("Name").FillAsync("Nina Newbie");
        await invitee.GetByLabel("Password").FillAsync("Newbie-Pass-1");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Expect(invitee).ToHaveURLAsync(Server.BaseUrl + "/");
        await new ShellPage(invitee).ExpectSignedInAsAsync("Nina Newbie");
        await new ShellPage(invitee).ExpectNavLinksAsync("Users");

        // And can sign in again with the chosen password, while the used link no longer works.
        var later = await NewSessionAsync();
        var login = new LoginPage(later);
        await login.GotoAsync();
        await login.SignInAsync(email, "Newbie-Pass-1");
        await Expect(later).ToHaveURLAsync(Server.BaseUrl + "/");
        await later.GotoAsync(acceptUrl);
        await Expect(later.GetByText("This invitation was already used")).ToBeVisibleAsync();
    }
}
