using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.ApiKeys;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.ApiKeys;

[Collection(SharedApp.Name)]
public sealed class ApiKeysEndpointsTests(NoJobsAppFactory factory)
{
    private sealed record CreatedKey(Guid Id, string Key, JsonElement Data);

    private static async Task<CreatedKey> CreateAsync(SignedIn admin, string name = "Partner", DateTimeOffset? expiresAt = null)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name, expiresAt });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        return new CreatedKey(data.GetProperty("id").GetGuid(), data.GetProperty("key").GetString()!, data);
    }

    private HttpClient As(string key) => factory.CreateClient().WithBearer(key);

    [Fact]
    public async Task Create_answers_the_full_key_once_and_the_list_shows_only_its_prefix()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "  CRM sync  " });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        var key = data.GetProperty("key").GetString()!;
        var id = data.GetProperty("id").GetGuid();
        Assert.StartsWith("sk_org_", key);
        Assert.True(key.Length >= 7 + 43, $"key too short: {key.Length}");
        Assert.Equal("CRM sync", data.GetProperty("name").GetString());
        Assert.True(data.GetProperty("isActive").GetBoolean());
        Assert.Equal(key[..15], data.GetProperty("prefix").GetString());
        Assert.EndsWith($"/api/v1/api-keys/{id}", response.Headers.Location?.ToString());

        var listResponse = await admin.Client.GetAsync("/api/v1/api-keys");
        await listResponse.ShouldBe(HttpStatusCode.OK);
        var body = await listResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain(key, body);
        var item = Assert.Single((await listResponse.Data()).EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal(key[..15], item.GetProperty("prefix").GetString());
        Assert.False(item.TryGetProperty("key", out _));
        Assert.False(item.TryGetProperty("keyHash", out _));
        Assert.All(item.EnumerateObject(), p => Assert.DoesNotContain(key, p.Value.ToString()));
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes_in_every_row_and_column()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var keys = new[] { await CreateAsync(admin, "one"), await CreateAsync(admin, "two") };

        await using var db = factory.SystemDb();
        var table = db.Model.FindEntityType(typeof(ApiKey))!.GetTableName();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        var cells = new List<string>();
        await using (DbDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    cells.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        Assert.NotEmpty(cells);
        foreach (var k in keys)
        {
            Assert.DoesNotContain(cells, c => c.Contains(k.Key, StringComparison.Ordinal) || c.Contains(k.Key[15..], StringComparison.Ordinal));
            Assert.Contains(Secrets.Hash(k.Key), cells);
        }
    }

    [Fact]
    public async Task A_key_authenticates_the_api_as_its_organization_but_me_is_403_because_a_key_has_no_user()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await CreateAsync(admin);
        var client = As(created.Key);

        var list = await client.GetAsync("/api/v1/api-keys");
        await list.ShouldBe(HttpStatusCode.OK);
        Assert.Contains((await list.Data()).EnumerateArray(), k => k.GetProperty("id").GetGuid() == created.Id);
        await (await client.GetAsync("/api/v1/auth/me")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Last_used_time_is_set_when_the_key_is_used()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await CreateAsync(admin);
        Assert.False(created.Data.TryGetProperty("lastUsedAt", out _));
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldBe(HttpStatusCode.OK);

        var item = (await (await admin.Client.GetAsync("/api/v1/api-keys")).Data()).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == created.Id);
        var lastUsed = item.GetProperty("lastUsedAt").GetDateTimeOffset();
        Assert.InRange(lastUsed, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task A_deactivated_key_is_refused_at_once_and_works_again_when_reactivated()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await CreateAsync(admin);
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldBe(HttpStatusCode.OK);

        var off = await admin.Client.PatchAsJsonAsync($"/api/v1/api-keys/{created.Id}", new { isActive = false });
        await off.ShouldBe(HttpStatusCode.OK);
        Assert.False((await off.Data()).GetProperty("isActive").GetBoolean());
        Assert.Equal("Partner", (await off.Data()).GetProperty("name").GetString());
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        await (await admin.Client.PatchAsJsonAsync($"/api/v1/api-keys/{created.Id}", new { isActive = true })).ShouldBe(HttpStatusCode.OK);
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Renaming_a_key_trims_the_name_and_keeps_the_key_working()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await CreateAsync(admin);
        var renamed = await admin.Client.PatchAsJsonAsync($"/api/v1/api-keys/{created.Id}", new { name = " Billing " });
        await renamed.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Billing", (await renamed.Data()).GetProperty("name").GetString());
        Assert.True((await renamed.Data()).GetProperty("isActive").GetBoolean());
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deleted_key_is_refused_at_once_and_a_second_delete_is_404()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await CreateAsync(admin);
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldBe(HttpStatusCode.OK);

        await (await admin.Client.DeleteAsync($"/api/v1/api-keys/{created.Id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await admin.Client.DeleteAsync($"/api/v1/api-keys/{created.Id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/api-keys/{created.Id}", new { isActive = true })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/api-keys")).Data()).EnumerateArray());
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await CreateAsync(admin, expiresAt: DateTimeOffset.UtcNow.AddDays(30));
        Assert.Equal(DateTimeOffset.UtcNow.AddDays(30).Date, created.Data.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime.Date);
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldBe(HttpStatusCode.OK);

        await using (var db = factory.SystemDb())
        {
            await db.ApiKeys.Where(k => k.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData(UserRole.AGENT)]
    [InlineData(UserRole.SUPERVISOR)]
    public async Task Only_admins_manage_keys(UserRole role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await CreateAsync(admin);
        var member = await factory.AddMemberAsync(admin, role.ToString());

        await (await member.Client.GetAsync("/api/v1/api-keys")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "mine" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.PatchAsJsonAsync($"/api/v1/api-keys/{created.Id}", new { isActive = false })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.DeleteAsync($"/api/v1/api-keys/{created.Id}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");

        var list = (await (await admin.Client.GetAsync("/api/v1/api-keys")).Data()).EnumerateArray().ToList();
        var only = Assert.Single(list);
        Assert.True(only.GetProperty("isActive").GetBoolean());
        await (await As(created.Key).GetAsync("/api/v1/api-keys")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_organizations_keys_are_invisible_and_their_ids_are_404()
    {
        var orgA = await factory.RegisterOrganizationAsync();
        var orgB = await factory.RegisterOrganizationAsync();
        var keyA = await CreateAsync(orgA, "A key");
        var keyB = await CreateAsync(orgB, "B key");

        await (await orgA.Client.PatchAsJsonAsync($"/api/v1/api-keys/{keyB.Id}", new { isActive = false, name = "hijacked" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await orgA.Client.DeleteAsync($"/api/v1/api-keys/{keyB.Id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        // The same through org A's own API key.
        await (await As(keyA.Key).PatchAsJsonAsync($"/api/v1/api-keys/{keyB.Id}", new { isActive = false })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await As(keyA.Key).DeleteAsync($"/api/v1/api-keys/{keyB.Id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        foreach (var client in new[] { orgA.Client, As(keyA.Key) })
        {
            var ids = (await (await client.GetAsync("/api/v1/api-keys")).Data()).EnumerateArray().Select(k => k.GetProperty("id").GetGuid()).ToList();
            Assert.Equal([keyA.Id], ids);
        }
        var listB = (await (await orgB.Client.GetAsync("/api/v1/api-keys")).Data()).EnumerateArray().Single();
        Assert.Equal("B key", listB.GetProperty("name").GetString());
        Assert.True(listB.GetProperty("isActive").GetBoolean());
        await (await As(keyB.Key).GetAsync("/api/v1/api-keys")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_are_404()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/api-keys/{Guid.NewGuid()}", new { isActive = false })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"/api/v1/api-keys/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync("/api/v1/api-keys/not-a-guid")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    public static TheoryData<string, string> BadCreateBodies => new()
    {
        { "{}", "name" },
        { "{\"name\":\"\"}", "name" },
        { "{\"name\":\"   \"}", "name" },
        { JsonSerializer.Serialize(new { name = new string('k', 101) }), "name" },
        { JsonSerializer.Serialize(new { name = "old", expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }), "expiresAt" },
    };

    [Theory]
    [MemberData(nameof(BadCreateBodies))]
    public async Task Create_with_an_invalid_field_is_a_validation_error_naming_it_and_creates_nothing(string body, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostRawJsonAsync("/api/v1/api-keys", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details should name {field}: {error}");
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/api-keys")).Data()).EnumerateArray());
    }

    [Theory]
    [InlineData("{\"name\":42}")]
    [InlineData("{\"name\":[\"k\"]}")]
    [InlineData("{\"name\":\"k\",\"expiresAt\":\"tomorrow\"}")]
    [InlineData("{\"name\":\"k\",\"expiresAt\":12345}")]
    [InlineData("{\"name\":")]
    [InlineData("")]
    public async Task Create_with_wrong_json_types_is_400_never_500(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostRawJsonAsync("/api/v1/api-keys", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/api-keys")).Data()).EnumerateArray());
    }

    [Theory]
    [InlineData("{\"name\":\"   \"}")]
    [InlineData("{\"name\":\"\"}")]
    [InlineData("{\"isActive\":\"no\"}")]
    [InlineData("{\"isActive\":1}")]
    [InlineData("{\"name\":5}")]
    public async Task Update_with_a_blank_name_or_wrong_types_is_400_and_changes_nothing(string body)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await CreateAsync(admin);
        await (await admin.Client.PatchRawJsonAsync($"/api/v1/api-keys/{created.Id}", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var item = (await (await admin.Client.GetAsync("/api/v1/api-keys")).Data()).EnumerateArray().Single();
        Assert.Equal("Partner", item.GetProperty("name").GetString());
        Assert.True(item.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task An_organization_can_hold_at_most_fifty_keys()
    {
        var admin = await factory.RegisterOrganizationAsync();
        for (var i = 0; i < ApiKeyService.MaxKeysPerOrganization; i++) await CreateAsync(admin, $"key {i}");
        await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "one too many" })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal(ApiKeyService.MaxKeysPerOrganization, (await (await admin.Client.GetAsync("/api/v1/api-keys")).Data()).GetArrayLength());
    }

    [Fact]
    public async Task Api_keys_need_credentials()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/api-keys")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "x" })).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await As("sk_org_" + new string('A', 43)).GetAsync("/api/v1/api-keys")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
