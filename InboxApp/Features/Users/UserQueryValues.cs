using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Users;

namespace InboxApp.Features.Users;

/// <summary>Query-string values of the user and invitation lists, parsed strictly (names only, any case; never numbers).</summary>
public static class UserQueryValues
{
    public static T? Enum<T>(string? value, string field) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (!trimmed.All(c => char.IsLetter(c) || c == '_') || !System.Enum.TryParse<T>(trimmed, ignoreCase: true, out var parsed))
            throw InboxException.Invalid(field, $"{field} must be one of: {string.Join(", ", System.Enum.GetNames<T>())}");
        return parsed;
    }

    /// <summary>The list filters of <c>GET /users</c> (also used by bulk actions in <c>all</c> mode).</summary>
    public static UserFilter Filter(string? search, string? role, string? status) =>
        new(search, Enum<UserRole>(role, "role"), Enum<UserStatusFilter>(status, "status"));

    /// <summary>Where emailed links point when <c>Auth:PublicBaseUrl</c> is not set: the address the caller used.</summary>
    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
