using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Invitations;

[Collection(SharedApp.Name)]
public sealed partial class InvitationAcceptTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Invitee_looks_up_the_emailed_link_accepts_and_signs_in_with_the_new_password()
    {
        var admin = await factory.RegisterOrganizationAsync("Lookup Org");
        var email = UserBuilders.NewEmail("flow");
        await admin.InviteAsync(email, "SUPERVISOR", "Flo Invitee");
        var token = UserBuilders.TokenOf(MailReader.LatestLink(factory, email));
        var anonymous = factory.CreateClient();

        var lookup = await anonymous.GetAsync($"/api/v1/invitations/token/{token}");
        await lookup.ShouldBe(HttpStatusCode.OK);
        var details = await lookup.Data();
        Assert.Equal(email, details.Str("email"));
        Assert.Equal("Flo Invitee", details.Str("name"));
        Assert.Equal("SUPERVISOR", details.Str("role"));
        Assert.Equal("Lookup Org", details.Str("organizationName"));
        Assert.Equal("PENDING", details.Str("status"));

        var accept = await anonymous.PostAsJsonAsync($"/api/v1/invitations/accept/{token}", new { name = "Flo Smith", password = "Flo-password-1" });
        await accept.ShouldBe(HttpStatusCode.OK);
        var tokens = await accept.Data();
        Assert.StartsWith("at.", tokens.Str("accessToken"));
        Assert.Equal("Flo Smith", tokens.GetProperty("user").Str("name"));
        Assert.Equal(admin.OrganizationId, tokens.GetProperty("user").GetProperty("organizationId").GetGuid());

        var signedIn = await factory.LoginAsync(email, "Flo-password-1");
        var me = await (await signedIn.Client.GetAsync("/api/v1/auth/me")).Data();
        Assert.Equal("SUPERVISOR", me.Str("role"));
        Assert.Equal("Lookup Org", me.GetProperty("organization").Str("name"));
        Assert.Equal("ACCEPTED", (await (await anonymous.GetAsync($"/api/v1/invitations/token/{token}")).Data()).Str("status"));
        Assert.Contains(email, (await (await admin.Client.GetAsync("/api/v1/users")).Data()).Emails());
    }

    [Fact]
    public async Task Unknown_tokens_are_not_found()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/invitations/token/no-such-token")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await client.GetAsync($"/api/v1/invitations/token/{new string('x', 500)}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await client.PostAsJsonAsync("/api/v1/invitations/accept/no-such-token", new { name = "X", password = "Valid-pass-1" }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Accepting_twice_is_a_conflict()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var token = factory.InvitationToken(await admin.InviteAsync());
        var client = factory.CreateClient();
        await (await client.PostAsJsonAsync($"/api/v1/invitations/accept/{token}", new { name = "Once", password = "Once-pass-1" })).ShouldBe(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"/api/v1/invitations/accept/{token}", new { name = "Twice", password = "Twice-pass-1" }))
            .ShouldFail(HttpStatusCode.Conflict, "INVITATION_ACCEPTED");
    }

    [Fact]
    public async Task Revoked_invitation_cannot_be_accepted()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var invitation = await admin.InviteAsync();
        await (await admin.Client.DeleteAsync($"/api/v1/invitations/{invitation.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        var token = factory.InvitationToken(invitation);
        Assert.Equal("REVOKED", (await (await factory.CreateClient().GetAsync($"/api/v1/invitations/token/{token}")).Data()).Str("status"));
        await (await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{token}", new { name = "Late", password = "Late-pass-1" }))
            .ShouldFail(HttpStatusCode.Conflict, "INVITATION_REVOKED");
        await using var db = factory.SystemDb();
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == invitation.Str("email").ToUpperInvariant()));
    }

    [Fact]
    public async Task Expired_invitation_cannot_be_accepted()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var invitation = await admin.InviteAsync();
        await using (var db = factory.SystemDb())
            await db.Invitations.Where(i => i.Id == invitation.Id()).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var token = factory.InvitationToken(invitation);
        await (await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{token}", new { name = "Late", password = "Late-pass-1" }))
            .ShouldFail(HttpStatusCode.Conflict, "INVITATION_EXPIRED");
    }

    [Theory]
    [InlineData("{}", "password")]
    [InlineData("{\"name\":\"N\",\"password\":\"short\"}", "password")]
    [InlineData("{\"password\":\"Valid-pass-1\"}", "name")]
    [InlineData("{\"name\":\"   \",\"password\":\"Valid-pass-1\"}", "name")]
    public async Task Accept_with_bad_fields_is_a_validation_error_and_keeps_the_invitation_pending(string body, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var token = factory.InvitationToken(await admin.InviteAsync());
        var error = await (await factory.CreateClient().PostRawJsonAsync($"/api/v1/invitations/accept/{token}", body))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details should name {field}: {error}");
        Assert.Equal("PENDING", (await (await factory.CreateClient().GetAsync($"/api/v1/invitations/token/{token}")).Data()).Str("status"));
    }

    [Fact]
    public async Task Invitation_name_is_used_when_the_invitee_gives_none()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var token = factory.InvitationToken(await admin.InviteAsync(name: "Named By Admin"));
        var accepted = await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{token}", new { password = "Valid-pass-1" });
        Assert.Equal("Named By Admin", (await accepted.Data()).GetProperty("user").Str("name"));
    }

    [Fact]
    public async Task A_user_created_without_a_password_before_invitations_only_joins_through_a_resent_invitation()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var email = UserBuilders.NewEmail("precreated");
        var created = await factory.LegacyInvitedUserAsync(admin, "SUPERVISOR", email: email, name: "Pre Created");
        Assert.False(created.GetProperty("hasPassword").GetBoolean());
        await (await admin.Client.PostAsync($"/api/v1/users/{created.Id()}/resend-invite", null)).ShouldBe(HttpStatusCode.OK);
        var link = MailReader.LatestLink(factory, email);
        Assert.Equal(factory.Mail.InvitationToken(email), UserBuilders.TokenOf(link));
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Chosen-pass-1" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        var accepted = await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{UserBuilders.TokenOf(link)}", new { password = "Chosen-pass-1" });
        await accepted.ShouldBe(HttpStatusCode.OK);
        var user = (await accepted.Data()).GetProperty("user");
        Assert.Equal(created.Id(), user.Id());
        Assert.Equal("Pre Created", user.Str("name"));
        Assert.Equal("SUPERVISOR", user.Str("role"));
        await factory.LoginAsync(email, "Chosen-pass-1");
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/users?status=invited")).Data()).Emails());
    }

    [Fact]
    public async Task Accept_page_shows_the_invitation_and_its_form_signs_the_invitee_in()
    {
        var admin = await factory.RegisterOrganizationAsync("Page Org");
        var email = UserBuilders.NewEmail("page");
        var token = factory.InvitationToken(await admin.InviteAsync(email));
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync($"/invite/{token}");
        Assert.Contains("Page Org", page);
        Assert.Contains(email, page);
        Assert.Contains("<label for=\"password\">Password</label>", page);

        // A weak password comes back to the form with the reason.
        var weak = await browser.PostAsync($"/account/invite/{token}", Form(page, ("name", "Page Person"), ("password", "weak")));
        Assert.Equal(HttpStatusCode.Redirect, weak.StatusCode);
        Assert.StartsWith($"/invite/{token}?error=", weak.Headers.Location!.OriginalString);
        Assert.Contains("Password must be at least", await browser.GetStringAsync(weak.Headers.Location));

        var joined = await browser.PostAsync($"/account/invite/{token}", Form(page, ("name", "Page Person"), ("password", "Page-pass-1")));
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        // The invitation is for an agent (the default role), and agents start in the inbox.
        Assert.Equal("/inbox", joined.Headers.Location!.OriginalString);
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Page Person", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Accept_page_explains_unknown_and_used_links()
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Contains("This invitation link is not valid", await browser.GetStringAsync("/invite/not-a-real-token"));

        var admin = await factory.RegisterOrganizationAsync();
        var invitation = await admin.InviteAsync();
        await (await admin.Client.DeleteAsync($"/api/v1/invitations/{invitation.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        var revokedPage = await browser.GetStringAsync($"/invite/{factory.InvitationToken(invitation)}");
        Assert.Contains("This invitation was withdrawn", revokedPage);
        Assert.DoesNotContain("<form", revokedPage);
    }

    /// <summary>The page's form fields plus its antiforgery token.</summary>
    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var antiforgery = AntiforgeryField().Match(page);
        Assert.True(antiforgery.Success, "the form carries an antiforgery token");
        return new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create(antiforgery.Groups[1].Value, WebUtility.HtmlDecode(antiforgery.Groups[2].Value))));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
