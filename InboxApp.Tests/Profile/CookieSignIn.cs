using System.Net;
using System.Text.RegularExpressions;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InboxApp.Tests.Profile;

/// <summary>Signs in through the login page's form (antiforgery token and cookie), as a browser does, to fetch pages.</summary>
public static partial class CookieSignIn
{
    public static async Task<HttpClient> SignInWithCookieAsync(this InboxAppFactory factory, string email, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(login).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the login page should carry an antiforgery token");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error=", response.Headers.Location?.ToString() ?? "");
        return client;
    }

    /// <summary>The prerendered HTML of a page, HTML entities decoded.</summary>
    public static async Task<string> PageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await response.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
