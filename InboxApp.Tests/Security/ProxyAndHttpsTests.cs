using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace InboxApp.Tests.Security;

/// <summary>
/// The app behind a TLS-terminating proxy: a configured proxy address and network, plus loopback (the default). Its operator
/// also turned the public API reference off.
/// </summary>
public sealed class ProxyFactory : InboxAppFactory
{
    public const string ProxyAddress = "10.9.8.7";
    public const string ProxyNetwork = "10.20.0.0/16";

    public ProxyFactory()
    {
        WithoutJobs();
        With("ForwardedHeaders:KnownProxies", ProxyAddress);
        With("ForwardedHeaders:KnownNetworks", ProxyNetwork);
        With("ApiReference:Enabled", "false");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.AddPeerAddresses();
    }
}

public sealed class ProxyAndHttpsTests(ProxyFactory factory) : IClassFixture<ProxyFactory>
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData(ProxyFactory.ProxyAddress)]
    [InlineData("10.20.3.4")]
    public async Task Session_and_antiforgery_cookies_are_secure_when_a_trusted_proxy_forwarded_https(string proxy)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (antiforgery, session) = await factory.SignInThroughFormAsync(admin, proxy, forwardedProto: "https");
        Assert.True(SecurityTestKit.IsSecure(antiforgery), antiforgery);
        Assert.True(SecurityTestKit.IsSecure(session), session);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_peer_are_ignored()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (antiforgery, session) = await factory.SignInThroughFormAsync(admin, "203.0.113.7", forwardedProto: "https");
        Assert.False(SecurityTestKit.IsSecure(antiforgery), antiforgery);
        Assert.False(SecurityTestKit.IsSecure(session), session);
    }

    [Fact]
    public async Task Plain_http_gets_cookies_without_secure_and_no_hsts_outside_production()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, session) = await factory.SignInThroughFormAsync(admin, "127.0.0.1", forwardedProto: null);
        Assert.False(SecurityTestKit.IsSecure(session), session);
        var https = await factory.Server.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://inbox.example.com/login"));
        Assert.False(https.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_api_reference_can_be_turned_off()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/openapi/v1.json")).ShouldBe(System.Net.HttpStatusCode.NotFound);
        await (await client.GetAsync("/api-docs/index.html")).ShouldBe(System.Net.HttpStatusCode.NotFound);
    }
}
