using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;

namespace InboxApp.Security;

/// <summary>
/// HTTPS behind a TLS-terminating proxy. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the
/// proxies the operator names (<c>ForwardedHeaders:KnownProxies</c>: addresses, <c>ForwardedHeaders:KnownNetworks</c>: CIDR
/// ranges) and from this machine (loopback), so behind such a proxy the request's scheme and client address are the
/// original ones: cookies get <c>Secure</c> when the browser used HTTPS, and the rate limits see the real client.
/// In Production, HTTPS responses carry HSTS; <c>Https:RedirectHttp</c> sends plain HTTP requests to HTTPS.
/// </summary>
public static class ProxyAndHttps
{
    public const string ForwardedSection = "ForwardedHeaders";

    public static IServiceCollection AddInboxProxyAndHttps(this IServiceCollection services)
    {
        services.AddOptions<HttpsOptions>().BindConfiguration(HttpsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults (127.0.0.0/8 and ::1) stay: a proxy on this machine is trusted without configuration.
            foreach (var value in Values(configuration.GetSection($"{ForwardedSection}:KnownProxies")))
                o.KnownProxies.Add(IPAddress.TryParse(value, out var ip) ? ip
                    : throw new InvalidOperationException($"{ForwardedSection}:KnownProxies: '{value}' is not an IP address"));
            foreach (var value in Values(configuration.GetSection($"{ForwardedSection}:KnownNetworks")))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(value, out var network) ? network
                    : throw new InvalidOperationException($"{ForwardedSection}:KnownNetworks: '{value}' is not a network (CIDR, e.g. 10.0.0.0/8)"));
        });
        services.AddOptions<HstsOptions>().Configure<Microsoft.Extensions.Options.IOptions<HttpsOptions>>((o, https) =>
            o.MaxAge = TimeSpan.FromDays(https.Value.HstsMaxAgeDays));
        services.AddOptions<HttpsRedirectionOptions>().Configure<Microsoft.Extensions.Options.IOptions<HttpsOptions>>((o, https) =>
            o.HttpsPort = https.Value.Port);
        // The antiforgery cookie is Secure whenever the (original) request was HTTPS, as the session cookie is.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: the original scheme and client address, then HSTS and the optional redirect.</summary>
    public static WebApplication UseInboxProxyAndHttps(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsProduction()) app.UseHsts();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HttpsOptions>>().Value.RedirectHttp) app.UseHttpsRedirection();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>A list setting given either as an array (<c>KnownProxies:0</c>, …) or as one comma- or semicolon-separated value.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section)
    {
        var items = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return items.OfType<string>()
            .SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

public sealed class HttpsOptions
{
    public const string SectionName = "Https";

    /// <summary>Redirect plain HTTP requests to HTTPS (off by default: behind a proxy the proxy usually does it).</summary>
    public bool RedirectHttp { get; set; }

    /// <summary>The HTTPS port the redirect points to.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535)]
    public int Port { get; set; } = 443;

    /// <summary><c>max-age</c> of the HSTS header sent in Production on HTTPS responses.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 730)]
    public int HstsMaxAgeDays { get; set; } = 365;
}
