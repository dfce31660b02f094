namespace InboxApp.Core.Common;

/// <summary>
/// An expected failure a caller can act on. The web layer turns it into the error envelope
/// <c>{ "error": { "message", "code", "details"? } }</c> with <see cref="StatusCode"/>.
/// </summary>
public class InboxException(int statusCode, string code, string message, IReadOnlyDictionary<string, string[]>? details = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, string[]>? Details { get; } = details;

    public static InboxException NotFound(string what) => new(404, ErrorCodes.NotFound, $"{what} not found");
    public static InboxException Conflict(string message, string code = ErrorCodes.Conflict) => new(409, code, message);
    public static InboxException Forbidden(string message = "You do not have access to this resource", string code = ErrorCodes.Forbidden) => new(403, code, message);
    public static InboxException Unauthorized(string message = "Authentication required", string code = ErrorCodes.Unauthorized) => new(401, code, message);
    public static InboxException Invalid(string field, string message) =>
        new(400, ErrorCodes.ValidationError, message, new Dictionary<string, string[]> { [field] = [message] });
    public static InboxException Invalid(IReadOnlyDictionary<string, string[]> details) =>
        new(400, ErrorCodes.ValidationError, "The request is invalid", details);
}

public static class ErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string RateLimited = "RATE_LIMITED";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string OrganizationSuspended = "ORGANIZATION_SUSPENDED";
    public const string OrganizationCancelled = "ORGANIZATION_CANCELLED";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string AccountLocked = "ACCOUNT_LOCKED";
    public const string AccountInactive = "ACCOUNT_INACTIVE";
    public const string TokenReused = "TOKEN_REUSED";
    public const string InvalidToken = "INVALID_TOKEN";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string PasswordAlreadySet = "PASSWORD_ALREADY_SET";
}
