using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using InboxApp.Features.Users;
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
        app.MapPost("/account/signup", RequestSignup).ExcludeFromDescription().RequireRateLimiting(Api.RateLimits.Auth);
        app.MapPost("/account/signup/{token}", ConfirmSignup).ExcludeFromDescription().RequireRateLimiting(Api.RateLimits.Auth);
    }

    /// <summary>
    /// The sign-up page's form (<c>/signup</c>): the same step as <c>POST /api/v1/auth/register</c> (nothing is created until
    /// the emailed link is confirmed), then the page's "Check your email", whatever the address. A refused field goes
    /// back to the form with what was typed (never the password) and the reason.
    /// </summary>
    private static async Task<IResult> RequestSignup(HttpContext http, [FromForm] string? organizationName, [FromForm] string? name,
        [FromForm] string? email, [FromForm] string? password, AccountService accounts)
    {
        string Query(string? error = null, bool sent = false) =>
            $"/signup?email={Uri.EscapeDataString(email ?? "")}&organization={Uri.EscapeDataString(organizationName ?? "")}&name={Uri.EscapeDataString(name ?? "")}"
            + (sent ? "&sent=true" : "") + (error is null ? "" : $"&error={Uri.EscapeDataString(error)}");
        var request = new RegisterRequest(organizationName?.Trim(), null, name?.Trim() ?? "", email?.Trim() ?? "", password ?? "");
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(request, new(request), problems, validateAllProperties: true))
            return TypedResults.LocalRedirect(Query(SignupProblem(problems[0])));
        try
        {
            await accounts.RequestSignupAsync(request.OrganizationName!, request.Name, request.Email, request.Password, http.Request.BaseUrl(), http.RequestAborted);
        }
        catch (InboxException e)
        {
            return TypedResults.LocalRedirect(Query(e.Details?.Values.FirstOrDefault()?.FirstOrDefault() ?? e.Message));
        }
        return TypedResults.LocalRedirect(Query(sent: true));
    }

    /// <summary>A refused sign-up field in words a person reads (the data annotations name the C# property).</summary>
    private static string SignupProblem(System.ComponentModel.DataAnnotations.ValidationResult problem) =>
        problem.MemberNames.FirstOrDefault() switch
        {
            nameof(RegisterRequest.OrganizationName) => "Enter your organization's name (2 to 200 characters).",
            nameof(RegisterRequest.Name) => "Enter your name.",
            nameof(RegisterRequest.Email) => "Enter a valid email address.",
            nameof(RegisterRequest.Password) => PasswordPolicy.Hint,
            _ => problem.ErrorMessage ?? "Check the form.",
        };

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

