using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Users;

namespace InboxApp.Features.Users;

/// <summary>Query-string values of the user and invitation lists, parsed strictly (names only, any case; never numbers).</summary>
public static class UserQueryValues
{
    /// <summary>The list filters of <c>GET /users</c> (also used by bulk actions in <c>all</c> mode).</summary>
    public static UserFilter Filter(string? search, string? role, string? status) =>
        new(search, QueryValues.Enum<UserRole>(role, "role"), QueryValues.Enum<UserStatusFilter>(status, "status"));

    /// <summary>Where emailed links point when <c>Auth:PublicBaseUrl</c> is not set: the address the caller used.</summary>
    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
