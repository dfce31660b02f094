using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Profile;

[Collection(SharedApp.Name)]
public sealed class ProfileEndpointsTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Get_profile_answers_the_caller_with_their_organization()
    {
        var admin = await factory.RegisterOrganizationAsync("Profile Co");
        var response = await admin.Client.GetAsync("/api/v1/profile");
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal(admin.UserId, data.GetProperty("id").GetGuid());
        Assert.Equal(admin.Email, data.GetProperty("email").GetString());
        Assert.Equal("Org Admin", data.GetProperty("name").GetString());
        Assert.Equal("ADMIN", data.GetProperty("role").GetString());
        Assert.Equal("Profile Co", data.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal(admin.OrganizationId, data.GetProperty("organization").GetProperty("id").GetGuid());
        Assert.False(data.TryGetProperty("avatarUrl", out _));
    }

    [Fact]
    public async Task Super_admin_has_a_profile_without_an_organization_and_can_rename_themselves()
    {
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var data = await (await root.Client.GetAsync("/api/v1/profile")).Data();
        Assert.Equal("SUPER_ADMIN", data.GetProperty("role").GetString());
        Assert.False(data.TryGetProperty("organization", out _));

        var renamed = await root.Client.PatchAsJsonAsync("/api/v1/profile", new { name = "Root Operator" });
        await renamed.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Root Operator", (await renamed.Data()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Patch_profile_changes_the_name_trimmed_and_me_sees_it()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.PatchAsJsonAsync("/api/v1/profile", new { name = "  Ada Lovelace  " });
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Ada Lovelace", (await response.Data()).GetProperty("name").GetString());
        var me = await (await admin.Client.GetAsync("/api/v1/auth/me")).Data();
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_name_of_exactly_200_characters_is_accepted()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var name = new string('n', 200);
        var response = await admin.Client.PatchAsJsonAsync("/api/v1/profile", new { name });
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(name, (await response.Data()).GetProperty("name").GetString());
    }

    public static TheoryData<string> BadNames => new()
    {
        "{}",
        "{\"name\":\"\"}",
        "{\"name\":\"   \"}",
        "{\"name\":null}",
        JsonSerializer.Serialize(new { name = new string('x', 201) }),
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Patch_profile_with_a_missing_blank_or_too_long_name_is_a_validation_error_on_name(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PatchRawJsonAsync("/api/v1/profile", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("name", out _), $"details should name the field: {error}");
        var data = await (await admin.Client.GetAsync("/api/v1/profile")).Data();
        Assert.Equal("Org Admin", data.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("{\"name\":42}")]
    [InlineData("{\"name\":[\"a\"]}")]
    [InlineData("{\"name\":{\"first\":\"a\"}}")]
    [InlineData("{name")]
    [InlineData("")]
    public async Task Patch_profile_with_wrong_json_is_400_never_500(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PatchRawJsonAsync("/api/v1/profile", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Profile_without_a_token_is_401()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/profile")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PatchAsJsonAsync("/api/v1/profile", new { name = "X" })).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsync("/api/v1/profile/avatar", new MultipartFormDataContent())).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.DeleteAsync("/api/v1/profile/avatar")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsJsonAsync("/api/v1/profile/change-password", new { currentPassword = "a", newPassword = "b" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_api_key_has_no_profile_and_gets_403_on_every_profile_endpoint()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var key = (await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "partner" })).Data()).GetProperty("key").GetString()!;
        var client = factory.CreateClient().WithBearer(key);

        await (await client.GetAsync("/api/v1/profile")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await client.PatchAsJsonAsync("/api/v1/profile", new { name = "Robot" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await AvatarEndpointsTests.UploadAsync(client, TestImages.Png())).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await client.DeleteAsync("/api/v1/profile/avatar")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await client.PostAsJsonAsync("/api/v1/profile/change-password", new { currentPassword = admin.Password, newPassword = "Another-pass-9" }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        // Nothing changed for the admin.
        Assert.Equal("Org Admin", (await (await admin.Client.GetAsync("/api/v1/profile")).Data()).GetProperty("name").GetString());
        await factory.LoginAsync(admin.Email, admin.Password);
    }

    [Fact]
    public async Task Change_password_answers_new_tokens_ends_old_sessions_and_the_new_password_signs_in()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.PostAsJsonAsync("/api/v1/profile/change-password", new { currentPassword = admin.Password, newPassword = "Changed-pass-7" });
        await response.ShouldBe(HttpStatusCode.OK);
        var tokens = await response.Data();
        var newAccess = tokens.GetProperty("accessToken").GetString()!;
        Assert.Equal(admin.UserId, tokens.GetProperty("user").GetProperty("id").GetGuid());

        await (await admin.Client.GetAsync("/api/v1/profile")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = admin.RefreshToken })).ShouldBe(HttpStatusCode.Unauthorized);
        await (await factory.CreateClient().WithBearer(newAccess).GetAsync("/api/v1/profile")).ShouldBe(HttpStatusCode.OK);
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = admin.Email, password = admin.Password }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await factory.LoginAsync(admin.Email, "Changed-pass-7");
    }

    [Fact]
    public async Task Change_password_with_a_wrong_current_password_is_400_on_currentPassword_and_changes_nothing()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostAsJsonAsync("/api/v1/profile/change-password", new { currentPassword = "Not-my-pass-1", newPassword = "Changed-pass-7" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("currentPassword", out _), error.ToString());
        await (await admin.Client.GetAsync("/api/v1/profile")).ShouldBe(HttpStatusCode.OK);
        await factory.LoginAsync(admin.Email, admin.Password);
    }

    [Theory]
    [InlineData("{\"currentPassword\":\"Test-Password-1\",\"newPassword\":\"short\"}", "newPassword")]
    [InlineData("{\"currentPassword\":\"Test-Password-1\"}", "newPassword")]
    [InlineData("{\"newPassword\":\"Changed-pass-7\"}", "currentPassword")]
    public async Task Change_password_with_missing_or_weak_fields_names_the_field(string body, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostRawJsonAsync("/api/v1/profile/change-password", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        await factory.LoginAsync(admin.Email, admin.Password);
    }

    [Fact]
    public async Task A_member_chooses_their_own_time_zone_and_goes_back_to_the_organizations()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var response = await agent.Client.PutAsJsonAsync("/api/v1/profile/time-zone", new { timeZone = " America/Sao_Paulo " });
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("America/Sao_Paulo", (await response.Data()).GetProperty("timeZone").GetString());
        Assert.Equal("America/Sao_Paulo", (await (await agent.Client.GetAsync("/api/v1/profile")).Data()).GetProperty("timeZone").GetString());
        // Only the caller's own profile changed.
        Assert.False((await (await admin.Client.GetAsync("/api/v1/profile")).Data()).TryGetProperty("timeZone", out _));

        var error = await (await agent.Client.PutAsJsonAsync("/api/v1/profile/time-zone", new { timeZone = "Mars/Olympus_Mons" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("timeZone", out _));
        await (await agent.Client.PutAsJsonAsync("/api/v1/profile/time-zone", new { timeZone = new string('x', 65) })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        var cleared = await agent.Client.PutAsJsonAsync("/api/v1/profile/time-zone", new { timeZone = (string?)null });
        await cleared.ShouldBe(HttpStatusCode.OK);
        Assert.False((await cleared.Data()).TryGetProperty("timeZone", out _));
    }

    [Fact]
    public async Task An_api_key_has_no_time_zone_to_choose()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var key = (await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "zone" })).Data()).GetProperty("key").GetString()!;
        await (await factory.CreateClient().WithBearer(key).PutAsJsonAsync("/api/v1/profile/time-zone", new { timeZone = "UTC" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task The_business_hours_zone_is_the_organizations_zone_that_members_without_their_own_see()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        Assert.Equal("UTC", (await (await agent.Client.GetAsync("/api/v1/profile")).Data()).GetProperty("organization").GetProperty("timeZone").GetString());
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/business-hours", new { timezone = "America/Mexico_City", isEnabled = false, slots = Array.Empty<object>() }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("America/Mexico_City", (await (await agent.Client.GetAsync("/api/v1/profile")).Data()).GetProperty("organization").GetProperty("timeZone").GetString());
        // Another organization keeps its own.
        var other = await factory.RegisterOrganizationAsync();
        Assert.Equal("UTC", (await (await other.Client.GetAsync("/api/v1/profile")).Data()).GetProperty("organization").GetProperty("timeZone").GetString());
    }
}
