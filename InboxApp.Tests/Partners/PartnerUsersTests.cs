using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Partners;

/// <summary>
/// A partner invites people into the accounts it created (its key + <c>X-Account-Id</c>): the first admin and further users
/// join through the organization's own invitation flow; another partner's account and its invitations are not found.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class PartnerUsersTests(NoJobsAppFactory factory)
{
    private static string Users(TestAccount account) => $"/api/v1/workspace/{account.Slug}/users";

    private static string Invitations(TestAccount account) => $"/api/v1/workspace/{account.Slug}/invitations";

    private static Task<HttpResponseMessage> InviteAsync(TestPartner partner, TestAccount account, object body, Guid? accountId = null) =>
        partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Post, Users(account), accountId ?? account.Id, body));

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@customer.test";

    [Fact]
    public async Task A_partner_invites_the_first_admin_who_joins_and_runs_the_account()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var email = NewEmail("owner");

        var invited = await InviteAsync(partner, account, new { email, name = "Maria Costa", role = "ADMIN" });
        await invited.ShouldBe(HttpStatusCode.Accepted);
        var invitation = await invited.Data();
        Assert.Equal("ADMIN", invitation.GetProperty("role").GetString());
        Assert.Equal("PENDING", invitation.GetProperty("status").GetString());
        var token = factory.Mail.InvitationToken(email);
        Assert.DoesNotContain(token, await invited.Content.ReadAsStringAsync());
        Assert.Contains($"join {account.Name} on InboxApp as admin", factory.Mail.To(email).Single().TextBody);

        var owner = await factory.AcceptInvitationAsync(email);
        Assert.Equal(account.Id, owner.OrganizationId);
        var users = await (await owner.Client.GetAsync("/api/v1/users")).Data();
        var me = Assert.Single(users.EnumerateArray());
        Assert.Equal("ADMIN", me.GetProperty("role").GetString());
        Assert.Equal("Maria Costa", me.GetProperty("name").GetString());

        // The partner sees the invitation accepted; the new admin invites colleagues the usual way.
        var list = await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Invitations(account) + "?status=ACCEPTED", account.Id));
        await list.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(invitation.GetProperty("id").GetGuid(), Assert.Single((await list.Data()).EnumerateArray()).GetProperty("id").GetGuid());
        var agent = await factory.AddMemberAsync(owner, "AGENT");
        Assert.Equal(account.Id, agent.OrganizationId);
    }

    [Fact]
    public async Task A_partner_invites_further_users_resends_and_revokes_invitations()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        var email = NewEmail("agent");
        var invited = await InviteAsync(partner, account, new { email, name = "Ana", role = "AGENT" });
        await invited.ShouldBe(HttpStatusCode.Accepted);
        var id = (await invited.Data()).GetProperty("id").GetGuid();
        var first = factory.Mail.InvitationToken(email);

        // The same address again: a conflict, resend instead (a new link; the old one is dead).
        await (await InviteAsync(partner, account, new { email, name = "Ana", role = "AGENT" })).ShouldFail(HttpStatusCode.Conflict, "INVITATION_PENDING");
        var resent = await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Post, $"{Invitations(account)}/{id}/resend", account.Id));
        await resent.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (await resent.Data()).GetProperty("sendCount").GetInt32());
        Assert.NotEqual(first, factory.Mail.InvitationToken(email));
        Assert.NotEqual(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{first}", new { password = ApiClient.Password })).StatusCode);

        // Revoked: the link stops working.
        var revoked = await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Delete, $"{Invitations(account)}/{id}", account.Id));
        await revoked.ShouldBe(HttpStatusCode.NoContent);
        Assert.NotEqual(HttpStatusCode.OK,
            (await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{factory.Mail.InvitationToken(email)}", new { password = ApiClient.Password })).StatusCode);
        var list = await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Invitations(account), account.Id))).Data();
        Assert.Equal("REVOKED", Assert.Single(list.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Invitations_are_validated()
    {
        var partner = await factory.CreatePartnerAsync();
        var account = await partner.CreateAccountAsync();
        await (await InviteAsync(partner, account, new { email = NewEmail("x"), name = "X" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await InviteAsync(partner, account, new { email = "not-an-address", name = "X", role = "ADMIN" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await InviteAsync(partner, account, new { email = NewEmail("x"), name = "  ", role = "ADMIN" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await InviteAsync(partner, account, new { email = NewEmail("x"), name = "X", role = "SUPER_ADMIN" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await InviteAsync(partner, account, new { email = NewEmail("x"), name = "X", role = "OWNER" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Post, Users(account), null, new { email = NewEmail("x"), name = "X", role = "ADMIN" })))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Invitations(account) + "?status=LOST", account.Id)))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Invitations(account) + "?page=0", account.Id)))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        // Nothing was invited.
        var list = await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Invitations(account), account.Id))).Data();
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task A_partner_key_invites_only_into_its_own_accounts()
    {
        var partner = await factory.CreatePartnerAsync();
        var other = await factory.CreatePartnerAsync();
        var mine = await partner.CreateAccountAsync();
        var theirs = await other.CreateAccountAsync();
        var organization = await factory.RegisterOrganizationAsync();
        var email = NewEmail("intruder");
        var body = new { email, name = "Intruder", role = "ADMIN" };

        await (await InviteAsync(partner, theirs, body)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await InviteAsync(partner, mine, body, theirs.Id)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await InviteAsync(partner, mine, body, organization.OrganizationId)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Invitations(theirs), theirs.Id))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty(factory.Mail.To(email));

        // Another account's invitation id is not found through mine.
        var theirsInvited = await InviteAsync(other, theirs, new { email = NewEmail("theirs"), name = "Theirs", role = "AGENT" });
        await theirsInvited.ShouldBe(HttpStatusCode.Accepted);
        var theirsId = (await theirsInvited.Data()).GetProperty("id").GetGuid();
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Post, $"{Invitations(mine)}/{theirsId}/resend", mine.Id))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await partner.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Delete, $"{Invitations(mine)}/{theirsId}", mine.Id))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        // An organization's token or key is no partner credential, nor is nothing.
        await (await organization.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Post, Users(mine), mine.Id, body))).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await factory.CreateClient().SendAsync(PartnersTestKit.Request(HttpMethod.Post, Users(mine), mine.Id, body))).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await organization.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Invitations(mine), mine.Id))).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Empty(factory.Mail.To(email));
        Assert.Equal("PENDING", Assert.Single((await (await other.Client.SendAsync(PartnersTestKit.Request(HttpMethod.Get, Invitations(theirs), theirs.Id))).Data())
            .EnumerateArray()).GetProperty("status").GetString());
    }
}
