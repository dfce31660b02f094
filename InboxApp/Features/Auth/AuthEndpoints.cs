using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using InboxApp.Api;
using InboxApp.Auth;
using InboxApp.Core.Identity;
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
        open.MapPost("/register", Register).AllowAnonymous();
        open.MapPost("/login", Login).AllowAnonymous();
        group.MapPost("/refresh", Refresh).AllowAnonymous().RequireRateLimiting(RateLimits.Refresh);
        open.MapPost("/request-code", RequestCode).AllowAnonymous();
        open.MapPost("/verify-code", VerifyCode).AllowAnonymous();

        var signedIn = group.MapGroup("").RequireAuthorization(AuthSetup.ApiPolicy);
        signedIn.MapGet("/me", Me);
        signedIn.MapPost("/set-password", SetPassword);
        signedIn.MapPost("/complete-onboarding", CompleteOnboarding);
        return group;
    }

    private static async Task<Created<DataEnvelope<AuthTokens>>> Register(RegisterRequest request, AccountService accounts, CancellationToken ct)
    {
        var tokens = await accounts.RegisterAsync((request.OrganizationName ?? request.CompanyName)!, request.Name, request.Email, request.Password, ct);
        return TypedResults.Created("/api/v1/auth/me", Envelope.Data(tokens));
    }

    private static async Task<Ok<DataEnvelope<AuthTokens>>> Login(LoginRequest request, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(Envelope.Data(await accounts.LoginAsync(request.Email, request.Password, ct)));

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
