using InboxApp.Core.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Identity;

/// <summary>
/// The base of links the app sends by email (invitations, sign-up confirmations). A request's <c>Host</c> header is whatever the caller wrote, so a
/// link never takes it on trust: <c>Auth:PublicBaseUrl</c> when set; in Production nothing else (links are refused until it is
/// configured); elsewhere the request's own address only when its host is one of <c>AllowedHosts</c> (or, while
/// <c>AllowedHosts</c> is <c>*</c>, this machine: <c>localhost</c> or a loopback address).
/// </summary>
public sealed class PublicLinks(IOptions<AuthOptions> options, IHostEnvironment environment, IConfiguration configuration)
{
    public const string NotConfiguredCode = "PUBLIC_BASE_URL_REQUIRED";

    /// <summary>The root of emailed links for a caller who reached the app at <paramref name="requestBaseUrl"/>, or a 409 explaining what to configure.</summary>
    public string Root(string requestBaseUrl)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)) return options.Value.PublicBaseUrl.TrimEnd('/');
        if (environment.IsProduction())
            throw InboxException.Conflict(
                "Emailed links (invitations, sign-up confirmations) cannot be sent until the server's public address is configured: the server's operator must set " +
                "Auth:PublicBaseUrl (for example https://inbox.example.com) and restart the app.", NotConfiguredCode);
        if (!Uri.TryCreate(requestBaseUrl, UriKind.Absolute, out var uri) || !IsTrusted(uri.Host))
            throw InboxException.Conflict(
                $"Emailed links cannot use the address '{(uri?.Host ?? requestBaseUrl)}': it is not one of the server's AllowedHosts. " +
                "The server's operator must set Auth:PublicBaseUrl (or AllowedHosts).", NotConfiguredCode);
        return requestBaseUrl.TrimEnd('/');
    }

    private bool IsTrusted(string host)
    {
        var allowed = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (allowed.Length == 0 || allowed.Contains("*")) return IsLoopback(host);
        return allowed.Any(a => a.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(a[1..], StringComparison.OrdinalIgnoreCase) && host.Length > a.Length - 1
            : string.Equals(a, host, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
