using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using InboxApp.Core.Users;
using InboxApp.E2E.Inbox;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InboxApp.E2E.Account;

/// <summary>
/// An open tab follows its user: a deactivated or demoted user's tab goes to the sign-in page at once when the change is
/// made on this server, and an action from a tab whose user changed elsewhere (another node, straight in the database)
/// is refused. Users are made for each test in the class's workspace, so the demo logins other tests use stay as they are.
/// </summary>
[Collection(SharedServer.Second)]
public sealed class OpenTabAccessTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task Deactivating_an_agent_sends_their_open_tab_to_sign_in_and_they_cannot_send()
    {
        var customer = "Tab Customer " + Guid.NewGuid().ToString("N")[..6];
        await Seed.CustomerWritesAsync(customer, "Is anyone there?");
        var agent = await NewMemberAsync(UserRole.AGENT);
        await SignInAsync(agent.Email, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.GotoAsync();
        await inbox.OpenAsync(customer);
        await inbox.Composer.FillAsync("Sent after deactivation");

        await Users().UpdateAsync(await AdminAsync(), agent.Id, new UserChanges(IsActive: false));

        await Login.ExpectShownAsync();
        await Page.GotoAsync("/inbox");
        await Login.ExpectShownAsync();
        Assert.False(await MessageExistsAsync("Sent after deactivation"));
    }

    [Fact]
    public async Task An_agent_deactivated_on_another_node_cannot_send_from_an_open_tab()
    {
        var customer = "Node Customer " + Guid.NewGuid().ToString("N")[..6];
        await Seed.CustomerWritesAsync(customer, "Hello?");
        var agent = await NewMemberAsync(UserRole.AGENT);
        await SignInAsync(agent.Email, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.GotoAsync();
        await inbox.OpenAsync(customer);
        await inbox.Composer.FillAsync("Sent by a deactivated agent");

        // Another node deactivates the agent: no signal reaches this server, only the database changes.
        await ChangeInDatabaseAsync(agent.Id, isActive: false, role: null);
        await TryClickAsync(inbox.SendButton);

        await Login.ExpectShownAsync();
        Assert.False(await MessageExistsAsync("Sent by a deactivated agent"));
    }

    [Fact]
    public async Task Demoting_an_admin_sends_their_api_keys_tab_to_sign_in_and_no_key_is_created()
    {
        var admin = await NewMemberAsync(UserRole.ADMIN);
        await SignInAsync(admin.Email, "/");
        await Page.GotoAsync("/settings/api-keys");
        var name = Page.GetByLabel("Name");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Create" })).ToBeEnabledAsync();
        await name.FillAsync("after demotion");

        await Users().UpdateAsync(await AdminAsync(), admin.Id, new UserChanges(Role: UserRole.AGENT));

        await Login.ExpectShownAsync();
        Assert.False(await KeyExistsAsync("after demotion"));
        // Signed in again, the agent is no longer offered API keys.
        await Login.SignInAsync(admin.Email, Password);
        await Page.GotoAsync("/settings/api-keys");
        await Expect(Page.GetByTestId("admins-only")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Create" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_demoted_on_another_node_cannot_create_an_api_key_from_an_open_tab()
    {
        var admin = await NewMemberAsync(UserRole.ADMIN);
        await SignInAsync(admin.Email, "/");
        await Page.GotoAsync("/settings/api-keys");
        var create = Page.GetByRole(AriaRole.Button, new() { Name = "Create" });
        await Expect(create).ToBeEnabledAsync();
        await Page.GetByLabel("Name").FillAsync("demoted elsewhere");

        await ChangeInDatabaseAsync(admin.Id, isActive: null, role: UserRole.AGENT);
        await TryClickAsync(create);

        await Login.ExpectShownAsync();
        Assert.False(await KeyExistsAsync("demoted elsewhere"));
    }

    [Fact]
    public async Task A_session_cookie_replayed_after_signing_out_is_refused()
    {
        var supervisor = await NewMemberAsync(UserRole.SUPERVISOR);
        await SignInAsync(supervisor.Email, "/");
        var saved = (await Page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }).ToList();
        Assert.Contains(saved, c => c.Name == "inbox.auth");

        await Shell.SignOutAsync();
        await Login.ExpectShownAsync();

        // Someone who copied the cookie before the sign-out replays it in another browser.
        var replay = await NewSessionAsync();
        await replay.Context.AddCookiesAsync(saved);
        await replay.GotoAsync("/");
        await new LoginPage(replay).ExpectShownAsync();
    }

    private const string Password = "Open-Tab-Pass-42";

    /// <summary>
    /// Clicks if the button is still there: the tab's next contact with the server (this click, or any earlier event of
    /// the page) finds the change and sends the tab to sign-in, so the button may be gone already.
    /// </summary>
    private static async Task TryClickAsync(ILocator button)
    {
        try
        {
            await button.ClickAsync(new() { Timeout = 3_000 });
        }
        catch (TimeoutException)
        {
            // Already on the way to the sign-in page.
        }
    }

    private UserService Users() => Server.Services.GetRequiredService<UserService>();

    private Task<Actor> AdminAsync() => Task.FromResult(Workspace.Admin);

    private async Task<(Guid Id, string Email)> NewMemberAsync(UserRole role)
    {
        var email = $"tab-{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@acme.test";
        var since = DateTime.UtcNow.AddSeconds(-1);
        await Users().CreateAsync(await AdminAsync(), new NewMember(email, $"Tab {role}", role), Server.BaseUrl);
        // People join by invitation only (ADR 0029): accept the mailed link with the password.
        var link = await Mailbox.InvitationLinkAsync(Server, email, since);
        var joined = await Server.Services.GetRequiredService<InvitationService>().AcceptAsync(link[(link.LastIndexOf('/') + 1)..], null, Password);
        return (joined.User.Id, email);
    }

    private async Task SignInAsync(string email, string landing)
    {
        await Login.GotoAsync();
        await Login.SignInAsync(email, Password);
        await Expect(Page).ToHaveURLAsync(Server.BaseUrl + landing);
    }

    /// <summary>What another node would do: the user's row changes and the security stamp rotates, with no signal to this server.</summary>
    private async Task ChangeInDatabaseAsync(Guid userId, bool? isActive, UserRole? role)
    {
        await using var db = Server.Services.GetRequiredService<InboxDb>().System();
        var user = await db.Users.FirstAsync(u => u.Id == userId);
        if (isActive is { } active) user.IsActive = active;
        if (role is { } r) user.Role = r;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync();
    }

    private async Task<bool> MessageExistsAsync(string text)
    {
        await using var db = Server.Services.GetRequiredService<InboxDb>().System();
        return await db.Messages.AnyAsync(m => m.Text == text);
    }

    private async Task<bool> KeyExistsAsync(string name)
    {
        await using var db = Server.Services.GetRequiredService<InboxDb>().System();
        return await db.ApiKeys.AnyAsync(k => k.Name == name);
    }
}
