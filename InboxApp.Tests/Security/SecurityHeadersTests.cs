using System.Net;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Security;

[Collection(SharedApp.Name)]
public sealed class SecurityHeadersTests(NoJobsAppFactory factory)
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task Pages_carry_a_script_src_policy_nosniff_a_referrer_policy_and_no_framing()
    {
        var page = await factory.CreateClient().GetAsync("/login");
        await page.ShouldBe(HttpStatusCode.OK);
        var policy = Header(page, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(page, "Referrer-Policy"));
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
    }

    [Fact]
    public async Task Api_answers_and_the_api_reference_are_not_sniffed_or_framed()
    {
        var client = factory.CreateClient();
        var api = await client.GetAsync("/api/v1/health");
        await api.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("nosniff", Header(api, "X-Content-Type-Options"));
        Assert.Equal("", Header(api, "Content-Security-Policy"));

        var docs = await client.GetAsync("/api-docs/index.html");
        await docs.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("DENY", Header(docs, "X-Frame-Options"));
        Assert.Equal("frame-ancestors 'none'", Header(docs, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(docs, "X-Content-Type-Options"));
    }
}
