using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Security;

/// <summary>
/// The published app as documented: Production, no <c>Auth:PublicBaseUrl</c> yet, HTTP redirected to HTTPS. Its clients
/// speak HTTPS (to <c>localhost</c>, which HSTS leaves out) unless a test says otherwise.
/// </summary>
public sealed class ProductionSecurityFactory : InboxAppFactory
{
    public ProductionSecurityFactory()
    {
        WithoutJobs();
        With("Https:RedirectHttp", "true");
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("environment", "Production");
        builder.UseSetting("Auth:PublicBaseUrl", null);
        builder.AddPeerAddresses();
    }
}

public sealed class ProductionSecurityTests(ProductionSecurityFactory factory) : IClassFixture<ProductionSecurityFactory>
{
    [Fact]
    public async Task Https_answers_carry_hsts_in_production_also_behind_a_proxy()
    {
        var client = factory.Server.CreateClient();
        var direct = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://inbox.example.com/login"));
        await direct.ShouldBe(HttpStatusCode.OK);
        Assert.True(direct.Headers.Contains("Strict-Transport-Security"));

        var proxied = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://inbox.example.com/login").From("127.0.0.1", forwardedProto: "https"));
        await proxied.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("max-age=", string.Join(",", proxied.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_when_the_option_is_on()
    {
        var client = factory.Server.CreateClient();
        var plain = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://inbox.example.com/login?x=1"));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://inbox.example.com/login?x=1", plain.Headers.Location?.ToString());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Invitations_are_refused_in_production_until_a_public_base_url_is_configured()
    {
        var admin = await OrganizationAsync();
        var invited = await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email = $"new-{Guid.NewGuid():N}@org.test", role = "AGENT" });
        var error = await invited.ShouldFail(HttpStatusCode.Conflict, PublicLinks.NotConfiguredCode);
        Assert.Contains("Auth:PublicBaseUrl", error.GetProperty("message").GetString());
        var email = $"member-{Guid.NewGuid():N}@org.test";
        await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email, name = "No Password", role = "AGENT" }))
            .ShouldFail(HttpStatusCode.Conflict, PublicLinks.NotConfiguredCode);

        // Nothing was stored: no invitation, no half-created user.
        var list = await admin.Client.GetAsync("/api/v1/invitations");
        await list.ShouldBe(HttpStatusCode.OK);
        Assert.Empty((await list.Data()).EnumerateArray());
        var users = await (await admin.Client.GetAsync("/api/v1/users")).Data();
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("email").GetString() == email);
    }

    [Fact]
    public async Task The_api_reference_is_public_in_production_and_cannot_be_framed()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var docs = await client.GetAsync("/api-docs/index.html");
        await docs.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("DENY", string.Join(",", docs.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", string.Join(",", docs.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Sign_up_is_refused_in_production_until_a_public_base_url_is_configured_and_creates_nothing()
    {
        var email = $"owner-{Guid.NewGuid():N}@org.test";
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { organizationName = "Early Co", name = "Owner", email, password = ApiClient.Password });
        var error = await response.ShouldFail(HttpStatusCode.Conflict, PublicLinks.NotConfiguredCode);
        Assert.Contains("Auth:PublicBaseUrl", error.GetProperty("message").GetString());
        Assert.Empty(factory.Mail.To(email));
        await using var db = factory.SystemDb();
        Assert.False(await db.SignupRequests.AnyAsync(r => r.NormalizedEmail == email.ToUpperInvariant()));
    }

    /// <summary>
    /// An organization and its signed-in admin. Sign-up cannot confirm an address on this host (no public address for the
    /// link), so the rows are made as the confirmation makes them, and the admin signs in through the API.
    /// </summary>
    private async Task<SignedIn> OrganizationAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@org.test";
        var now = DateTimeOffset.UtcNow;
        await using (var db = factory.SystemDb())
        {
            var org = new Core.Organizations.Organization { Name = "Prod Co", Slug = "prod-" + Guid.NewGuid().ToString("N")[..8], CreatedAt = now, UpdatedAt = now };
            var user = AccountService.NewUser(org.Id, email, "Org Admin", UserRole.ADMIN, now);
            user.PasswordHash = factory.Services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<User>>().HashPassword(user, ApiClient.Password);
            db.Organizations.Add(org);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        return await factory.LoginAsync(email, ApiClient.Password);
    }
}
