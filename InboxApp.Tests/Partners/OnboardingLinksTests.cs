using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Partners;

[Collection(SharedApp.Name)]
public sealed partial class OnboardingLinksTests(NoJobsAppFactory factory)
{
    private const string Base = "/v1/onboarding-links";

    [Fact]
    public async Task An_admin_creates_lists_and_gets_onboarding_links_of_its_own_organization_only()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var created = await admin.Client.PostAsJsonAsync(Base, new { name = "Acme Corp", redirectUrl = "https://myapp.test/callback" });
        await created.ShouldBe(HttpStatusCode.Created);
        var link = await created.Data();
        var id = link.GetProperty("id").GetGuid();
        Assert.Equal($"{Base}/{id}", created.Headers.Location?.ToString());
        Assert.Equal("ACTIVE", link.GetProperty("status").GetString());
        Assert.StartsWith("/onboarding/", new Uri(link.GetProperty("hostedUrl").GetString()!).AbsolutePath);
        Assert.InRange(link.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));

        var list = await admin.Client.GetAsync(Base + "?limit=10");
        await list.ShouldBe(HttpStatusCode.OK);
        var listed = await list.Json();
        Assert.Equal([id], listed.GetProperty("data").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()));
        Assert.Equal(1, listed.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        await (await admin.Client.GetAsync($"{Base}/{id}")).ShouldBe(HttpStatusCode.OK);

        // An organization API key works too; another organization sees nothing; agents may not.
        var key = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Links" });
        var keyClient = factory.CreateClient().WithBearer((await key.Data()).GetProperty("key").GetString()!);
        await (await keyClient.GetAsync($"{Base}/{id}")).ShouldBe(HttpStatusCode.OK);
        var other = await factory.RegisterOrganizationAsync();
        await (await other.Client.GetAsync($"{Base}/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsync($"{Base}/{id}/expire", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(0, (await (await other.Client.GetAsync(Base)).Json()).GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        await (await agent.Client.GetAsync(Base)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await factory.CreateClient().GetAsync(Base)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("http://myapp.test/callback")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    [InlineData("ftp://myapp.test/x")]
    public async Task The_redirect_url_must_be_https_or_local_http(string redirectUrl)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostAsJsonAsync(Base, new { name = "Bad", redirectUrl })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("redirectUrl", out _));
        await (await admin.Client.PostAsJsonAsync(Base, new { name = "Local", redirectUrl = "http://localhost:3000/done" })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_hosted_page_connects_a_sandbox_number_redirects_with_the_outcome_and_then_is_closed()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var link = await (await admin.Client.PostAsJsonAsync(Base, new { name = "Acme", redirectUrl = "https://myapp.test/callback?from=inbox" })).Data();
        var id = link.GetProperty("id").GetGuid();
        var hosted = new Uri(link.GetProperty("hostedUrl").GetString()!).PathAndQuery;

        var page = await factory.CreateClient().GetAsync(hosted);
        await page.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Connect a sandbox number", html);
        var token = DataAttribute().Match(html).Groups["token"].Value;
        var slug = OnboardUrl().Match(html).Groups["slug"].Value;
        Assert.NotEmpty(token);

        var done = await factory.OnboardAsync(slug, admin.OrganizationId, new { token, sandbox = true });
        await done.ShouldBe(HttpStatusCode.OK);
        var redirect = (await done.Json()).GetProperty("redirect_url").GetString()!;
        var read = await (await admin.Client.GetAsync($"{Base}/{id}")).Data();
        Assert.Equal("COMPLETED", read.GetProperty("status").GetString());
        var phoneId = read.GetProperty("phoneNumberId").GetGuid();
        Assert.Equal($"https://myapp.test/callback?from=inbox&status=connected&onboardingLinkId={id}&phoneStatus=registered&phoneNumberId={phoneId}", redirect);
        await using (var db = factory.SystemDb())
            Assert.True(await db.PhoneNumbers.AnyAsync(p => p.Id == phoneId && p.OrganizationId == admin.OrganizationId));

        var again = await factory.CreateClient().GetAsync(hosted);
        await again.ShouldBe(HttpStatusCode.Gone);
        Assert.DoesNotContain("<button", await again.Content.ReadAsStringAsync());
        await (await admin.Client.PostAsync($"{Base}/{id}/expire", null)).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
    }

    [Fact]
    public async Task An_expired_link_no_longer_opens_and_a_forged_one_never_does()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var link = await (await admin.Client.PostAsJsonAsync(Base, new { name = "Acme", redirectUrl = "https://myapp.test/callback" })).Data();
        var id = link.GetProperty("id").GetGuid();
        var expired = await admin.Client.PostAsync($"{Base}/{id}/expire", null);
        await expired.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("EXPIRED", (await expired.Data()).GetProperty("status").GetString());

        var page = await factory.CreateClient().GetAsync(new Uri(link.GetProperty("hostedUrl").GetString()!).PathAndQuery);
        await page.ShouldBe(HttpStatusCode.Gone);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<button", html);
        Assert.Contains($"https://myapp.test/callback?status=cancelled&amp;onboardingLinkId={id}", html);

        var forged = await factory.CreateClient().GetAsync("/onboarding/" + id.ToString("N"));
        await forged.ShouldBe(HttpStatusCode.NotFound);
        Assert.Contains("not valid", await forged.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("data-token=\"(?<token>[^\"]+)\"")]
    private static partial Regex DataAttribute();

    [GeneratedRegex("/api/v1/workspace/(?<slug>[0-9a-f]+)/whatsapp/onboard")]
    private static partial Regex OnboardUrl();
}
