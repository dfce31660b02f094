using System.Net;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Security;

/// <summary>
/// The test server has no network peer: requests carrying <see cref="Header"/> get that address as their connection's
/// remote address, before the app's own pipeline (the forwarded-headers middleware) sees them, as Kestrel would set it.
/// </summary>
public sealed class PeerAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            return following(context);
        });
        next(app);
    };
}

/// <summary>Helpers of the security tests: a peer address per request, forwarded headers, cookies as the server sets them.</summary>
public static class SecurityTestKit
{
    public static void AddPeerAddresses(this IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressStartupFilter>());

    /// <summary>A request from <paramref name="peer"/>, optionally with <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>.</summary>
    public static HttpRequestMessage From(this HttpRequestMessage request, string peer, string? forwardedFor = null, string? forwardedProto = null)
    {
        request.Headers.Add(PeerAddressStartupFilter.Header, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    public static HttpRequestMessage Json(HttpMethod method, string url, object body) =>
        new(method, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };

    /// <summary>The <c>Set-Cookie</c> header of the cookie named <paramref name="prefix"/>… (null when none was set).</summary>
    public static string? SetCookie(this HttpResponseMessage response, string prefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith(prefix, StringComparison.Ordinal)) : null;

    public static bool IsSecure(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Any(p => p.Equals("secure", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Signs in through the login form as a browser behind a proxy would: GET /login, then POST /account/login with the
    /// antiforgery cookie and token, every request from <paramref name="peer"/> with the forwarded headers given.
    /// Returns the antiforgery and session <c>Set-Cookie</c> headers.
    /// </summary>
    public static async Task<(string Antiforgery, string Session)> SignInThroughFormAsync(this InboxAppFactory factory, SignedIn user,
        string peer, string? forwardedProto)
    {
        var client = factory.Server.CreateClient();
        var page = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/login").From(peer, forwardedProto: forwardedProto));
        await page.ShouldBe(HttpStatusCode.OK);
        var antiforgery = page.SetCookie(".AspNetCore.Antiforgery") ?? throw new Xunit.Sdk.XunitException("The login page set no antiforgery cookie");
        var html = await page.Content.ReadAsStringAsync();
        var input = System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*__RequestVerificationToken[^>]*>").Value;
        var token = System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = user.Email, ["password"] = user.Password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
            }),
        }.From(peer, forwardedProto: forwardedProto);
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.SetCookie("inbox.auth") ?? throw new Xunit.Sdk.XunitException("Signing in set no session cookie: " + signedIn.Headers.Location);
        return (antiforgery, session);
    }
}
