using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.OutgoingWebhooks;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.OutgoingWebhooks;

/// <summary>The <c>/v1/outgoing-webhooks</c> endpoints on the shared host (private targets refused, as in production).</summary>
[Collection(SharedApp.Name)]
public sealed class OutgoingWebhooksApiTests(NoJobsAppFactory factory)
{
    private const string Base = "/v1/outgoing-webhooks";
    // A public address written as a literal: no DNS needed (the test machine has none), and nothing is sent to it here.
    private const string PublicUrl = "https://93.184.215.14/webhooks/whatsapp";

    private static async Task<Guid> CreateAsync(SignedIn admin, object? body = null)
    {
        var response = await admin.Client.PostAsJsonAsync(Base, body ?? new { url = PublicUrl, events = new[] { "message.received" } });
        await response.ShouldBe(HttpStatusCode.Created);
        return (await response.Data()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Admin_registers_lists_gets_changes_and_deletes_a_webhook_and_sees_the_secret_only_at_creation()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.PostAsJsonAsync(Base, new { url = PublicUrl, events = new[] { "message.sent", "message.received" } });
        await response.ShouldBe(HttpStatusCode.Created);
        var created = await response.Data();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"{Base}/{id}", response.Headers.Location?.OriginalString);
        var secret = created.GetProperty("secret").GetString()!;
        Assert.True(WebhookSignature.IsValidSecret(secret), secret);
        Assert.Equal(["message.received", "message.sent"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()!));
        Assert.True(created.GetProperty("isActive").GetBoolean());

        var got = await (await admin.Client.GetAsync($"{Base}/{id}")).Data();
        Assert.False(got.TryGetProperty("secret", out _));
        Assert.Equal($"whsec_…{secret[^4..]}", got.GetProperty("secretHint").GetString());
        var list = await (await admin.Client.GetAsync(Base)).Data();
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.DoesNotContain(secret, list.GetRawText());

        var updated = await (await admin.Client.PatchAsJsonAsync($"{Base}/{id}", new { events = new[] { "conversation.resolved" }, isActive = false })).Data();
        Assert.Equal("conversation.resolved", Assert.Single(updated.GetProperty("events").EnumerateArray()).GetString());
        Assert.False(updated.GetProperty("isActive").GetBoolean());
        Assert.Equal(PublicUrl, updated.GetProperty("url").GetString());

        await (await admin.Client.DeleteAsync($"{Base}/{id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.GetAsync($"{Base}/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_given_secret_is_kept_and_a_malformed_one_is_refused()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var secret = WebhookSignature.NewSecret();
        var created = await (await admin.Client.PostAsJsonAsync(Base, new { url = PublicUrl, events = new[] { "message.read" }, secret })).Data();
        Assert.Equal(secret, created.GetProperty("secret").GetString());
        var error = await (await admin.Client.PostAsJsonAsync(Base, new { url = PublicUrl, events = new[] { "message.read" }, secret = "whsec_short" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("secret", out _));
        await (await admin.Client.PostAsJsonAsync(Base, new { url = PublicUrl, events = new[] { "message.read" }, secret = "not-a-whsec-secret-at-all-000000000" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("""{ "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "https://93.184.215.14/a" }""", "events")]
    [InlineData("""{ "url": "https://93.184.215.14/a", "events": [] }""", "events")]
    [InlineData("""{ "url": "https://93.184.215.14/a", "events": ["message.exploded"] }""", "events")]
    [InlineData("""{ "url": "not a url", "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "ftp://93.184.215.14/a", "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "http://93.184.215.14/a", "events": ["message.received"] }""", "url")]
    [InlineData("""{ "url": "https://user:pw@93.184.215.14/a", "events": ["message.received"] }""", "url")]
    public async Task Invalid_webhooks_are_refused_with_the_field_named(string body, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostRawJsonAsync(Base, body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.GetRawText());
        await (await admin.Client.PostRawJsonAsync(Base, "{ not json")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("https://localhost/hook")]                 // a name that resolves to 127.0.0.1 (and ::1)
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.9/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")] // cloud metadata
    [InlineData("https://100.64.0.1/hook")]                 // CGNAT
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]         // IPv4-mapped IPv6
    [InlineData("https://[::ffff:169.254.169.254]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd00:ec2::254]/hook")]            // the IPv6 metadata address (unique local)
    [InlineData("https://[64:ff9b::a00:1]/hook")]           // NAT64 of 10.0.0.1
    [InlineData("https://[ff02::1]/hook")]
    [InlineData("https://2130706433/hook")]                 // 127.0.0.1 written as one number
    public async Task Targets_that_are_not_public_are_refused_when_saved(string url)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostAsJsonAsync(Base, new { url, events = new[] { "message.received" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("url", out _));
        var id = await CreateAsync(admin);
        await (await admin.Client.PatchAsJsonAsync($"{Base}/{id}", new { url })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("AGENT")]
    [InlineData("SUPERVISOR")]
    public async Task Only_admins_manage_webhooks(string role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var id = await CreateAsync(admin);
        var member = await factory.AddMemberAsync(admin, role);
        await (await member.Client.GetAsync(Base)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.PostAsJsonAsync(Base, new { url = PublicUrl, events = new[] { "message.received" } })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.GetAsync($"{Base}/{id}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.PatchAsJsonAsync($"{Base}/{id}", new { isActive = false })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.DeleteAsync($"{Base}/{id}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.PostAsync($"{Base}/{id}/test", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.PostAsJsonAsync($"{Base}/{id}/rotate-secret", new { })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await member.Client.GetAsync($"{Base}/{id}/deliveries")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await factory.CreateClient().GetAsync(Base)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_organization_api_key_manages_webhooks()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var key = (await (await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Partner" })).Data()).GetProperty("key").GetString()!;
        var client = factory.CreateClient().WithBearer(key);
        var response = await client.PostAsJsonAsync(Base, new { url = PublicUrl, events = new[] { "message.received", "message.sent" } });
        await response.ShouldBe(HttpStatusCode.Created);
        var list = await (await client.GetAsync(Base)).Json();
        Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.True(list.TryGetProperty("meta", out _));
    }

    [Fact]
    public async Task Another_organizations_webhooks_and_deliveries_are_not_found()
    {
        var owner = await factory.RegisterOrganizationAsync();
        var id = await CreateAsync(owner);
        var other = await factory.RegisterOrganizationAsync();
        await (await other.Client.GetAsync($"{Base}/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PatchAsJsonAsync($"{Base}/{id}", new { isActive = false })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.DeleteAsync($"{Base}/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsync($"{Base}/{id}/test", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsJsonAsync($"{Base}/{id}/rotate-secret", new { })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.GetAsync($"{Base}/{id}/deliveries")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.GetAsync($"{Base}/{id}/deliveries/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsync($"{Base}/{id}/deliveries/{Guid.NewGuid()}/redeliver", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty((await (await other.Client.GetAsync(Base)).Data()).EnumerateArray());
        await (await owner.Client.GetAsync($"{Base}/{id}")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rotating_gives_a_new_secret_and_keeps_the_old_one_for_the_overlap()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var first = (await (await admin.Client.PostAsJsonAsync(Base, new { url = PublicUrl, events = new[] { "message.received" } })).Data());
        var id = first.GetProperty("id").GetGuid();
        var rotated = await (await admin.Client.PostAsync($"{Base}/{id}/rotate-secret", null)).Data();
        var secret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(first.GetProperty("secret").GetString(), secret);
        Assert.True(WebhookSignature.IsValidSecret(secret));
        Assert.True(rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));
        var chosen = WebhookSignature.NewSecret();
        Assert.Equal(chosen, (await (await admin.Client.PostAsJsonAsync($"{Base}/{id}/rotate-secret", new { secret = chosen })).Data()).GetProperty("secret").GetString());
        await (await admin.Client.PostAsJsonAsync($"{Base}/{id}/rotate-secret", new { secret = "whsec_bad" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task The_delivery_log_starts_empty_and_checks_its_filters()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var id = await CreateAsync(admin);
        var page = await (await admin.Client.GetAsync($"{Base}/{id}/deliveries?status=FAILED&page=1&limit=10")).Json();
        Assert.Empty(page.GetProperty("data").EnumerateArray());
        await (await admin.Client.GetAsync($"{Base}/{id}/deliveries?status=EXPLODED")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"{Base}/{id}/deliveries?limit=0")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"{Base}/{id}/deliveries/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsync($"{Base}/{id}/deliveries/{Guid.NewGuid()}/redeliver", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task The_api_reference_describes_every_webhook_operation()
    {
        var paths = (await (await factory.CreateClient().GetAsync("/openapi/v1.json")).Json()).GetProperty("paths");
        foreach (var path in new[] { Base, $"{Base}/{{id}}", $"{Base}/{{id}}/test", $"{Base}/{{id}}/rotate-secret", $"{Base}/{{id}}/deliveries",
                     $"{Base}/{{id}}/deliveries/{{deliveryId}}", $"{Base}/{{id}}/deliveries/{{deliveryId}}/redeliver" })
            Assert.True(paths.TryGetProperty(path, out _), path);
    }
}
