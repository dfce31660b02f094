using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Identity;

public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The longest a sign-in cookie lives after it was last renewed (sliding): 14 days.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(14);

    /// <summary>Access token lifetime in minutes (at most 15).</summary>
    [Range(1, 15)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>Failed password attempts before the account locks.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(1, 60)]
    public int LoginCodeMinutes { get; set; } = 10;

    [Range(1, 90)]
    public int InvitationDays { get; set; } = 7;

    /// <summary>Public base URL used in emailed links (accept invitation). Defaults to the request's own URL.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// How often an open browser tab (Blazor circuit) re-checks that its user may still act (deactivated, removed, role
    /// or password changed, signed out, organization suspended). Changes made on this node end the tab's session at once;
    /// this interval bounds how long a change made on another node takes. Every action of a page is checked as well.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the confirmation link of a self-service sign-up works (hours).</summary>
    [Range(1, 168)]
    public int SignupLinkHours { get; set; } = 24;

    /// <summary>Allow self-service registration through <c>POST /api/v1/auth/register</c>.</summary>
    public bool AllowRegistration { get; set; } = true;
}
