using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Common;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Invitations;

[Collection(SharedApp.Name)]
public sealed class InvitationsEndpointsTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Invitation_is_emailed_with_its_link_and_only_the_token_hash_is_stored()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var email = UserBuilders.NewEmail("new.hire");
        var response = await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email, role = "SUPERVISOR", name = "New Hire" });
        await response.ShouldBe(HttpStatusCode.Created);
        var invitation = await response.Data();
        Assert.Equal(email, invitation.Str("email"));
        Assert.Equal("SUPERVISOR", invitation.Str("role"));
        Assert.Equal("New Hire", invitation.Str("name"));
        Assert.Equal("PENDING", invitation.Str("status"));
        Assert.False(invitation.TryGetProperty("acceptUrl", out _), "the link goes only to the address's mailbox");
        var token = factory.Mail.InvitationToken(email);
        var url = $"http://inbox.test/invite/{token}";
        Assert.True(invitation.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(6));

        var mail = MailReader.Latest(factory, email)!;
        // The body is quoted-printable: decode it and find the link alone on its line.
        var body = System.Text.RegularExpressions.Regex.Replace(mail, "=([0-9A-F]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        Assert.Contains(url, body.Split("\r\n"));
        Assert.Equal(url, MailReader.LatestLink(factory, email));

        await using var db = factory.SystemDb();
        var row = await db.Invitations.SingleAsync(i => i.Id == invitation.Id());
        Assert.Equal(Secrets.Hash(token), row.TokenHash);
        Assert.Equal(admin.UserId, row.InvitedById);
        var stored = await db.Invitations.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(stored, i => new[] { i.Email, i.NormalizedEmail, i.Name, i.TokenHash }.Any(v => v?.Contains(token) == true));
    }

    [Fact]
    public async Task Role_defaults_to_agent_and_the_list_filters_by_computed_status()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var pending = await admin.InviteAsync();
        Assert.Equal("AGENT", pending.Str("role"));
        var revoked = await admin.InviteAsync();
        await (await admin.Client.DeleteAsync($"/api/v1/invitations/{revoked.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        var expired = await admin.InviteAsync();
        await using (var db = factory.SystemDb())
            await db.Invitations.Where(i => i.Id == expired.Id()).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));

        var all = await admin.Client.GetAsync("/api/v1/invitations");
        Assert.Equal(3, (await all.Json()).GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.False((await all.Data())[0].TryGetProperty("acceptUrl", out _), "listed invitations never carry the link");
        Assert.Equal([pending.Id()], (await (await admin.Client.GetAsync("/api/v1/invitations?status=PENDING")).Data()).EnumerateArray().Select(i => i.Id()));
        Assert.Equal([revoked.Id()], (await (await admin.Client.GetAsync("/api/v1/invitations?status=revoked")).Data()).EnumerateArray().Select(i => i.Id()));
        var expiredList = await (await admin.Client.GetAsync("/api/v1/invitations?status=EXPIRED")).Data();
        Assert.Equal([expired.Id()], expiredList.EnumerateArray().Select(i => i.Id()));
        Assert.Equal("EXPIRED", expiredList[0].Str("status"));
        await (await admin.Client.GetAsync("/api/v1/invitations?status=LOST")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Inviting_a_member_or_an_already_invited_address_is_a_conflict()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email = admin.Email })).ShouldFail(HttpStatusCode.Conflict, "EMAIL_TAKEN");

        var invitation = await admin.InviteAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email = invitation.Str("email") })).ShouldFail(HttpStatusCode.Conflict, "INVITATION_PENDING");
        // Another organization may invite the same address; once expired, this one may invite it again.
        await other.InviteAsync(invitation.Str("email"));
        await using (var db = factory.SystemDb())
            await db.Invitations.Where(i => i.Id == invitation.Id()).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        await admin.InviteAsync(invitation.Str("email"));
    }

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("{\"email\":\"nope\"}", "email")]
    [InlineData("{\"email\":\"ok@team.test\",\"role\":\"SUPER_ADMIN\"}", "role")]
    public async Task Create_with_bad_fields_is_a_validation_error_naming_the_field(string body, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostRawJsonAsync("/api/v1/invitations", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details should name {field}: {error}");
    }

    [Theory]
    [InlineData("{\"email\":\"ok@team.test\",\"role\":\"OWNER\"}")]
    [InlineData("{\"email\":[\"ok@team.test\"]}")]
    [InlineData("{\"email\":\"ok@team.test\",\"name\":5}")]
    [InlineData("[]")]
    public async Task Create_with_wrong_types_is_400_never_500(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostRawJsonAsync("/api/v1/invitations", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Requests_without_a_token_are_401_except_the_public_ones()
    {
        var client = factory.CreateClient();
        var id = Guid.NewGuid();
        await (await client.GetAsync("/api/v1/invitations")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsJsonAsync("/api/v1/invitations", new { email = "a@b.test" })).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsJsonAsync("/api/v1/invitations/bulk", new { invitations = new[] { new { email = "a@b.test" } } }))
            .ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsync($"/api/v1/invitations/{id}/resend", null)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.DeleteAsync($"/api/v1/invitations/{id}")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.GetAsync("/api/v1/invitations/token/unknown-token")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Agents_cannot_see_or_send_invitations_and_supervisors_only_see_them()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var invitation = await admin.InviteAsync();

        await (await agent.Client.GetAsync("/api/v1/invitations")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsJsonAsync("/api/v1/invitations", new { email = UserBuilders.NewEmail() })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var seen = await (await supervisor.Client.GetAsync("/api/v1/invitations?status=PENDING")).Data();
        Assert.Equal([invitation.Id()], seen.EnumerateArray().Select(i => i.Id()));
        await (await supervisor.Client.PostAsJsonAsync("/api/v1/invitations", new { email = UserBuilders.NewEmail() })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.PostAsync($"/api/v1/invitations/{invitation.Id()}/resend", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.DeleteAsync($"/api/v1/invitations/{invitation.Id()}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.PostAsJsonAsync("/api/v1/invitations/bulk", new { invitations = new[] { new { email = UserBuilders.NewEmail() } } }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Organization_B_invitations_are_not_found_for_organization_A()
    {
        var adminA = await factory.RegisterOrganizationAsync();
        var adminB = await factory.RegisterOrganizationAsync();
        var invitationB = await adminB.InviteAsync();

        await (await adminA.Client.PostAsync($"/api/v1/invitations/{invitationB.Id()}/resend", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await adminA.Client.DeleteAsync($"/api/v1/invitations/{invitationB.Id()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(0, (await (await adminA.Client.GetAsync("/api/v1/invitations")).Data()).GetArrayLength());
        var lookup = await factory.CreateClient().GetAsync($"/api/v1/invitations/token/{factory.InvitationToken(invitationB)}");
        Assert.Equal("PENDING", (await lookup.Data()).Str("status"));
    }

    [Fact]
    public async Task Resend_issues_a_new_link_and_expiry_and_the_old_link_stops_working()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var invitation = await admin.InviteAsync();
        var oldToken = factory.InvitationToken(invitation);
        await using (var db = factory.SystemDb())
            await db.Invitations.Where(i => i.Id == invitation.Id()).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));

        var response = await admin.Client.PostAsync($"/api/v1/invitations/{invitation.Id()}/resend", null);
        await response.ShouldBe(HttpStatusCode.OK);
        var resent = await response.Data();
        Assert.Equal("PENDING", resent.Str("status"));
        Assert.Equal(2, resent.GetProperty("sendCount").GetInt32());
        Assert.True(resent.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(6));
        Assert.False(resent.TryGetProperty("acceptUrl", out _), "the link goes only to the address's mailbox");
        var newToken = factory.InvitationToken(invitation);
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(2, factory.Mail.To(invitation.Str("email")).Count);
        var client = factory.CreateClient();
        await (await client.GetAsync($"/api/v1/invitations/token/{oldToken}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await client.GetAsync($"/api/v1/invitations/token/{newToken}")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Accepted_or_revoked_invitations_cannot_be_resent_or_revoked()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var accepted = await admin.InviteAsync();
        await (await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{factory.InvitationToken(accepted)}",
            new { name = "Joined", password = "Joined-pass-1" })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PostAsync($"/api/v1/invitations/{accepted.Id()}/resend", null)).ShouldFail(HttpStatusCode.Conflict, "INVITATION_ACCEPTED");
        await (await admin.Client.DeleteAsync($"/api/v1/invitations/{accepted.Id()}")).ShouldFail(HttpStatusCode.Conflict, "INVITATION_ACCEPTED");

        var revoked = await admin.InviteAsync();
        await (await admin.Client.DeleteAsync($"/api/v1/invitations/{revoked.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.PostAsync($"/api/v1/invitations/{revoked.Id()}/resend", null)).ShouldFail(HttpStatusCode.Conflict, "INVITATION_REVOKED");
        await (await admin.Client.DeleteAsync($"/api/v1/invitations/{revoked.Id()}")).ShouldFail(HttpStatusCode.Conflict, "INVITATION_REVOKED");
    }

    [Fact]
    public async Task Inviting_a_user_of_another_organization_answers_as_for_anyone_and_tells_that_user_instead()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();

        var response = await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email = other.Email.ToUpperInvariant(), role = "AGENT" });
        var free = await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email = UserBuilders.NewEmail("free"), role = "AGENT" });

        // The same answer as for a free address: nothing tells the admin that the address has an account elsewhere.
        await response.ShouldBe(HttpStatusCode.Created);
        await free.ShouldBe(HttpStatusCode.Created);
        var invitation = await response.Data();
        Assert.Equal(PropertyNames(await free.Data()), PropertyNames(invitation));
        Assert.Equal("PENDING", invitation.Str("status"));
        var pending = (await (await admin.Client.GetAsync("/api/v1/invitations")).Data()).EnumerateArray().Select(i => i.Id());
        Assert.Contains(invitation.Id(), pending);
        // The address's owner is told, without a link that could not be accepted anyway.
        var mail = MailReader.Latest(factory, other.Email)!;
        Assert.Contains("already has an InboxApp account with another organization", mail);
        Assert.Null(SignupMail.InvitationTokenIn(factory.Mail.To(other.Email)[^1].TextBody));
        // The other organization's user is where they were.
        await (await other.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bulk_invitations_report_each_line_on_its_own()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var fresh = UserBuilders.NewEmail("bulk");
        var response = await admin.Client.PostRawJsonAsync("/api/v1/invitations/bulk",
            $$"""{"invitations":[{"email":"{{fresh}}","role":"SUPERVISOR","name":"Bulk One"},{"email":"broken"},{"email":"{{admin.Email}}"},{"email":"{{fresh}}"},{"email":"x@team.test","role":"SUPER_ADMIN"},{}]}""");
        await response.ShouldBe(HttpStatusCode.OK);
        var results = (await response.Data()).EnumerateArray().ToList();
        Assert.Equal(6, results.Count);
        Assert.Equal("created", results[0].Str("status"));
        Assert.Equal("SUPERVISOR", results[0].GetProperty("invitation").Str("role"));
        Assert.False(results[0].GetProperty("invitation").TryGetProperty("acceptUrl", out _));
        Assert.Single(factory.Mail.To(fresh), m => SignupMail.InvitationTokenIn(m.TextBody) is not null);
        Assert.Equal(["VALIDATION_ERROR", "EMAIL_TAKEN", "INVITATION_PENDING", "VALIDATION_ERROR", "VALIDATION_ERROR"],
            results.Skip(1).Select(r => r.GetProperty("error").Str("code")));
        Assert.All(results.Skip(1), r => Assert.Equal("error", r.Str("status")));
        Assert.Equal(1, (await (await admin.Client.GetAsync("/api/v1/invitations")).Data()).GetArrayLength());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"invitations\":[]}")]
    [InlineData("{\"invitations\":\"a@b.test\"}")]
    public async Task Bulk_with_a_bad_body_is_400(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostRawJsonAsync("/api/v1/invitations/bulk", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Bulk_takes_at_most_100_invitations()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var items = Enumerable.Range(0, 101).Select(_ => new { email = UserBuilders.NewEmail("many") }).ToArray();
        await (await admin.Client.PostAsJsonAsync("/api/v1/invitations/bulk", new { invitations = items })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, (await (await admin.Client.GetAsync("/api/v1/invitations")).Data()).GetArrayLength());
    }

    private static string[] PropertyNames(System.Text.Json.JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();
}
