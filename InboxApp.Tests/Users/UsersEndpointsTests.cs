using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Users;

[Collection(SharedApp.Name)]
public sealed class UsersEndpointsTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_lists_members_in_a_page_envelope_and_search_ignores_case()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await factory.CreateUserAsync(admin, "AGENT", name: "Zoë Quinteros", email: UserBuilders.NewEmail("zq"));
        await factory.CreateUserAsync(admin, "SUPERVISOR", name: "Bob Builder");

        var all = await admin.Client.GetAsync("/api/v1/users?limit=2");
        await all.ShouldBe(HttpStatusCode.OK);
        var body = await all.Json();
        Assert.Equal(2, body.GetProperty("data").GetArrayLength());
        var pagination = body.GetProperty("meta").GetProperty("pagination");
        Assert.Equal(3, pagination.GetProperty("total").GetInt32());
        Assert.True(pagination.GetProperty("hasMore").GetBoolean());

        var byName = await (await admin.Client.GetAsync("/api/v1/users?search=QUINTEROS")).Data();
        Assert.Equal(["Zoë Quinteros"], byName.EnumerateArray().Select(u => u.Str("name")));
        var byEmail = await (await admin.Client.GetAsync("/api/v1/users?search=ZQ-")).Data();
        Assert.Single(byEmail.EnumerateArray());
        var none = await admin.Client.GetAsync("/api/v1/users?search=nobody-here");
        Assert.Equal(0, (await none.Data()).GetArrayLength());
    }

    [Fact]
    public async Task List_filters_by_role_and_by_active_inactive_or_invited()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.CreateUserAsync(admin, "AGENT");
        var invited = await factory.LegacyInvitedUserAsync(admin, "AGENT");
        var supervisor = await factory.CreateUserAsync(admin, "SUPERVISOR");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{supervisor.Id()}", new { isActive = false })).ShouldBe(HttpStatusCode.OK);

        var agents = await (await admin.Client.GetAsync("/api/v1/users?role=agent")).Data();
        Assert.Equal(new[] { agent.Str("email"), invited.Str("email") }.Order(), agents.Emails().Order());
        Assert.Equal([invited.Str("email")], (await (await admin.Client.GetAsync("/api/v1/users?status=invited")).Data()).Emails());
        Assert.Equal([supervisor.Str("email")], (await (await admin.Client.GetAsync("/api/v1/users?status=inactive")).Data()).Emails());
        var active = (await (await admin.Client.GetAsync("/api/v1/users?status=active")).Data()).Emails();
        Assert.Equal(new[] { admin.Email, agent.Str("email") }.Order(), active.Order());
    }

    [Theory]
    [InlineData("role=BOSS", "role")]
    [InlineData("role=1", "role")]
    [InlineData("status=sleeping", "status")]
    [InlineData("page=0", "page")]
    [InlineData("limit=1000", "limit")]
    public async Task List_with_bad_query_values_is_a_validation_error(string query, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.GetAsync($"/api/v1/users?{query}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
    }

    [Fact]
    public async Task Requests_without_a_token_are_401()
    {
        var client = factory.CreateClient();
        var id = Guid.NewGuid();
        await (await client.GetAsync("/api/v1/users")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.GetAsync($"/api/v1/users/{id}")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsJsonAsync("/api/v1/users", new { email = "a@b.test", name = "A" })).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PatchAsJsonAsync($"/api/v1/users/{id}", new { name = "A" })).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.DeleteAsync($"/api/v1/users/{id}")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PatchAsJsonAsync($"/api/v1/users/{id}/status", new { status = "ONLINE" })).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsync($"/api/v1/users/{id}/resend-invite", null)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsJsonAsync("/api/v1/users/bulk", new { action = "delete", selection = new { mode = "ids", ids = new[] { id } } }))
            .ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Agent_cannot_list_or_create_users()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await (await agent.Client.GetAsync("/api/v1/users")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.GetAsync($"/api/v1/users/{admin.UserId}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsJsonAsync("/api/v1/users", new { email = UserBuilders.NewEmail(), name = "X", role = "AGENT" }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Supervisor_can_list_and_read_but_not_create_change_or_delete()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var agent = await factory.CreateUserAsync(admin, "AGENT");

        await (await supervisor.Client.GetAsync("/api/v1/users")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(agent.Str("email"), (await (await supervisor.Client.GetAsync($"/api/v1/users/{agent.Id()}")).Data()).Str("email"));
        await (await supervisor.Client.PostAsJsonAsync("/api/v1/users", new { email = UserBuilders.NewEmail(), name = "X", role = "AGENT" }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.PatchAsJsonAsync($"/api/v1/users/{agent.Id()}", new { role = "SUPERVISOR" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.DeleteAsync($"/api/v1/users/{agent.Id()}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await supervisor.Client.PostAsync($"/api/v1/users/{agent.Id()}/resend-invite", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Adding_a_user_invites_them_and_they_join_with_a_password_of_their_own()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var email = UserBuilders.NewEmail("Mixed.Case");
        var response = await admin.Client.PostAsJsonAsync("/api/v1/users", new { email, name = "  Sam Agent ", role = "SUPERVISOR" });
        await response.ShouldBe(HttpStatusCode.Accepted);
        var invitation = await response.Data();
        Assert.Equal(email, invitation.Str("email"));
        Assert.Equal("Sam Agent", invitation.Str("name"));
        Assert.Equal("SUPERVISOR", invitation.Str("role"));
        Assert.Equal("PENDING", invitation.Str("status"));
        Assert.False(invitation.TryGetProperty("acceptUrl", out _), "the link goes only to the address's mailbox");
        Assert.DoesNotContain(email, (await (await admin.Client.GetAsync("/api/v1/users?limit=100")).Data()).Emails());
        Assert.Contains(invitation.Id(), (await (await admin.Client.GetAsync("/api/v1/invitations?status=PENDING")).Data()).EnumerateArray().Select(i => i.Id()));

        var joined = await factory.AcceptInvitationAsync(email, "Another-pass-2");
        Assert.Equal(admin.OrganizationId, joined.OrganizationId);
        var signedIn = await factory.LoginAsync(email.ToUpperInvariant(), "Another-pass-2");
        var me = await (await admin.Client.GetAsync($"/api/v1/users/{signedIn.UserId}")).Data();
        Assert.Equal("SUPERVISOR", me.Str("role"));
        Assert.Equal("Sam Agent", me.Str("name"));
    }

    [Fact]
    public async Task Role_defaults_to_agent()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = UserBuilders.NewEmail(), name = "Default" });
        await response.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal("AGENT", (await response.Data()).Str("role"));
    }

    [Fact]
    public async Task An_api_key_adds_users_as_an_admin_does()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var key = await factory.ApiKeyClientAsync(admin);
        var email = UserBuilders.NewEmail("by-key");
        await (await key.PostAsJsonAsync("/api/v1/users", new { email, name = "By Key" })).ShouldBe(HttpStatusCode.Accepted);
        var joined = await factory.AcceptInvitationAsync(email);
        Assert.Equal(admin.OrganizationId, joined.OrganizationId);
    }

    [Fact]
    public async Task A_password_is_refused_because_people_choose_their_own()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var email = UserBuilders.NewEmail();
        var error = await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email, name = "N", password = "Another-pass-2" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("password", out _), error.ToString());
        Assert.Empty(factory.Mail.To(email));
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Another-pass-2" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("{\"name\":\"N\"}", "email")]
    [InlineData("{\"email\":\"not-an-email\",\"name\":\"N\"}", "email")]
    [InlineData("{\"email\":\"ok@team.test\"}", "name")]
    [InlineData("{\"email\":\"ok@team.test\",\"name\":\"   \"}", "name")]
    [InlineData("{\"email\":\"ok@team.test\",\"name\":\"N\",\"role\":\"SUPER_ADMIN\"}", "role")]
    [InlineData("{\"email\":\"ok@team.test\",\"name\":\"N\",\"password\":\"Long-enough-pass-1\"}", "password")]
    public async Task Create_with_bad_fields_is_a_validation_error_naming_the_field(string body, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostRawJsonAsync("/api/v1/users", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details should name {field}: {error}");
    }

    [Theory]
    [InlineData("{\"email\":\"ok@team.test\",\"name\":\"N\",\"role\":\"BOSS\"}")]
    [InlineData("{\"email\":\"ok@team.test\",\"name\":\"N\",\"role\":2}")]
    [InlineData("{\"email\":42,\"name\":\"N\"}")]
    [InlineData("{\"email\":\"ok@team.test\",\"name\":[\"N\"]}")]
    [InlineData("{not json")]
    public async Task Create_with_wrong_types_or_unknown_roles_is_400_never_500(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostRawJsonAsync("/api/v1/users", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Adding_a_member_or_a_pending_invitee_of_the_same_organization_again_is_a_conflict()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var member = await factory.CreateUserAsync(admin);
        await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = member.Str("email").ToUpperInvariant(), name = "Again" }))
            .ShouldFail(HttpStatusCode.Conflict, "EMAIL_TAKEN");
        await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = admin.Email, name = "Myself" }))
            .ShouldFail(HttpStatusCode.Conflict, "EMAIL_TAKEN");

        var invitee = UserBuilders.NewEmail("pending");
        await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = invitee, name = "First" })).ShouldBe(HttpStatusCode.Accepted);
        await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = $" {invitee.ToUpperInvariant()} ", name = "Second" }))
            .ShouldFail(HttpStatusCode.Conflict, "INVITATION_PENDING");
        Assert.Single(factory.Mail.To(invitee));
        Assert.Single(factory.Mail.To(member.Str("email")));
    }

    [Fact]
    public async Task Adding_an_address_of_another_organization_answers_as_for_a_new_one_and_tells_its_owner_by_email()
    {
        var admin = await factory.RegisterOrganizationAsync("Curious Org");
        var other = await factory.RegisterOrganizationAsync();
        var fresh = UserBuilders.NewEmail("fresh");

        var taken = await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = $" {other.Email.ToUpperInvariant()} ", name = "Theirs", role = "SUPERVISOR" });
        var free = await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = fresh, name = "Theirs", role = "SUPERVISOR" });
        await taken.ShouldBe(HttpStatusCode.Accepted);
        await free.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(free.Headers.Location, taken.Headers.Location);
        var (a, b) = (await taken.Json(), await free.Json());
        Assert.Equal(Shape(b), Shape(a));
        var (x, y) = (a.GetProperty("data"), b.GetProperty("data"));
        foreach (var field in new[] { "role", "name", "status" }) Assert.Equal(y.Str(field), x.Str(field));
        Assert.Equal(y.GetProperty("sendCount").GetInt32(), x.GetProperty("sendCount").GetInt32());

        // The owner of the address is told, without a link; the new address gets the link.
        var toOwner = factory.Mail.To(other.Email);
        Assert.Equal(2, toOwner.Count); // the sign-up link, then the notice
        var notice = toOwner[^1];
        Assert.Contains("Curious Org", notice.TextBody);
        Assert.Contains("already has an InboxApp account", notice.TextBody);
        Assert.Null(SignupMail.InvitationTokenIn(notice.TextBody));
        Assert.NotNull(SignupMail.InvitationTokenIn(Assert.Single(factory.Mail.To(fresh)).TextBody));

        // Both wait as pending invitations alike; nobody was added, and the other organization's account is untouched.
        var pending = await (await admin.Client.GetAsync("/api/v1/invitations?status=PENDING")).Data();
        Assert.Equal(2, pending.GetArrayLength());
        Assert.Single((await (await admin.Client.GetAsync("/api/v1/users?limit=100")).Data()).EnumerateArray());
        var again = await factory.LoginAsync(other.Email, other.Password);
        Assert.Equal(other.OrganizationId, again.OrganizationId);
        Assert.Equal("ADMIN", (await (await again.Client.GetAsync("/api/v1/auth/me")).Data()).Str("role"));
    }

    /// <summary>The property names of a JSON value, recursively: what a client could tell two answers apart by.</summary>
    private static string Shape(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        System.Text.Json.JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Shape)) + "]",
        var kind => kind.ToString(),
    };

    [Fact]
    public async Task Organization_B_users_are_not_found_for_organization_A()
    {
        var adminA = await factory.RegisterOrganizationAsync();
        var adminB = await factory.RegisterOrganizationAsync();
        var userB = await factory.CreateUserAsync(adminB, "AGENT");
        var id = userB.Id();

        await (await adminA.Client.GetAsync($"/api/v1/users/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await adminA.Client.PatchAsJsonAsync($"/api/v1/users/{id}", new { name = "Hijacked" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await adminA.Client.PatchAsJsonAsync($"/api/v1/users/{id}/status", new { status = "AWAY" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await adminA.Client.PostAsync($"/api/v1/users/{id}/resend-invite", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await adminA.Client.DeleteAsync($"/api/v1/users/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await adminA.Client.PostAsJsonAsync("/api/v1/users/bulk", new { action = "deactivate", selection = new { mode = "ids", ids = new[] { id } } }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.True((await (await adminB.Client.GetAsync($"/api/v1/users/{id}")).Data()).GetProperty("isActive").GetBoolean());
        await (await adminA.Client.PatchAsJsonAsync($"/api/v1/users/{adminB.UserId}", new { isActive = false })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        var listA = (await (await adminA.Client.GetAsync("/api/v1/users?limit=100")).Data()).Emails();
        Assert.DoesNotContain(userB.Str("email"), listA);
        Assert.DoesNotContain(adminB.Email, listA);
        var stillThere = await (await adminB.Client.GetAsync($"/api/v1/users/{id}")).Data();
        Assert.Equal("Test AGENT", stillThere.Str("name"));
    }

    [Fact]
    public async Task Admin_updates_name_role_and_activation()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.CreateUserAsync(admin);
        var response = await admin.Client.PatchAsJsonAsync($"/api/v1/users/{agent.Id()}", new { name = "Renamed", role = "SUPERVISOR" });
        await response.ShouldBe(HttpStatusCode.OK);
        var updated = await response.Data();
        Assert.Equal("Renamed", updated.Str("name"));
        Assert.Equal("SUPERVISOR", updated.Str("role"));

        var deactivated = await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{agent.Id()}", new { isActive = false })).Data();
        Assert.False(deactivated.GetProperty("isActive").GetBoolean());
        var reactivated = await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{agent.Id()}", new { isActive = true })).Data();
        Assert.True(reactivated.GetProperty("isActive").GetBoolean());
    }

    [Theory]
    [InlineData("{\"role\":\"SUPER_ADMIN\"}")]
    [InlineData("{\"role\":\"BOSS\"}")]
    [InlineData("{\"isActive\":\"yes\"}")]
    [InlineData("{\"name\":\"\"}")]
    [InlineData("{\"name\":\"   \"}")]
    public async Task Update_with_bad_fields_is_400(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.CreateUserAsync(admin);
        await (await admin.Client.PatchRawJsonAsync($"/api/v1/users/{agent.Id()}", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Role_change_ends_the_users_sessions()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await (await agent.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}", new { role = "SUPERVISOR" })).ShouldBe(HttpStatusCode.OK);

        await (await agent.Client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = agent.RefreshToken }))
            .ShouldBe(HttpStatusCode.Unauthorized);
        var again = await factory.LoginAsync(agent.Email, agent.Password);
        Assert.Equal("SUPERVISOR", (await (await again.Client.GetAsync("/api/v1/auth/me")).Data()).Str("role"));
    }

    [Fact]
    public async Task Deactivated_users_token_stops_working_and_they_cannot_sign_in()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}", new { isActive = false })).ShouldBe(HttpStatusCode.OK);

        await (await agent.Client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = agent.RefreshToken }))
            .ShouldBe(HttpStatusCode.Unauthorized);
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = agent.Email, password = agent.Password }))
            .ShouldFail(HttpStatusCode.Forbidden, "ACCOUNT_INACTIVE");
    }

    [Fact]
    public async Task Admin_cannot_demote_deactivate_or_delete_themself()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await factory.CreateUserAsync(admin, "ADMIN");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{admin.UserId}", new { role = "AGENT" })).ShouldFail(HttpStatusCode.Conflict, "CANNOT_MODIFY_SELF");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{admin.UserId}", new { isActive = false })).ShouldFail(HttpStatusCode.Conflict, "CANNOT_MODIFY_SELF");
        await (await admin.Client.DeleteAsync($"/api/v1/users/{admin.UserId}")).ShouldFail(HttpStatusCode.Conflict, "CANNOT_MODIFY_SELF");
        var renamed = await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{admin.UserId}", new { name = "Still Admin", role = "ADMIN" })).Data();
        Assert.Equal("Still Admin", renamed.Str("name"));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_deactivated_or_deleted()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var key = await factory.ApiKeyClientAsync(admin);
        await (await key.PatchAsJsonAsync($"/api/v1/users/{admin.UserId}", new { role = "SUPERVISOR" })).ShouldFail(HttpStatusCode.Conflict, "LAST_ADMIN");
        await (await key.PatchAsJsonAsync($"/api/v1/users/{admin.UserId}", new { isActive = false })).ShouldFail(HttpStatusCode.Conflict, "LAST_ADMIN");
        await (await key.DeleteAsync($"/api/v1/users/{admin.UserId}")).ShouldFail(HttpStatusCode.Conflict, "LAST_ADMIN");

        // With a second active admin the first may go.
        await factory.CreateUserAsync(admin, "ADMIN");
        await (await key.PatchAsJsonAsync($"/api/v1/users/{admin.UserId}", new { role = "SUPERVISOR" })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleted_user_disappears_cannot_sign_in_and_the_address_can_be_invited_again()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await (await admin.Client.DeleteAsync($"/api/v1/users/{agent.UserId}")).ShouldBe(HttpStatusCode.NoContent);

        await (await admin.Client.GetAsync($"/api/v1/users/{agent.UserId}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"/api/v1/users/{agent.UserId}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.DoesNotContain(agent.Email, (await (await admin.Client.GetAsync("/api/v1/users")).Data()).Emails());
        await (await agent.Client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = agent.Email, password = agent.Password }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        await using (var db = factory.SystemDb())
        {
            var row = await db.Users.SingleAsync(u => u.Id == agent.UserId);
            Assert.NotNull(row.DeletedAt);
            Assert.False(row.IsActive);
            Assert.StartsWith($"deleted:{agent.UserId}:", row.NormalizedEmail);
        }
        await admin.InviteAsync(agent.Email);
        var accepted = await factory.CreateClient().PostAsJsonAsync($"/api/v1/invitations/accept/{factory.Mail.InvitationToken(agent.Email)}",
            new { name = "Back Again", password = "Back-again-1" });
        await accepted.ShouldBe(HttpStatusCode.OK);
        Assert.NotEqual(agent.UserId, (await accepted.Data()).GetProperty("user").Id());
    }

    [Fact]
    public async Task Users_set_their_own_status_and_supervisors_set_anyones()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var other = await factory.AddMemberAsync(admin, "AGENT");
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");

        var own = await agent.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}/status", new { status = "ONLINE" });
        await own.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ONLINE", (await own.Data()).Str("onlineStatus"));
        await using (var db = factory.SystemDb())
            Assert.NotNull((await db.Users.SingleAsync(u => u.Id == agent.UserId)).LastSeenAt);

        await (await agent.Client.PatchAsJsonAsync($"/api/v1/users/{other.UserId}/status", new { status = "AWAY" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var set = await supervisor.Client.PatchAsJsonAsync($"/api/v1/users/{other.UserId}/status", new { status = "AWAY" });
        Assert.Equal("AWAY", (await set.Data()).Str("onlineStatus"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"status\":\"BUSY\"}")]
    [InlineData("{\"status\":1}")]
    public async Task Status_with_a_bad_value_is_400(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PatchRawJsonAsync($"/api/v1/users/{admin.UserId}/status", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Resend_invite_mails_a_fresh_link_only_to_users_without_a_password()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var invited = await factory.LegacyInvitedUserAsync(admin, "SUPERVISOR");
        var email = invited.Str("email");

        var first = await admin.Client.PostAsync($"/api/v1/users/{invited.Id()}/resend-invite", null);
        await first.ShouldBe(HttpStatusCode.OK);
        Assert.False((await first.Data()).TryGetProperty("acceptUrl", out _), "the link goes only to the address's mailbox");
        var firstToken = factory.Mail.InvitationToken(email);
        var resent = await admin.Client.PostAsync($"/api/v1/users/{invited.Id()}/resend-invite", null);
        await resent.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (await resent.Data()).GetProperty("sendCount").GetInt32());
        var secondToken = factory.Mail.InvitationToken(email);
        Assert.NotEqual(firstToken, secondToken);
        await (await factory.CreateClient().GetAsync($"/api/v1/invitations/token/{firstToken}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var joined = await factory.AcceptInvitationAsync(email);
        Assert.Equal(invited.Id(), joined.UserId);

        var member = await factory.CreateUserAsync(admin);
        await (await admin.Client.PostAsync($"/api/v1/users/{member.Id()}/resend-invite", null)).ShouldFail(HttpStatusCode.Conflict, "USER_HAS_PASSWORD");
    }
}
