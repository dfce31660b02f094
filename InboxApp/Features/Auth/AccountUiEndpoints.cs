using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace InboxApp.Features.Auth;

/// <summary>Form posts of the login page: password sign-in, "email me a code", and sign-out (cookie scheme, antiforgery checked).</summary>
public static class AccountUiEndpoints
{
    public static void MapAccountUiEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription().RequireRateLimiting(Api.RateLimits.Auth)
            .AddEndpointFilter<Api.AccountRateLimitFilter>();
        group.MapPost("/login", Login);
        group.MapPost("/code/request", RequestCode);
        group.MapPost("/code/verify", VerifyCode);
        group.MapPost("/logout", Logout);
        app.MapPost("/account/signup/{token}", ConfirmSignup).ExcludeFromDescription().RequireRateLimiting(Api.RateLimits.Auth);
    }

    /// <summary>The sign-up confirmation page's button: creates the organization, signs its admin in with the cookie, opens the app.</summary>
    private static async Task<IResult> ConfirmSignup(HttpContext http, string token, IAntiforgery antiforgery, AccountService accounts, AccessResolver resolver)
    {
        // Only the page's own form: another site must not sign a visitor in to an account of its choosing.
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.LocalRedirect($"/signup/{Uri.EscapeDataString(token)}?error={Uri.EscapeDataString("The page was out of date; confirm again.")}");
        try
        {
            var tokens = await accounts.CompleteSignupAsync(token, http.RequestAborted);
            return await SignInAsync(http, resolver, tokens, "/");
        }
        catch (InboxException e)
        {
            return TypedResults.LocalRedirect($"/signup/{Uri.EscapeDataString(token)}?error={Uri.EscapeDataString(e.Message)}");
        }
    }

    private static async Task<IResult> Login(HttpContext http, [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        AccountService accounts, AccessResolver resolver)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Back("Enter your email and password.", email, returnUrl);
        try
        {
            var tokens = await accounts.LoginAsync(email, password, http.ClientAddress(), http.RequestAborted);
            return await SignInAsync(http, resolver, tokens, returnUrl);
        }
        catch (InboxException e)
        {
            return Back(e.Message, email, returnUrl);
        }
    }

    private static async Task<IResult> RequestCode(HttpContext http, [FromForm] string? email, [FromForm] string? returnUrl, AccountService accounts)
    {
        if (string.IsNullOrWhiteSpace(email)) return Back("Enter your email to get a code.", email, returnUrl);
        await accounts.RequestCodeAsync(email, http.RequestAborted);
        return TypedResults.LocalRedirect($"/login?step=code&email={Uri.EscapeDataString(email)}{ReturnQuery(returnUrl)}");
    }

    private static async Task<IResult> VerifyCode(HttpContext http, [FromForm] string? email, [FromForm] string? code, [FromForm] string? returnUrl,
        AccountService accounts, AccessResolver resolver)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(code))
            return Back("Enter the code from the email.", email, returnUrl, "code");
        try
        {
            var tokens = await accounts.VerifyCodeAsync(email, code, http.RequestAborted);
            return await SignInAsync(http, resolver, tokens, returnUrl);
        }
        catch (InboxException e)
        {
            return Back(e.Message, email, returnUrl, "code");
        }
    }

    /// <summary>
    /// Signs out: the antiforgery token is checked (no other site can sign a user out), the cookie's session is ended on
    /// the server (the same cookie replayed later is refused), then the cookie is removed.
    /// </summary>
    private static async Task<IResult> Logout(HttpContext http, IAntiforgery antiforgery, AccountService accounts, ILoggerFactory loggers)
    {
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        if (!signedIn) return TypedResults.LocalRedirect("/login"); // nothing to end (the session is gone already)
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.BadRequest("The sign-out form is out of date; reload the page and sign out again.");
        if (http.User.GetUserId() is not null)
            await accounts.LogoutAsync(http.User.ToActor(), http.User.GetSessionId(), http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        loggers.CreateLogger("InboxApp.Account").LogInformation("Signed out");
        return TypedResults.LocalRedirect("/login");
    }

    internal static async Task<IResult> SignInAsync(HttpContext http, AccessResolver resolver, AuthTokens tokens, string? returnUrl)
    {
        var access = await resolver.CurrentAccessAsync(tokens.User.Id, http.RequestAborted);
        if (access is null) return Back("The account cannot sign in.", tokens.User.Email, returnUrl);
        await http.SignInCookieAsync(access, persistent: true);
        return TypedResults.LocalRedirect(IsLocal(returnUrl) && returnUrl != "/" ? returnUrl! : Landing(access.Actor));
    }

    /// <summary>Where a sign-in without a particular destination lands: agents work the inbox; the others start at home.</summary>
    internal static string Landing(Actor actor) =>
        actor.Role == UserRole.AGENT && actor.OrganizationId is not null ? "/inbox" : "/";

    private static IResult Back(string error, string? email, string? returnUrl, string? step = null) =>
        TypedResults.LocalRedirect($"/login?error={Uri.EscapeDataString(error)}&email={Uri.EscapeDataString(email ?? "")}{(step is null ? "" : $"&step={step}")}{ReturnQuery(returnUrl)}");

    private static string ReturnQuery(string? returnUrl) => IsLocal(returnUrl) ? $"&returnUrl={Uri.EscapeDataString(returnUrl!)}" : "";

    /// <summary>A path of this site: starts with one slash, and no control characters (a tab or line break made the redirect fail).</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl);

    /// <summary>The caller's address for the sign-in lockout (after trusted forwarded headers).</summary>
    internal static string ClientAddress(this HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? AccountService.UnknownClient;
}

