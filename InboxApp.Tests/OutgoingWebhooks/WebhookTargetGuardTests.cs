using System.Net;
using InboxApp.Core.OutgoingWebhooks;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.OutgoingWebhooks;

/// <summary>The SSRF guard and the signature, without a host: names resolved by a resolver the test controls.</summary>
public sealed class WebhookTargetGuardTests
{
    /// <summary>Answers each name from a list of answers, one per lookup (the last one repeats): a DNS server that rebinds.</summary>
    private sealed class ScriptedResolver(Dictionary<string, string[]> answers) : IWebhookHostResolver
    {
        private readonly Dictionary<string, int> lookups = new();

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
        {
            var n = lookups[host] = lookups.GetValueOrDefault(host) + 1;
            var list = answers[host];
            return Task.FromResult(new[] { IPAddress.Parse(list[Math.Min(n, list.Length) - 1]) });
        }
    }

    private static (WebhookTargetGuard Guard, OutgoingWebhookSender Sender) Create(Dictionary<string, string[]> answers)
    {
        var options = Options.Create(new OutgoingWebhookOptions { RequestTimeout = TimeSpan.FromSeconds(2) });
        var guard = new WebhookTargetGuard(new ScriptedResolver(answers), options);
        return (guard, new OutgoingWebhookSender(guard, options));
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused()
    {
        var (guard, _) = Create(new() { ["partner.example"] = ["127.0.0.1"] });
        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.CheckAsync("https://partner.example/hook", CancellationToken.None));
        Assert.Contains("127.0.0.1", refused.Message);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_public_address_when_saved_and_to_a_private_one_when_sending_is_refused_at_connect_time()
    {
        var (guard, sender) = Create(new() { ["rebind.example"] = ["93.184.215.14", "169.254.169.254"] });
        using (sender)
        {
            var (_, addresses) = await guard.CheckAsync("https://rebind.example/hook", CancellationToken.None); // when saved: public
            Assert.Equal("93.184.215.14", Assert.Single(addresses).ToString());
            // When sending, the connect callback resolves again, gets the metadata address, and refuses to connect.
            var result = await sender.SendAsync("https://rebind.example/hook", Guid.NewGuid(), "{}", [WebhookSignature.NewSecret()], DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.False(result.Success);
            Assert.Null(result.StatusCode);
            Assert.Contains("169.254.169.254, which is not a public address", result.Error);
        }
    }

    [Theory]
    [InlineData("93.184.215.14", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("ff05::2", false)]
    [InlineData("2002:7f00:1::1", false)]   // 6to4 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe", false)] // NAT64 of 169.254.169.254
    public void Only_public_unicast_addresses_are_allowed(string address, bool allowed) =>
        Assert.Equal(allowed, WebhookTargetGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Signatures_match_the_standard_webhooks_reference_vector()
    {
        // From the Standard Webhooks specification's test suite.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var signature = WebhookSignature.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
        var other = WebhookSignature.NewSecret();
        var header = WebhookSignature.Header([other, secret], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");
        Assert.True(WebhookSignature.Verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""", header));
        Assert.True(WebhookSignature.Verify(other, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""", header));
        Assert.False(WebhookSignature.Verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, """{"test": 2432232314}""", header));
    }
}
