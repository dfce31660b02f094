using System.Net;
using System.Text.RegularExpressions;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InboxApp.Tests.Users;

/// <summary>The prerendered users page: what each role is offered (grid rows load once interactive; the E2E tests cover that).</summary>
[Collection(SharedApp.Name)]
public sealed partial class UsersPageTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_sees_the_team_and_the_invite_button_only_since_people_join_by_invitation()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var browser = await SignInAsync(admin.Email, admin.Password);

        var page = await browser.GetStringAsync("/settings/users");
        Assert.Contains("<h1>Users</h1>", page);
        Assert.Contains("aria-label=\"Invite\"", page);
        Assert.DoesNotContain("aria-label=\"Add user\"", page);
        Assert.Contains("role=\"tab\"", page);
        Assert.Contains(">Actions<", page);
    }

    [Fact]
    public async Task Supervisor_sees_the_team_read_only()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var browser = await SignInAsync(supervisor.Email, supervisor.Password);

        var page = await browser.GetStringAsync("/settings/users");
        Assert.Contains("aria-label=\"Team members\"", page);
        Assert.Contains("Only admins can add, change or remove people", page);
        Assert.DoesNotContain("aria-label=\"Invite\"", page);
        Assert.DoesNotContain(">Actions<", page);
    }

    [Fact]
    public async Task Admin_sees_the_first_page_of_members_before_the_page_is_interactive()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var browser = await SignInAsync(admin.Email, admin.Password);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/settings/users"));
        Assert.Contains(agent.Email, page);
        Assert.Contains("aria-label=\"Reset filters\"", page);
        Assert.DoesNotContain("Could not load users", page);
    }

    [Fact]
    public async Task Agent_is_told_the_list_is_for_supervisors_and_admins()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var browser = await SignInAsync(agent.Email, agent.Password);

        var page = await browser.GetStringAsync("/settings/users");
        Assert.Contains("The team list is for supervisors and admins", page);
        Assert.DoesNotContain("aria-label=\"Team members\"", page);
    }

    /// <summary>Signs in through the login form; the returned client carries the cookie.</summary>
    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await browser.GetStringAsync("/login");
        var antiforgery = AntiforgeryField().Match(login);
        Assert.True(antiforgery.Success, "the login form carries an antiforgery token");
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error=", response.Headers.Location?.OriginalString);
        return browser;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
