using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.Security;

/// <summary>The app in development without <c>Auth:PublicBaseUrl</c>: links may use the caller's host only when it is trusted.</summary>
public sealed class NoPublicBaseUrlFactory : InboxAppFactory
{
    public NoPublicBaseUrlFactory() => WithoutJobs().With("Auth:PublicBaseUrl", null);
}

public sealed class PublicLinksTests(NoPublicBaseUrlFactory factory) : IClassFixture<NoPublicBaseUrlFactory>
{
    [Fact]
    public async Task An_invitation_never_takes_its_link_from_an_untrusted_host_header()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var forged = new HttpRequestMessage(HttpMethod.Post, "http://evil.example/api/v1/invitations")
        {
            Content = JsonContent.Create(new { email = $"new-{Guid.NewGuid():N}@org.test", role = "AGENT" }),
        };
        await (await admin.Client.SendAsync(forged)).ShouldFail(HttpStatusCode.Conflict, PublicLinks.NotConfiguredCode);

        // On the developer's own machine the request's address is fine.
        var email = $"new-{Guid.NewGuid():N}@org.test";
        var local = await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email, role = "AGENT" });
        await local.ShouldBe(HttpStatusCode.Created);
        Assert.Contains($"http://localhost/invite/{factory.Mail.InvitationToken(email)}", Assert.Single(factory.Mail.To(email)).TextBody);
    }

    private static PublicLinks Links(string environment, string? publicBaseUrl, string? allowedHosts) => new(
        Options.Create(new AuthOptions { PublicBaseUrl = publicBaseUrl }),
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment },
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AllowedHosts"] = allowedHosts }).Build());

    [Theory]
    [InlineData("Development", null, "inbox.example.org;*.acme.test", "https://inbox.example.org", "https://inbox.example.org")]
    [InlineData("Development", null, "inbox.example.org;*.acme.test", "https://eu.acme.test:8443/", "https://eu.acme.test:8443")]
    [InlineData("Development", null, "inbox.example.org", "https://evil.example", null)]
    [InlineData("Development", null, "*", "http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    [InlineData("Development", null, "*", "http://192.168.1.20:5000", null)]
    [InlineData("Production", null, "inbox.example.org", "https://inbox.example.org", null)]
    [InlineData("Production", "https://inbox.example.org/", "*", "https://evil.example", "https://inbox.example.org")]
    public void Link_roots_come_from_configuration_or_an_allowed_host(string environment, string? publicBaseUrl, string allowedHosts, string request, string? expected)
    {
        var links = Links(environment, publicBaseUrl, allowedHosts);
        if (expected is null)
            Assert.Equal(PublicLinks.NotConfiguredCode, Assert.Throws<InboxException>(() => links.Root(request)).Code);
        else
            Assert.Equal(expected, links.Root(request));
    }
}
