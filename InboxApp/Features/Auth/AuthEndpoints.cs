using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Features.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboxApp.Features.Auth;

public sealed record RegisterRequest(
    [property: StringLength(200, MinimumLength = 2)] string? OrganizationName,
    [property: StringLength(200, MinimumLength = 2)] string? CompanyName,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, EmailAddress, StringLength(256)] string Email,
    [property: Required, StringLength(PasswordPolicy.MaxLength)] string Password) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(OrganizationName) && string.IsNullOrWhiteSpace(CompanyName))
            yield return new ValidationResult("The organization name is required", [nameof(OrganizationName)]);
    }
}

public sealed record ConfirmSignupRequest([property: Required, StringLength(128, MinimumLength = 1)] string Token);

public sealed record LoginRequest([property: Required, EmailAddress, StringLength(256)] string Email, [property: Required, StringLength(PasswordPolicy.MaxLength)] string Password);

public sealed record RefreshRequest([property: Required, StringLength(200)] string RefreshToken);

public sealed record SetPasswordRequest([property: Required, StringLength(PasswordPolicy.MaxLength)] string Password);

public sealed record RequestCodeRequest([property: Required, EmailAddress, StringLength(256)] string Email);

public sealed record VerifyCodeRequest([property: Required, EmailAddress, StringLength(256)] string Email, [property: Required, StringLength(12, MinimumLength = 4)] string Code);

public sealed record MessageResponse(string Message);

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        var open = group.MapGroup("").RequireRateLimiting(RateLimits.Auth).AddEndpointFilter<AccountRateLimitFilter>();
        open.MapPost("/register", Register).AllowAnonymous()
            .WithSummary("Sign up: create an organization")
            .WithDescription("Starts a self-service sign-up (`organizationName`, or `companyName` as the CX seed calls it, and the first admin's name, email and password). Nothing is created yet: the answer is always 202 and the same whether or not the address already has an account, so it reveals none. A new address is sent a single-use link (valid `Auth:SignupLinkHours`, default 24 hours) that creates the organization and signs its admin in (`POST /api/v1/auth/register/confirm`, or the link's page); an address that already has an account is sent a notice with the sign-in address instead.")
            .ProducesError(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Self-service registration is disabled on this server")
            .ProducesError(StatusCodes.Status409Conflict, PublicLinks.NotConfiguredCode, "Sign-up links cannot be sent until the server's public address is configured");
        open.MapPost("/register/confirm", ConfirmSignup).AllowAnonymous()
            .WithSummary("Confirm a sign-up")
            .WithDescription("Trades the token of the emailed sign-up link for the new organization and its admin, signed in: the answer carries an access token (15 minutes) and a refresh token. The link works once.")
            .ProducesError(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Sign-up not found")
            .ProducesError(StatusCodes.Status409Conflict, SignupErrors.Used, "This sign-up link was already used; sign in with your email and password")
            .ProducesError(StatusCodes.Status409Conflict, SignupErrors.Expired, "This sign-up link has expired; sign up again to get a new one")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.EmailTaken, "An account with this email already exists; sign in instead");
        open.MapPost("/login", Login).AllowAnonymous()
            .WithSummary("Sign in with email and password")
            .WithDescription("Answers an access token (`at.…`, valid 15 minutes, sent as `Authorization: Bearer`) and a refresh token to renew it. Repeated failures lock the failing client (not the account) out for a while; an unknown address takes as long as a known one.")
            .ProducesError(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "Invalid email or password")
            .ProducesError(StatusCodes.Status403Forbidden, ErrorCodes.AccountLocked, "Too many failed attempts from this client; signing in from here is locked for a while")
            .ProducesError(StatusCodes.Status403Forbidden, ErrorCodes.AccountInactive, "This account is deactivated")
            .ProducesError(StatusCodes.Status403Forbidden, ErrorCodes.OrganizationSuspended, "The organization is suspended");
        group.MapPost("/refresh", Refresh).AllowAnonymous().RequireRateLimiting(RateLimits.Refresh)
            .WithSummary("Renew the access token")
            .WithDescription("Trades a refresh token for a new access token and a new refresh token; the old refresh token stops working. Presenting a refresh token that was already used revokes the whole session.")
            .ProducesError(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, "The refresh token is unknown, expired or revoked")
            .ProducesError(StatusCodes.Status401Unauthorized, ErrorCodes.TokenReused, "The refresh token was already used; the session is revoked");
        open.MapPost("/request-code", RequestCode).AllowAnonymous()
            .WithSummary("Email a sign-in code")
            .WithDescription("Sends a one-time sign-in code to the address when it has an account. The answer is the same either way, so it does not reveal which addresses have accounts.");
        open.MapPost("/verify-code", VerifyCode).AllowAnonymous()
            .WithSummary("Sign in with an emailed code")
            .WithDescription("Trades the code from `request-code` for tokens, as a login does. A code expires after a few minutes and after 5 wrong attempts.")
            .ProducesError(StatusCodes.Status401Unauthorized, "INVALID_CODE", "The code is not valid or has expired");

        var signedIn = group.MapGroup("").RequireAuthorization(AuthSetup.ApiPolicy);
        signedIn.MapGet("/me", Me)
            .WithSummary("Who am I?")
            .WithDescription("The signed-in user with their role and organization. An API key has no user: it gets 403.");
        signedIn.MapPost("/set-password", SetPassword)
            .WithSummary("Set a first password")
            .WithDescription("For a user without a password (signed in with an emailed code, or invited): sets it, ends other sessions and answers fresh tokens. Replacing a password needs the current one (`POST /api/v1/profile/change-password`).")
            .ProducesError(StatusCodes.Status409Conflict, ErrorCodes.PasswordAlreadySet, "This account already has a password; change it with the current one");
        signedIn.MapPost("/logout", Logout)
            .WithSummary("Sign out")
            .WithDescription("Ends the session of the access token on the server: its refresh token (the whole rotated family) and its access tokens are refused from now on; other sign-ins of the user go on. An API key has no session: it gets 403.");
        signedIn.MapPost("/complete-onboarding", CompleteOnboarding)
            .WithSummary("Finish onboarding")
            .WithDescription("Marks the organization's onboarding as done and answers the organization. Admins only.");
        return group;
    }

    private static async Task<Accepted<DataEnvelope<MessageResponse>>> Register(RegisterRequest request, HttpRequest http, AccountService accounts, CancellationToken ct)
    {
        await accounts.RequestSignupAsync((request.OrganizationName ?? request.CompanyName)!, request.Name, request.Email, request.Password, http.BaseUrl(), ct);
        return TypedResults.Accepted((string?)null, Envelope.Data(new MessageResponse(SignupSent)));
    }

    /// <summary>The one answer to every sign-up.</summary>
    public const string SignupSent = "Check your email: we sent a message to the address to finish signing up";

    private static async Task<Created<DataEnvelope<AuthTokens>>> ConfirmSignup(ConfirmSignupRequest request, AccountService accounts, CancellationToken ct) =>
        TypedResults.Created("/api/v1/auth/me", Envelope.Data(await accounts.CompleteSignupAsync(request.Token, ct)));

    private static async Task<Ok<DataEnvelope<AuthTokens>>> Login(LoginRequest request, HttpContext http, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.LoginAsync(request.Email, request.Password, http.ClientAddress(), ct)));

    private static async Task<NoContent> Logout(ClaimsPrincipal user, AccountService accounts, CancellationToken ct)
    {
        await accounts.LogoutAsync(user.ToActor(), user.GetSessionId(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DataEnvelope<AuthTokens>>> Refresh(RefreshRequest request, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.RefreshAsync(request.RefreshToken, ct)));

    private static async Task<Ok<DataEnvelope<MessageResponse>>> RequestCode(RequestCodeRequest request, AccountService accounts, CancellationToken ct)
    {
        await accounts.RequestCodeAsync(request.Email, ct);
        return TypedResults.Ok(Envelope.Data(new MessageResponse("If the address has an account, a sign-in code was sent to it")));
    }

    private static async Task<Ok<DataEnvelope<AuthTokens>>> VerifyCode(VerifyCodeRequest request, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.VerifyCodeAsync(request.Email, request.Code, ct)));

    private static async Task<Ok<DataEnvelope<UserDto>>> Me(ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.MeAsync(user.ToActor(), ct)));

    private static async Task<Ok<DataEnvelope<AuthTokens>>> SetPassword(SetPasswordRequest request, ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.SetPasswordAsync(user.ToActor(), request.Password, ct)));

    private static async Task<Ok<DataEnvelope<OrganizationSummary>>> CompleteOnboarding(ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.CompleteOnboardingAsync(user.ToActor(), ct)));
}
