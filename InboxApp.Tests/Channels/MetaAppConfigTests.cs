using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Channels.AccountsApi;

namespace InboxApp.Tests.Channels;

[Collection(AccountsFixture.Collection)]
public sealed class MetaAppConfigTests(AccountsFixture fixture)
{
    private InboxAppFactory Factory => fixture.Factory;

    [Fact]
    public async Task Meta_config_is_saved_and_read_back_without_ever_returning_the_secret()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var empty = await (await admin.Client.GetAsync($"{Base}/meta-config")).Data();
        Assert.False(empty.GetProperty("configured").GetBoolean());
        Assert.False(empty.GetProperty("hasAppSecret").GetBoolean());

        const string secret = "0123456789abcdef0123456789abcdef";
        var saved = await admin.Client.PutAsJsonAsync($"{Base}/meta-config", new { appId = "1234567890", configId = "9876543210", appSecret = secret });
        await saved.ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, await saved.Content.ReadAsStringAsync());

        var read = await admin.Client.GetAsync($"{Base}/meta-config");
        Assert.DoesNotContain(secret, await read.Content.ReadAsStringAsync());
        var config = await read.Data();
        Assert.Equal("1234567890", config.GetProperty("appId").GetString());
        Assert.Equal("9876543210", config.GetProperty("configId").GetString());
        Assert.True(config.GetProperty("hasAppSecret").GetBoolean());
        Assert.False(config.TryGetProperty("appSecret", out _));

        // Saving without a secret keeps the stored one; the stored value is sealed.
        await (await admin.Client.PutAsJsonAsync($"{Base}/meta-config", new { appId = "1234567899" })).ShouldBe(HttpStatusCode.OK);
        var kept = await (await admin.Client.GetAsync($"{Base}/meta-config")).Data();
        Assert.True(kept.GetProperty("hasAppSecret").GetBoolean());
        Assert.Equal("1234567899", kept.GetProperty("appId").GetString());
        Assert.False(kept.TryGetProperty("configId", out _));
        await using (var db = Factory.SystemDb())
        {
            var row = await db.Set<Core.Channels.Accounts.MetaAppConfig>().SingleAsync(c => c.OrganizationId == admin.OrganizationId);
            Assert.DoesNotContain(secret, row.AppSecretProtected);
        }
        Assert.DoesNotContain(fixture.Factory.Logs, line => line.Contains(secret, StringComparison.Ordinal));

        // Removing it returns to the platform's app.
        await (await admin.Client.DeleteAsync($"{Base}/meta-config")).ShouldBe(HttpStatusCode.NoContent);
        Assert.False((await (await admin.Client.GetAsync($"{Base}/meta-config")).Data()).GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task Each_organization_sees_only_its_own_meta_config()
    {
        var a = await Factory.RegisterOrganizationAsync();
        var b = await Factory.RegisterOrganizationAsync();
        await (await b.Client.PutAsJsonAsync($"{Base}/meta-config", new { appId = "5550001", appSecret = "b-secret-value" })).ShouldBe(HttpStatusCode.OK);
        Assert.False((await (await a.Client.GetAsync($"{Base}/meta-config")).Data()).GetProperty("configured").GetBoolean());
        await (await a.Client.DeleteAsync($"{Base}/meta-config")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal("5550001", (await (await b.Client.GetAsync($"{Base}/meta-config")).Data()).GetProperty("appId").GetString());
    }

    [Theory]
    [InlineData("{}", "appId")]
    [InlineData("""{"appId":"app-one"}""", "appId")]
    [InlineData("""{"appId":"123","configId":"x"}""", "configId")]
    [InlineData("""{"appId":"123","appSecret":""}""", "appSecret")]
    public async Task Meta_config_is_validated(string json, string field)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var response = await admin.Client.PutAsync($"{Base}/meta-config", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"expected an error on {field}: {error}");
    }
}
